/**
 * Creates and updates the on-disk content index (index-schema.ts) from the markdown folder.
 *
 * A file is read again only when its size or modification time changed, and rendered again only
 * when the hash of its text (or the renderer version, or the size of a local image its body shows)
 * changed: a build after editing one file of 100,000 re-renders one body. Every update is one transaction: when anything is invalid, nothing is
 * written and the error names every file and field (the last good version keeps being served).
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import { ContentValidationError, type ContentProblem } from "../errors";
import type { Author, Section } from "../types";
import { sectionAncestry } from "../rules";
import { contentImageForUrl, IMAGE_URL_PREFIX } from "../images";
import {
  articleRecord,
  articleSlugProblem,
  authorRecord,
  localImageSizes,
  mediaNotice,
  missingImage,
  prepareFile,
  renderOptions,
  type ArticleRecord,
  type FolderContext,
  type PreparedFile,
  type RenderSetting,
} from "./article-file";
import type { RenderOptions, RenderedHtml } from "../../html/pipeline";
import { fileLabel, liveUpdatePlace, readFolderSite, readPages, trustLinkProblems } from "./load";
import { liveUpdateRecord } from "./extras";
import { fold, indexWords } from "../search-query";
import { loadSiteConfig } from "../../site";
import { INDEX_FORMAT, indexFile, monthOf, openForWriting, readMeta, rendererVersion, searchKeyBase } from "./index-schema";

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

/** Front matter parsing and rendering of many files at once (in worker threads, for the build), for a site language and folder. */
export type Preparer = (texts: string[], setting: RenderSetting) => Promise<PreparedFile[]>;

export const prepareInProcess: Preparer = async (texts, setting) => {
  const options = renderOptions(setting);
  return texts.map((t) => prepareFile(t, options));
};

/** Who shows a local body image, in the images table: an article or a live-blog update. */
const articleOwner = (slug: string) => `article:${slug}`;
const updateOwner = (slug: string, id: string) => `live:${slug}/${id}`;
type LocalImages = RenderedHtml["media"]["localImages"];

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

interface StoredRow {
  id: number;
  slug: string;
  file: string;
  mtime: number;
  size: number;
  hash: string;
}

interface Pending {
  rel: string;
  slug: string;
  mtime: number;
  size: number;
  hash: string;
  text: string;
}

const BATCH = 256;

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("base64url");
}

/** Every `.md` below `root`, as paths relative to `dir`, sorted. */
function listMarkdown(dir: string, sub: string): string[] {
  const root = path.join(dir, sub);
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".md"))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort((a, b) => (path.join(dir, a) < path.join(dir, b) ? -1 : 1));
}

function flatten(sections: Section[]): Section[] {
  return sections.flatMap((s) => [s, ...flatten(s.children)]);
}

export class IndexWriter {
  readonly db: Database.Database;
  private readonly realDir: string;
  /** The search words this update already wrote (search_words), so each is written once. */
  private knownWords = new Set<string>();

