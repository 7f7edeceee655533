/**
 * Creates and updates the on-disk content index (index-schema.ts) from the markdown folder: what a
 * build, the revalidation webhook and the folder watcher run.
 *
 * A file is read again only when its size or modification time changed, and rendered again only
 * when the hash of its text (or the renderer version, or the size of a local image its body shows)
 * changed: a build after editing one file of 100,000 re-renders one body. Every update is one
 * transaction: when anything is invalid, nothing is written and the error names every file and
 * field (the last good version keeps being served).
 *
 * This file is the order of an update; the folder's rules are folder.ts, one file's are
 * article-file.ts and extras.ts, an article's rows index-rows.ts, live blogs index-live.ts, the
 * checks between files index-checks.ts and the derived tables index-derived.ts.
 */
import fs from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import { ContentValidationError, type ContentProblem } from "../errors";
import type { Author, Section } from "../types";
import { articleRecord, authorRecord, localImageSizes, mediaNotice, prepareFile, renderOptions, type FolderContext, type RenderSetting } from "./article-file";
import type { RenderOptions } from "../../html/pipeline";
import { articleFile, articleFiles, authorFiles, fileLabel, flattenSections, readFolderSite, readPages, trustLinkProblems } from "./folder";
import { loadSiteConfig } from "../../config/site";
import { INDEX_FORMAT, indexFile, openForWriting, readMeta, rendererVersion } from "./index-schema";
import { ArticleRows, articleOwner, type FileState, type Touched } from "./index-rows";
import { updateLiveUpdates } from "./index-live";
import { folderProblems } from "./index-checks";
import { rebuildSectionLists, refreshMonths, refreshTags } from "./index-derived";
import { prepareInProcess, sha256, type Preparer } from "./prepare";
import { embedCacheDir, embedUrlsIn, PreviewSession, previewState, readPreview } from "../../embeds/oembed";

export { prepareInProcess, type Preparer };

/** What changed: everything (a scan), or the named articles, authors and site.yml. */
export interface UpdateRequest {
  all?: boolean;
  /** Articles, with their live-blog updates. */
  slugs?: string[];
  /** Standing pages changed (all of them are re-read: there are few). */
  pages?: boolean;
  authors?: string[];
  site?: boolean;
}

export interface UpdateResult {
  file: string;
  /** Articles (re)rendered. */
  rendered: number;
  removed: number;
  /** Files read again whose text had not changed. */
  unchanged: number;
  articles: number;
  ms: number;
  full: boolean;
}

interface StoredRow extends FileState {
  id: number;
  slug: string;
}

type Pending = FileState & { slug: string; text: string };

const BATCH = 256;

/** One update in progress: what it knows of the folder, and what it did so far. */
interface Pass {
  full: boolean;
  rerender: boolean;
  rows: ArticleRows;
  problems: ContentProblem[];
  setting: RenderSetting;
  ctx: FolderContext;
  sectionSlugs: Set<string>;
  parentOf: (path: string) => string | undefined;
  imagesChanged: (owner: string) => boolean;
  previews: PreviewSession;
  touched: Touched;
  pending: Pending[];
  preparer: Preparer;
  log: (line: string) => void;
  counts: { rendered: number; removed: number; unchanged: number };
}

export class IndexWriter {
  readonly db: Database.Database;
  private readonly realDir: string;

  constructor(
    private readonly dir: string,
    readonly file: string = indexFile(dir),
    /** How embed previews are fetched (tests: a stand-in's environment); default: the real endpoints, into the folder's cache. */
    private readonly previewOptions: { fetch?: typeof fetch; env?: NodeJS.ProcessEnv } = {},
  ) {
    this.db = openForWriting(file);
    this.realDir = fs.realpathSync(dir);
  }

  close(): void {
    this.db.close();
  }