  constructor(
    private readonly dir: string,
    readonly file: string = indexFile(dir),
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
    // Words written by this transaction only: a rolled-back one must not be taken as written.
    this.knownWords = new Set();
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
    // Bodies show local images at the size of their files: a file replaced since (same text)
    // renders again the articles and updates that show it. One reader per update: read afresh.
    const sizes = localImageSizes(this.dir);
    const staleImages = full ? this.staleImageOwners(sizes) : null;
    const imagesChanged = (owner: string) => (staleImages ? staleImages.has(owner) : this.staleImageOwners(sizes, owner).size > 0);

    // site.yml: read when asked or on a full update, else the tree the index was last checked with.
    let sections: Section[];
    let treeChanged = false;
    if (full || request.site) {
      const folder = readFolderSite(this.dir, problems);
      sections = folder.sections;
      treeChanged = JSON.stringify(sections) !== meta.sections;
    } else {
      sections = JSON.parse(meta.sections ?? "[]") as Section[];
    }
    const sectionsByPath = new Map(flatten(sections).map((s) => [s.path, s]));
    const sectionSlugs = new Set(flatten(sections).map((s) => s.slug));
    const parentOf = (p: string) => sectionsByPath.get(p)?.parentPath;

    // Authors: few, so a full update reads them all; otherwise only the named ones.
    const authorsChanged = full || Boolean(request.authors?.length);
    const options = renderOptions(setting);
    if (full) this.replaceAllAuthors(problems, options);
    else for (const slug of request.authors ?? []) this.updateAuthor(slug, problems, options);
    const authorSlugs = new Set((db.prepare("SELECT slug FROM authors").pluck().all() as string[]));

    const ctx: FolderContext = { dir: this.dir, language, sectionsByPath, hasAuthor: (s) => authorSlugs.has(s), imageSizes: new Map() };
    const touchedTags = new Set<string>();
    const touchedMonths = new Set<string>();
    let rendered = 0;
    let removed = 0;
    let unchanged = 0;

    const stmt = {
      bySlug: db.prepare("SELECT id, slug, file, mtime, size, hash FROM articles WHERE slug = ?"),
      touch: db.prepare("UPDATE articles SET mtime = ?, size = ?, file = ? WHERE id = ?"),
    };

    // Before the files: records written below already follow the new tree.
    if (treeChanged) this.rebuildSectionLists(parentOf);

    const pending: Pending[] = [];
    const flush = async () => {
      if (!pending.length) return;
      const batch = pending.splice(0);
      const prepared = await preparer(batch.map((p) => p.text), setting);
      batch.forEach((p, i) => {
        const notice = mediaNotice(this.label(p.rel), prepared[i]);
        if (notice) console.warn(notice);
        const record = articleRecord(this.label(p.rel), p.slug, prepared[i], ctx, problems);
        if (record) {
          this.upsert(record, p, parentOf, touchedTags, touchedMonths);
          rendered++;
        }
      });
      if (rendered && rendered % 5000 < batch.length) log(`  ${rendered} articles rendered …`);
    };

    if (full) {
      const stored = new Map<string, StoredRow>();
      for (const row of db.prepare("SELECT id, slug, file, mtime, size, hash FROM articles").all() as StoredRow[]) stored.set(row.file, row);
      const seen = new Map<string, string>();
      for (const rel of listMarkdown(this.dir, "articles")) {
        const slug = path.basename(rel, ".md");
        const label = this.label(rel);
        const slugProblem = articleSlugProblem(slug, sectionSlugs);
        if (slugProblem) {
          problems.push({ file: label, field: "slug (file name)", message: slugProblem });
          continue;
        }
        if (seen.has(slug)) {
          problems.push({ file: label, field: "slug (file name)", message: `duplicate slug "${slug}", also used by ${seen.get(slug)}` });
          continue;
        }
        seen.set(slug, label);
        const st = fs.statSync(path.join(this.dir, rel));
        const row = stored.get(rel);
        stored.delete(rel);
        const again = rerender || imagesChanged(articleOwner(slug));
        if (!again && row && row.slug === slug && row.mtime === st.mtimeMs && row.size === st.size) continue;
        const text = fs.readFileSync(path.join(this.dir, rel), "utf8");
        const hash = sha256(text);
        if (!again && row && row.slug === slug && row.hash === hash) {
          stmt.touch.run(st.mtimeMs, st.size, rel, row.id);
          unchanged++;
          continue;
        }
        pending.push({ rel, slug, mtime: st.mtimeMs, size: st.size, hash, text });
        if (pending.length >= BATCH) await flush();
      }
      await flush();
      // Files gone from the folder.
      for (const row of stored.values()) {
        if (!seen.has(row.slug)) {
          this.remove(row.id, touchedTags, touchedMonths);
          removed++;
        }
      }
    } else {
      for (const slug of new Set(request.slugs ?? [])) {
        const row = stmt.bySlug.get(slug) as StoredRow | undefined;
        const files = row && fs.existsSync(path.join(this.dir, row.file)) ? [row.file] : this.findArticleFiles(slug);
        if (files.length > 1) {
          problems.push({ file: this.label(files[1]), field: "slug (file name)", message: `duplicate slug "${slug}", also used by ${this.label(files[0])}` });
          continue;
        }
        if (!files.length) {
          if (row) {
            this.remove(row.id, touchedTags, touchedMonths);
            removed++;
          }
          continue;
        }
        const slugProblem = articleSlugProblem(slug, sectionSlugs);
        if (slugProblem) {
          problems.push({ file: this.label(files[0]), field: "slug (file name)", message: slugProblem });
          continue;
        }
        const rel = files[0];
        const st = fs.statSync(path.join(this.dir, rel));
        const text = fs.readFileSync(path.join(this.dir, rel), "utf8");
        const hash = sha256(text);
        if (row && row.hash === hash && row.file === rel && !imagesChanged(articleOwner(slug))) {
          stmt.touch.run(st.mtimeMs, st.size, rel, row.id);
          unchanged++;
          continue;
        }
        pending.push({ rel, slug, mtime: st.mtimeMs, size: st.size, hash, text });
      }
      await flush();
    }

    if (full || request.pages || request.site) this.replacePages(sections, problems, options);
    await this.updateLiveUpdates(full ? null : new Set(request.slugs ?? []), rerender, imagesChanged, (s) => authorSlugs.has(s), preparer, problems, setting);

    problems.push(...this.folderProblems({ sectionsByPath, checkSections: full || Boolean(request.site), checkAuthors: authorsChanged, checkImages: full }));
    if (full || request.site || request.pages) {
      // The trust links of site.yml lead to a page, a section or an article of the folder.
      const hasPage = db.prepare("SELECT 1 FROM pages WHERE slug = ?").pluck();
      const hasArticle = db.prepare("SELECT 1 FROM articles WHERE section || '/' || slug = ?").pluck();
      const exists = (t: string) => Boolean(hasPage.get(t)) || sectionsByPath.has(t) || Boolean(hasArticle.get(t));
      problems.push(...trustLinkProblems(loadSiteConfig(this.dir), fileLabel(this.dir, path.join(this.dir, "site.yml")), exists));
    }
    if (problems.length) throw new ContentValidationError(problems);

    this.refreshTags(full ? null : touchedTags);
    this.refreshMonths(full ? null : touchedMonths);
    const set = db.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    set.run("format", String(INDEX_FORMAT));
    set.run("renderer", renderer);
    set.run("language", language);
    set.run("contentDir", this.realDir);
    set.run("sections", JSON.stringify(sections));
    set.run("generation", String(Number(meta.generation ?? 0) + 1));
    set.run("updatedAt", new Date().toISOString());
    const articles = db.prepare("SELECT count(*) FROM articles").pluck().get() as number;
    return { file: this.file, rendered, removed, unchanged, articles, full };
  }