  /** Brings the index up to date with the folder (or the named files). Throws ContentValidationError, writing nothing. */
  async update(request: UpdateRequest = { all: true }, preparer: Preparer = prepareInProcess, log: (line: string) => void = () => {}): Promise<UpdateResult> {
    const started = performance.now();
    const db = this.db;
    db.exec("BEGIN IMMEDIATE");
    try {
      const result = await this.updateInTransaction(request, preparer, log);
      db.exec("COMMIT");
      if (result.rendered + result.removed > 1000) db.pragma("wal_checkpoint(TRUNCATE)");
      return { ...result, ms: Math.round(performance.now() - started) };
    } catch (error) {
      if (db.inTransaction) db.exec("ROLLBACK");
      throw error;
    }
  }

  private label(rel: string): string {
    return fileLabel(this.dir, path.join(this.dir, rel));
  }

  private async updateInTransaction(request: UpdateRequest, preparer: Preparer, log: (line: string) => void): Promise<Omit<UpdateResult, "ms">> {
    const db = this.db;
    const meta = readMeta(db);
    const renderer = rendererVersion();
    // The site's language shapes rendered bodies (lib/i18n labels): a change re-renders them all.
    const language = loadSiteConfig(this.dir).language;
    const rerender = meta.renderer !== renderer || (meta.language !== undefined && meta.language !== language);
    const full = Boolean(request.all) || rerender || !meta.generation || meta.contentDir !== this.realDir || meta.language !== language;
    const problems: ContentProblem[] = [];
    const setting: RenderSetting = { language, dir: this.dir };
    // Words written by this transaction only: a rolled-back one must not be taken as written.
    const rows = new ArticleRows(db);
    // Bodies show local images at the size of their files: a file replaced since (same text)
    // renders again the articles and updates that show it. One reader per update: read afresh.
    const sizes = localImageSizes(this.dir);
    const staleImages = full ? rows.staleImageOwners(sizes) : null;
    // Embed previews (lib/embeds/oembed.ts) are fetched before the bodies that show them are rendered;
    // a full update asks again for those an earlier one could not get, and renders again the bodies
    // whose preview was fetched (or went) since.
    const previews = new PreviewSession(embedCacheDir(this.dir), this.previewOptions.fetch, this.previewOptions.env);
    if (full) await previews.ensure(rows.embedsWithoutPreview());
    const previewNow = (url: string) => previewState(readPreview(previews.dir, url));
    const staleEmbeds = full ? rows.staleEmbedOwners(previewNow) : null;
    const imagesChanged = (owner: string) =>
      (staleImages ? staleImages.has(owner) : rows.staleImageOwners(sizes, owner).size > 0) ||
      (staleEmbeds ? staleEmbeds.has(owner) : rows.staleEmbedOwners(previewNow, owner).size > 0);

    // site.yml: read when asked or on a full update, else the tree the index was last checked with.
    let sections: Section[];
    let treeChanged = false;
    if (full || request.site) {
      sections = readFolderSite(this.dir, problems).sections;
      treeChanged = JSON.stringify(sections) !== meta.sections;
    } else {
      sections = JSON.parse(meta.sections ?? "[]") as Section[];
    }
    const flat = flattenSections(sections);
    const sectionsByPath = new Map(flat.map((s) => [s.path, s]));
    const parentOf = (p: string) => sectionsByPath.get(p)?.parentPath;

    // Authors: few, so a full update reads them all; otherwise only the named ones.
    const authorsChanged = full || Boolean(request.authors?.length);
    const options = renderOptions(setting);
    this.updateAuthors(full ? null : (request.authors ?? []), problems, options);
    const authorSlugs = new Set(db.prepare("SELECT slug FROM authors").pluck().all() as string[]);

    // Before the files: records written below already follow the new tree.
    if (treeChanged) rebuildSectionLists(db, parentOf);

    const pass: Pass = {
      full,
      rerender,
      rows,
      problems,
      setting,
      ctx: { dir: this.dir, language, sectionsByPath, hasAuthor: (s) => authorSlugs.has(s), imageSizes: new Map() },
      sectionSlugs: new Set(flat.map((s) => s.slug)),
      parentOf,
      imagesChanged,
      previews,
      touched: { tags: new Set(), months: new Set() },
      pending: [],
      preparer,
      log,
      counts: { rendered: 0, removed: 0, unchanged: 0 },
    };
    if (full) await this.scanArticles(pass);
    else await this.readNamedArticles(pass, new Set(request.slugs ?? []));

    if (full || request.pages || request.site) this.replacePages(sections, problems, options);
    await updateLiveUpdates(
      db,
      this.dir,
      rows,
      { slugs: full ? null : new Set(request.slugs ?? []), rerender, imagesChanged, previews, hasAuthor: (s) => authorSlugs.has(s), preparer, setting, batch: BATCH },
      problems,
    );

    problems.push(...folderProblems(db, this.dir, { sectionsByPath, checkSections: full || Boolean(request.site), checkAuthors: authorsChanged, checkImages: full }));
    if (full || request.site || request.pages) {
      // The trust links of site.yml lead to a page, a section or an article of the folder.
      const hasPage = db.prepare("SELECT 1 FROM pages WHERE slug = ?").pluck();
      const hasArticle = db.prepare("SELECT 1 FROM articles WHERE section || '/' || slug = ?").pluck();
      const exists = (t: string) => Boolean(hasPage.get(t)) || sectionsByPath.has(t) || Boolean(hasArticle.get(t));
      problems.push(...trustLinkProblems(this.dir, loadSiteConfig(this.dir), exists));
    }
    // One line for the whole update, however many embeds went without: a notice (info), never a
    // problem — nothing fails, and a machine without outbound network is a normal way to run.
    const missing = previews.summary();
    if (missing) console.log(missing);
    if (problems.length) throw new ContentValidationError(problems);

    refreshTags(db, full ? null : pass.touched.tags);
    refreshMonths(db, full ? null : pass.touched.months);
    const set = db.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    set.run("format", String(INDEX_FORMAT));
    set.run("renderer", renderer);
    set.run("language", language);
    set.run("contentDir", this.realDir);
    set.run("sections", JSON.stringify(sections));
    set.run("generation", String(Number(meta.generation ?? 0) + 1));
    set.run("updatedAt", new Date().toISOString());
    const articles = db.prepare("SELECT count(*) FROM articles").pluck().get() as number;
    return { file: this.file, ...pass.counts, articles, full };
  }

  /** Renders the articles read so far (in worker threads when the preparer has them) and writes them. */
  private async flush(pass: Pass): Promise<void> {
    if (!pass.pending.length) return;
    const batch = pass.pending.splice(0);
    await pass.previews.ensure(batch.flatMap((p) => embedUrlsIn(p.text)));
    const prepared = await pass.preparer(
      batch.map((p) => p.text),
      pass.setting,
    );
    batch.forEach((p, i) => {
      const notice = mediaNotice(this.label(p.rel), prepared[i]);
      if (notice) console.warn(notice);
      const record = articleRecord(this.label(p.rel), p.slug, prepared[i], pass.ctx, pass.problems);
      if (record) {
        pass.rows.upsert(record, p, pass.parentOf, pass.touched);
        pass.counts.rendered++;
      }
    });
    const { rendered } = pass.counts;
    if (rendered && rendered % 5000 < batch.length) pass.log(`  ${rendered} articles rendered …`);
  }

  /**
   * Reads an article's file unless its size and time are those stored (`row`), and queues it for
   * rendering unless its text is: `again` renders it whatever (a new renderer, a replaced image).
   */
  private async read(pass: Pass, slug: string, rel: string, row: StoredRow | undefined, again: boolean): Promise<void> {
    const st = fs.statSync(path.join(this.dir, rel));
    const same = !again && row && row.slug === slug;
    if (same && pass.full && row.mtime === st.mtimeMs && row.size === st.size && row.rel === rel) return;
    const text = fs.readFileSync(path.join(this.dir, rel), "utf8");
    const hash = sha256(text);
    if (same && row.hash === hash && (pass.full || row.rel === rel)) {
      this.db.prepare("UPDATE articles SET mtime = ?, size = ?, file = ? WHERE id = ?").run(st.mtimeMs, st.size, rel, row.id);
      pass.counts.unchanged++;
      return;
    }
    pass.pending.push({ rel, slug, mtime: st.mtimeMs, size: st.size, hash, text });
    if (pass.pending.length >= BATCH) await this.flush(pass);
  }