  private replacePages(sections: Section[], problems: ContentProblem[], options: RenderOptions): void {
    const pages = readPages(this.dir, sections, problems, options);
    this.db.exec("DELETE FROM pages");
    const put = this.db.prepare("INSERT INTO pages (slug, file, model) VALUES (?, ?, ?)");
    for (const page of pages.values()) put.run(page.slug, `pages/${page.slug}.md`, JSON.stringify(page));
  }

  /**
   * Live-blog updates under live/ (all of them, or those of the named articles): reused while their
   * file is unchanged, like articles. Whether their article exists and is live is checked on the
   * whole index afterwards (folderProblems).
   */
  private async updateLiveUpdates(
    slugs: Set<string> | null,
    rerender: boolean,
    imagesChanged: (owner: string) => boolean,
    hasAuthor: (s: string) => boolean,
    preparer: Preparer,
    problems: ContentProblem[],
    setting: RenderSetting,
  ): Promise<void> {
    const db = this.db;
    const root = path.join(this.dir, "live");
    const dirs = slugs === null ? [root] : [...slugs].map((s) => path.join(root, s));
    const stored = new Map<string, { slug: string; id: string; file: string; mtime: number; size: number; hash: string }>();
    const rows = (slugs === null
      ? db.prepare("SELECT slug, id, file, mtime, size, hash FROM live_updates").all()
      : db.prepare("SELECT slug, id, file, mtime, size, hash FROM live_updates WHERE slug IN (SELECT value FROM json_each(?))").all(JSON.stringify([...slugs]))) as {
      slug: string;
      id: string;
      file: string;
      mtime: number;
      size: number;
      hash: string;
    }[];
    for (const r of rows) stored.set(r.file, r);
    const seen = new Set<string>();
    const pending: { rel: string; slug: string; id: string; mtime: number; size: number; hash: string; text: string }[] = [];
    for (const d of dirs) {
      if (!fs.existsSync(d)) continue;
      for (const entry of fs.readdirSync(d, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !entry.name.endsWith(".md")) continue;
        const full = path.join(entry.parentPath, entry.name);
        const rel = path.relative(this.dir, full);
        const place = liveUpdatePlace(this.dir, full);
        if (!place) {
          problems.push({ file: this.label(rel), message: "live-blog updates live in live/<article slug>/<update id>.md" });
          continue;
        }
        seen.add(rel);
        const st = fs.statSync(full);
        const row = stored.get(rel);
        const again = rerender || imagesChanged(updateOwner(place[0], place[1]));
        if (!again && row && row.mtime === st.mtimeMs && row.size === st.size) continue;
        const text = fs.readFileSync(full, "utf8");
        const hash = sha256(text);
        if (!again && row && row.hash === hash) {
          db.prepare("UPDATE live_updates SET mtime = ?, size = ? WHERE file = ?").run(st.mtimeMs, st.size, rel);
          continue;
        }
        pending.push({ rel, slug: place[0], id: place[1], mtime: st.mtimeMs, size: st.size, hash, text });
      }
    }
    for (const row of stored.values()) {
      if (seen.has(row.file)) continue;
      db.prepare("DELETE FROM live_updates WHERE file = ?").run(row.file);
      this.putImages(updateOwner(row.slug, row.id), {});
    }
    for (let i = 0; i < pending.length; i += BATCH) {
      const batch = pending.slice(i, i + BATCH);
      const prepared = await preparer(batch.map((p) => p.text), setting);
      batch.forEach((p, k) => {
        const notice = mediaNotice(this.label(p.rel), prepared[k]);
        if (notice) console.warn(notice);
        const update = liveUpdateRecord(this.label(p.rel), p.id, prepared[k], hasAuthor, problems, setting.language);
        if (!update) return;
        const done = prepared[k];
        this.putImages(updateOwner(p.slug, p.id), (done.ok && done.rendered?.media.localImages) || {});
        db.prepare(
          "INSERT INTO live_updates (slug, id, file, mtime, size, hash, pinned, published_at, model) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (slug, id) DO UPDATE SET file = excluded.file, mtime = excluded.mtime, size = excluded.size, hash = excluded.hash, pinned = excluded.pinned, published_at = excluded.published_at, model = excluded.model",
        ).run(p.slug, p.id, p.rel, p.mtime, p.size, p.hash, update.pinned ? 1 : 0, Date.parse(update.publishedAt), JSON.stringify(update));
      });
    }
  }