  /** A full update: every file of articles/, and the rows of files gone. */
  private async scanArticles(pass: Pass): Promise<void> {
    const stored = new Map<string, StoredRow>();
    for (const row of this.db.prepare("SELECT id, slug, file AS rel, mtime, size, hash FROM articles").all() as StoredRow[]) stored.set(row.rel, row);
    const files = articleFiles(this.dir, pass.sectionSlugs, pass.problems);
    for (const [slug, rel] of files) {
      const row = stored.get(rel);
      stored.delete(rel);
      await this.read(pass, slug, rel, row, pass.rerender || pass.imagesChanged(articleOwner(slug)));
    }
    await this.flush(pass);
    for (const row of stored.values()) {
      if (files.has(row.slug)) continue; // moved to another file: updated in place
      pass.rows.remove(row.id, pass.touched);
      pass.counts.removed++;
    }
  }

  /** The named articles only (the webhook, the watcher): wherever their file is now, or removed when there is none. */
  private async readNamedArticles(pass: Pass, slugs: Set<string>): Promise<void> {
    const bySlug = this.db.prepare("SELECT id, slug, file AS rel, mtime, size, hash FROM articles WHERE slug = ?");
    for (const slug of slugs) {
      const row = bySlug.get(slug) as StoredRow | undefined;
      const rel = articleFile(this.dir, slug, row?.rel, pass.sectionSlugs, pass.problems);
      if (rel === false) continue;
      if (rel === null) {
        if (row) {
          pass.rows.remove(row.id, pass.touched);
          pass.counts.removed++;
        }
        continue;
      }
      await this.read(pass, slug, rel, row, pass.imagesChanged(articleOwner(slug)));
    }
    await this.flush(pass);
  }

  private replacePages(sections: Section[], problems: ContentProblem[], options: RenderOptions): void {
    const pages = readPages(this.dir, sections, problems, (rel) => this.prepareOne(rel, options));
    this.db.exec("DELETE FROM pages");
    const put = this.db.prepare("INSERT INTO pages (slug, file, model) VALUES (?, ?, ?)");
    for (const page of pages.values()) put.run(page.slug, `pages/${page.slug}.md`, JSON.stringify(page));
  }

  /** Reads and renders one small file (an author, a page) in process, logging what its media step noticed. */
  private prepareOne(rel: string, options: RenderOptions) {
    const prepared = prepareFile(fs.readFileSync(path.join(this.dir, rel), "utf8"), options);
    const notice = mediaNotice(this.label(rel), prepared);
    if (notice) console.warn(notice);
    return prepared;
  }

  /** Every author (`slugs` null: the table is rewritten), or the named ones. */
  private updateAuthors(slugs: string[] | null, problems: ContentProblem[], options: RenderOptions): void {
    const files = authorFiles(this.dir, problems);
    if (slugs === null) this.db.exec("DELETE FROM authors");
    const put = this.db.prepare("INSERT INTO authors (slug, file, model) VALUES (?, ?, ?) ON CONFLICT (slug) DO UPDATE SET file = excluded.file, model = excluded.model");
    for (const slug of slugs ?? files.keys()) {
      this.db.prepare("DELETE FROM authors WHERE slug = ?").run(slug);
      const rel = files.get(slug);
      if (!rel) continue;
      const author = authorRecord(this.label(rel), slug, this.prepareOne(rel, options), this.dir, problems);
      if (author) put.run(slug, rel, JSON.stringify(author satisfies Author));
    }
  }
}

/** One update of the index of `dir` (opens, updates, closes). */
export async function updateContentIndex(
  dir: string,
  request: UpdateRequest = { all: true },
  options: { preparer?: Preparer; log?: (line: string) => void; file?: string; previews?: { fetch?: typeof fetch; env?: NodeJS.ProcessEnv } } = {},
): Promise<UpdateResult> {
  const writer = new IndexWriter(dir, options.file, options.previews);
  try {
    return await writer.update(request, options.preparer, options.log);
  } finally {
    writer.close();
  }
}