  /** Replaces the local images an article or update shows (what staleImageOwners compares). */
  private putImages(owner: string, images: LocalImages): void {
    this.db.prepare("DELETE FROM images WHERE owner = ?").run(owner);
    const put = this.db.prepare("INSERT INTO images (owner, src, width, height) VALUES (?, ?, ?, ?)");
    for (const [src, size] of Object.entries(images)) if (size) put.run(owner, src, size.width, size.height);
  }

  /**
   * The articles and updates (all, or one owner) showing a local image whose file is now another
   * size, or gone: they render again though their text did not change. One read per distinct image.
   */
  private staleImageOwners(sizes: (src: string) => { width: number; height: number } | undefined, owner?: string): Set<string> {
    const rows = (owner === undefined
      ? this.db.prepare("SELECT owner, src, width, height FROM images").all()
      : this.db.prepare("SELECT owner, src, width, height FROM images WHERE owner = ?").all(owner)) as { owner: string; src: string; width: number; height: number }[];
    const stale = new Set<string>();
    for (const r of rows) {
      const now = sizes(r.src);
      if (now?.width !== r.width || now?.height !== r.height) stale.add(r.owner);
    }
    return stale;
  }

  /** Files named `<slug>.md` anywhere under articles/ (a new article, or one that moved). */
  private findArticleFiles(slug: string): string[] {
    const root = path.join(this.dir, "articles");
    if (!fs.existsSync(root)) return [];
    return fs
      .readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name === `${slug}.md`)
      .map((e) => path.relative(this.dir, path.join(e.parentPath, e.name)))
      .sort();
  }

  private upsert(record: ArticleRecord, file: Pending, parentOf: (p: string) => string | undefined, touchedTags: Set<string>, touchedMonths: Set<string>): void {
    const db = this.db;
    const m = record.model;
    const existing = db.prepare("SELECT id, published_at, skey FROM articles WHERE slug = ?").get(record.slug) as { id: number; published_at: number; skey: number } | undefined;
    const publishedAt = Date.parse(m.publishedAt);
    // Its search key follows its publication time: kept while the second stays, else the next free one.
    const skey = existing && searchKeyBase(existing.published_at) === searchKeyBase(publishedAt) ? existing.skey : this.freeSearchKey(publishedAt);
    const updatedAt = Date.parse(m.updatedAt);
    const published = m.status === "published" ? 1 : 0;
    const values = [
      record.slug,
      file.rel,
      file.mtime,
      file.size,
      file.hash,
      published,
      publishedAt,
      updatedAt,
      skey,
      m.section,
      JSON.stringify(m.authors),
      m.image?.src ?? null,
      JSON.stringify(m),
      record.body,
      JSON.stringify(record.headings),
    ];
    let id: number;
    if (existing) {
      id = existing.id;
      touchedMonths.add(monthOf(existing.published_at));
      this.unlink(id, touchedTags);
      db.prepare(
        "UPDATE articles SET slug = ?, file = ?, mtime = ?, size = ?, hash = ?, published = ?, published_at = ?, updated_at = ?, skey = ?, section = ?, authors = ?, image_src = ?, model = ?, body = ?, headings = ? WHERE id = ?",
      ).run(...values, id);
    } else {
      id = Number(
        db
          .prepare(
            "INSERT INTO articles (slug, file, mtime, size, hash, published, published_at, updated_at, skey, section, authors, image_src, model, body, headings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          )
          .run(...values).lastInsertRowid,
      );
    }
    touchedMonths.add(monthOf(publishedAt));
    this.putImages(articleOwner(record.slug), record.images);
    const list = db.prepare("INSERT OR IGNORE INTO lists (list, id, published, published_at, updated_at, slug) VALUES (?, ?, ?, ?, ?, ?)");
    const put = (key: string) => list.run(key, id, published, publishedAt, updatedAt, record.slug);
    for (const p of sectionAncestry(m.section, parentOf)) put(`section:${p}`);
    for (const a of m.authors) put(`author:${a}`);
    for (const t of m.tags) {
      put(`tag:${t.slug}`);
      touchedTags.add(t.slug);
    }
    const related = db.prepare("INSERT INTO related (id, idx, target) VALUES (?, ?, ?)");
    m.relatedSlugs.forEach((target, i) => related.run(id, i, target));
    const redirect = db.prepare("INSERT OR IGNORE INTO redirects (old, id, idx) VALUES (?, ?, ?)");
    m.redirectFrom.forEach((old, i) => redirect.run(old, id, i));
    const correction = db.prepare("INSERT INTO corrections (id, idx, date) VALUES (?, ?, ?)");
    m.corrections.forEach((c, i) => correction.run(id, i, Date.parse(c.date)));
    // Stored folded by the query's own rule (search-query.ts fold: NFKD, marks removed, lower
    // case), so both sides agree in every script: unicode61's remove_diacritics only folds Latin
    // letters, and "المرفأ" (a hamza, a combining mark once decomposed) would never match.
    const texts = [fold(m.title), fold(m.description), fold(m.tags.map((t) => t.name).join(" ")), fold(record.text)];
    db.prepare("INSERT INTO search (rowid, title, description, tags, body) VALUES (?, ?, ?, ?, ?)").run(skey, ...texts);
    const word = db.prepare("INSERT OR IGNORE INTO search_words (word) VALUES (?)");
    for (const text of texts) {
      for (const w of indexWords(text)) {
        if (this.knownWords.has(w)) continue;
        word.run(w);
        this.knownWords.add(w);
      }
    }
  }

  /** Drops everything that hangs off an article (its lists, picks, old slugs, search terms). */
  private unlink(id: number, touchedTags: Set<string>): void {
    const db = this.db;
    for (const list of db.prepare("SELECT list FROM lists WHERE id = ? AND list >= 'tag:' AND list < 'tag;'").pluck().all(id) as string[]) {
      touchedTags.add(list.slice(4));
    }
    db.prepare("DELETE FROM lists WHERE id = ?").run(id);
    db.prepare("DELETE FROM related WHERE id = ?").run(id);
    db.prepare("DELETE FROM redirects WHERE id = ?").run(id);
    db.prepare("DELETE FROM corrections WHERE id = ?").run(id);
    const skey = db.prepare("SELECT skey FROM articles WHERE id = ?").pluck().get(id) as number | undefined;
    if (skey !== undefined) db.prepare("DELETE FROM search WHERE rowid = ?").run(skey);
  }

  /** The first search key of that second no article holds (index-schema.ts searchKeyBase). */
  private freeSearchKey(publishedAt: number): number {
    const taken = this.db.prepare("SELECT 1 FROM articles INDEXED BY articles_search WHERE skey = ?").pluck();
    let key = searchKeyBase(publishedAt);
    while (taken.get(key) !== undefined) key++;
    return key;
  }

  private remove(id: number, touchedTags: Set<string>, touchedMonths: Set<string>): void {
    const row = this.db.prepare("SELECT slug, published_at FROM articles WHERE id = ?").get(id) as { slug: string; published_at: number } | undefined;
    if (row) {
      touchedMonths.add(monthOf(row.published_at));
      this.putImages(articleOwner(row.slug), {});
    }
    this.unlink(id, touchedTags);
    this.db.prepare("DELETE FROM articles WHERE id = ?").run(id);
  }

  private authorFiles(): Map<string, string[]> {
    const bySlug = new Map<string, string[]>();
    for (const rel of listMarkdown(this.dir, "authors")) {
      const slug = path.basename(rel, ".md");
      bySlug.set(slug, [...(bySlug.get(slug) ?? []), rel]);
    }
    return bySlug;
  }

  private writeAuthor(slug: string, rel: string, problems: ContentProblem[], options: RenderOptions): void {
    const prepared = prepareFile(fs.readFileSync(path.join(this.dir, rel), "utf8"), options);
    const notice = mediaNotice(this.label(rel), prepared);
    if (notice) console.warn(notice);
    const author = authorRecord(this.label(rel), slug, prepared, this.dir, problems);
    if (author) {
      this.db
        .prepare("INSERT INTO authors (slug, file, model) VALUES (?, ?, ?) ON CONFLICT (slug) DO UPDATE SET file = excluded.file, model = excluded.model")
        .run(slug, rel, JSON.stringify(author satisfies Author));
    }
  }

  private replaceAllAuthors(problems: ContentProblem[], options: RenderOptions): void {
    this.db.exec("DELETE FROM authors");
    for (const [slug, files] of this.authorFiles()) {
      files.slice(1).forEach((rel) => problems.push({ file: this.label(rel), field: "slug (file name)", message: `duplicate author slug "${slug}"` }));
      this.writeAuthor(slug, files[0], problems, options);
    }
  }

  private updateAuthor(slug: string, problems: ContentProblem[], options: RenderOptions): void {
    const files = this.authorFiles().get(slug) ?? [];
    this.db.prepare("DELETE FROM authors WHERE slug = ?").run(slug);
    files.slice(1).forEach((rel) => problems.push({ file: this.label(rel), field: "slug (file name)", message: `duplicate author slug "${slug}"` }));
    if (files.length) this.writeAuthor(slug, files[0], problems, options);
  }

  /** Section lists follow the tree: rebuilt when site.yml moves sections around. */
  private rebuildSectionLists(parentOf: (p: string) => string | undefined): void {
    const db = this.db;
    db.exec("DELETE FROM lists WHERE list >= 'section:' AND list < 'section;'");
    const put = db.prepare("INSERT OR IGNORE INTO lists (list, id, published, published_at, updated_at, slug) VALUES (?, ?, ?, ?, ?, ?)");
    for (const row of db.prepare("SELECT id, section, published, published_at, updated_at, slug FROM articles").all() as Array<{
      id: number;
      section: string;
      published: number;
      published_at: number;
      updated_at: number;
      slug: string;
    }>) {
      for (const p of sectionAncestry(row.section, parentOf)) put.run(`section:${p}`, row.id, row.published, row.published_at, row.updated_at, row.slug);
    }
  }

  /** The checks between files, on the whole index: picks exist, old slugs are unique, references resolve. */
  private folderProblems(opts: { sectionsByPath: Map<string, Section>; checkSections: boolean; checkAuthors: boolean; checkImages: boolean }): ContentProblem[] {
    const db = this.db;
    const problems: ContentProblem[] = [];
    if (opts.checkSections) {
      const known = JSON.stringify([...opts.sectionsByPath.keys()]);
      for (const r of db.prepare("SELECT file, section FROM articles WHERE section NOT IN (SELECT value FROM json_each(?)) ORDER BY file").all(known) as { file: string; section: string }[]) {
        problems.push({ file: this.label(r.file), field: "section", message: `unknown section "${r.section}" (known: ${[...opts.sectionsByPath.keys()].join(", ")})` });
      }
    }
    if (opts.checkAuthors) {
      for (const r of db
        .prepare("SELECT a.file, j.key AS i, j.value AS slug FROM articles a, json_each(a.authors) j WHERE j.value NOT IN (SELECT slug FROM authors) ORDER BY a.file")
        .all() as { file: string; i: number; slug: string }[]) {
        problems.push({ file: this.label(r.file), field: `authors.${r.i}`, message: `unknown author "${r.slug}" (no authors/${r.slug}.md)` });
      }
    }
    if (opts.checkImages) {
      const images = path.join(this.dir, "images");
      for (const src of db.prepare("SELECT DISTINCT image_src FROM articles WHERE image_src LIKE ?").pluck().all(`${IMAGE_URL_PREFIX}%`) as string[]) {
        if (contentImageForUrl(images, src)) continue;
        for (const file of db.prepare("SELECT file FROM articles WHERE image_src = ? ORDER BY file").pluck().all(src) as string[]) {
          problems.push({ file: this.label(file), field: "image.src", message: missingImage(this.dir, src) });
        }
      }
    }
    for (const r of db
      .prepare("SELECT a.file, r.idx, r.target FROM related r JOIN articles a ON a.id = r.id WHERE NOT EXISTS (SELECT 1 FROM articles t WHERE t.slug = r.target) ORDER BY a.file, r.idx")
      .all() as { file: string; idx: number; target: string }[]) {
      problems.push({ file: this.label(r.file), field: `related.${r.idx}`, message: `unknown article "${r.target}"` });
    }
    for (const r of db.prepare("SELECT a.file, r.idx, r.old, t.file AS other FROM redirects r JOIN articles a ON a.id = r.id JOIN articles t ON t.slug = r.old ORDER BY a.file").all() as {
      file: string;
      idx: number;
      old: string;
      other: string;
    }[]) {
      problems.push({ file: this.label(r.file), field: `redirectFrom.${r.idx}`, message: `"${r.old}" is the slug of an existing article (${this.label(r.other)})` });
    }
    for (const r of db
      .prepare("SELECT lu.file, lu.slug, a.file AS article, json_extract(a.model, '$.live') IS NOT NULL AS live FROM live_updates lu LEFT JOIN articles a ON a.slug = lu.slug ORDER BY lu.file")
      .all() as { file: string; slug: string; article: string | null; live: number }[]) {
      if (r.article === null) problems.push({ file: this.label(r.file), field: "live/<slug>", message: `no article "${r.slug}" (articles/${r.slug}.md)` });
      else if (!r.live) problems.push({ file: this.label(r.file), field: "live/<slug>", message: `the article "${r.slug}" is not a live blog (add live: true to ${this.label(r.article)})` });
    }
    let pinnedOf = "";
    for (const r of db.prepare("SELECT slug, file FROM live_updates WHERE pinned = 1 AND slug IN (SELECT slug FROM live_updates WHERE pinned = 1 GROUP BY slug HAVING count(*) > 1) ORDER BY slug, file").all() as {
      slug: string;
      file: string;
    }[]) {
      if (pinnedOf !== r.slug) pinnedOf = r.slug;
      else problems.push({ file: this.label(r.file), field: "pinned", message: `another update of "${r.slug}" is pinned already; at most one per live blog` });
    }
    if (opts.checkAuthors) {
      for (const r of db
        .prepare("SELECT lu.file, j.key AS i, j.value AS slug FROM live_updates lu, json_each(lu.model, '$.authors') j WHERE j.value NOT IN (SELECT slug FROM authors) ORDER BY lu.file")
        .all() as { file: string; i: number; slug: string }[]) {
        problems.push({ file: this.label(r.file), field: `authors.${r.i}`, message: `unknown author "${r.slug}" (no authors/${r.slug}.md)` });
      }
    }
    const claims = db
      .prepare(
        "SELECT r.old, a.file, r.idx FROM redirects r JOIN articles a ON a.id = r.id WHERE r.old IN (SELECT old FROM redirects GROUP BY old HAVING count(*) > 1) ORDER BY r.old, a.file",
      )
      .all() as { old: string; file: string; idx: number }[];
    let first: { old: string; file: string } | undefined;
    for (const c of claims) {
      if (first?.old !== c.old) first = c;
      else problems.push({ file: this.label(c.file), field: `redirectFrom.${c.idx}`, message: `duplicate slug "${c.old}", also claimed by ${this.label(first.file)}` });
    }
    return problems;
  }

  /** A tag's name is the first spelling in file order; `null` recomputes every tag. */
  private refreshTags(slugs: Set<string> | null): void {
    const db = this.db;
    const nameOf = db.prepare(
      "SELECT json_extract(t.value, '$.name') FROM articles a JOIN lists l ON l.id = a.id AND l.list = ?, json_each(a.model, '$.tags') t WHERE json_extract(t.value, '$.slug') = ? ORDER BY a.file LIMIT 1",
    );
    const upsert = db.prepare("INSERT INTO tags (slug, name) VALUES (?, ?) ON CONFLICT (slug) DO UPDATE SET name = excluded.name");
    const drop = db.prepare("DELETE FROM tags WHERE slug = ?");
    let all: Iterable<string>;
    if (slugs === null) {
      db.exec("DELETE FROM tags");
      all = db.prepare("SELECT DISTINCT substr(list, 5) FROM lists WHERE list >= 'tag:' AND list < 'tag;'").pluck().all() as string[];
    } else all = slugs;
    for (const slug of all) {
      const name = nameOf.pluck().get(`tag:${slug}`, slug) as string | undefined;
      if (name === undefined) drop.run(slug);
      else upsert.run(slug, name);
    }
  }

  /** Months with published articles (for the sitemap index); `null` recomputes all. */
  private refreshMonths(months: Set<string> | null): void {
    const db = this.db;
    const month = "strftime('%Y-%m', published_at / 1000, 'unixepoch')";
    if (months === null) {
      db.exec(`DELETE FROM months; INSERT INTO months (month, first_at, count, lastmod) SELECT ${month}, min(published_at), count(*), max(updated_at) FROM articles WHERE published = 1 GROUP BY 1`);
      return;
    }
    for (const m of months) {
      const start = Date.parse(`${m}-01T00:00:00Z`);
      const end = new Date(start);
      end.setUTCMonth(end.getUTCMonth() + 1);
      const row = db
        .prepare("SELECT min(published_at) AS first, count(*) AS n, max(updated_at) AS lastmod FROM articles WHERE published = 1 AND published_at >= ? AND published_at < ?")
        .get(start, end.getTime()) as { first: number | null; n: number; lastmod: number | null };
      if (!row.n) db.prepare("DELETE FROM months WHERE month = ?").run(m);
      else {
        db.prepare(
          "INSERT INTO months (month, first_at, count, lastmod) VALUES (?, ?, ?, ?) ON CONFLICT (month) DO UPDATE SET first_at = excluded.first_at, count = excluded.count, lastmod = excluded.lastmod",
        ).run(m, row.first, row.n, row.lastmod);
      }
    }
  }
}

/** One update of the index of `dir` (opens, updates, closes). */
export async function updateContentIndex(dir: string, request: UpdateRequest = { all: true }, options: { preparer?: Preparer; log?: (line: string) => void; file?: string } = {}): Promise<UpdateResult> {
  const writer = new IndexWriter(dir, options.file);
  try {
    return await writer.update(request, options.preparer, options.log);
  } finally {
    writer.close();
  }
}
