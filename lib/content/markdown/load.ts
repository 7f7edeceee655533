/**
 * The markdown folder, read whole into memory: every file validated (article-file.ts), every body
 * rendered, and the in-memory indexes built (index-builder.ts). The site itself reads the on-disk
 * content index (content-index.ts), which uses the same per-file and folder rules from here; this
 * loader is the reference the index is checked against, and what tests of validation call.
 * Every problem is collected and thrown together, each naming its file and field.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ContentValidationError, type ContentProblem } from "../errors";
import { loadSiteConfig, type SectionConfig, type SiteConfig } from "../../site";
import type { Article, Author, LiveUpdate, Section, StandingPage, Tag } from "../types";
import { liveUpdateRecord, newestUpdateFirst, pageRecord, pageSlugProblem, toLiveUpdate } from "./extras";
import { buildIndex, type ContentIndex } from "../index-builder";
import { IMAGE_URL_PREFIX } from "../images";
import { articleRecord, articleSlugProblem, authorRecord, mediaNotice, prepareFile, renderOptions, toArticle, type ArticleRecord, type PreparedFile } from "./article-file";
import type { RenderOptions } from "../../html/pipeline";

export { IMAGE_URL_PREFIX };

/** How problems name a file: relative to the working directory. */
export function fileLabel(dir: string, file: string): string {
  return path.relative(process.cwd(), file) || path.join(dir, path.basename(file));
}

/**
 * What the media step turned into links is logged once per version of a file (as the content
 * index does, which renders a file only when it changed): this process's latest load remembers which
 * texts it logged, so a reload of the same text is silent.
 */
let loggedNotices = new Map<string, string>();

/** Reads and prepares one file of a load, logging its media notices once per text. */
function prepare(file: string, label: string, options: RenderOptions, logged: Map<string, string>): PreparedFile {
  const text = fs.readFileSync(file, "utf8");
  const prepared = prepareFile(text, options);
  const notice = mediaNotice(label, prepared);
  if (notice) {
    const key = createHash("sha256").update(text).digest("base64url");
    if (loggedNotices.get(label) !== key) console.warn(notice);
    logged.set(label, key);
  }
  return prepared;
}

/** Every `.md` file below `dir`, sorted (the order decides which spelling of a tag wins). */
export function markdownFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".md"))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

function buildSections(configs: SectionConfig[], file: string, problems: ContentProblem[], parent?: Section): Section[] {
  const seen = new Set<string>();
  return configs.map((config, i) => {
    if (seen.has(config.slug)) {
      problems.push({ file, field: `sections${parent ? ` (${parent.path})` : ""}.${i}.slug`, message: `duplicate section slug "${config.slug}"` });
    }
    seen.add(config.slug);
    const section: Section = {
      slug: config.slug,
      name: config.name,
      description: config.description,
      path: parent ? `${parent.path}/${config.slug}` : config.slug,
      parentPath: parent?.path,
      children: [],
    };
    section.children = buildSections(config.children ?? [], file, problems, section);
    return section;
  });
}

function flatten(sections: Section[]): Section[] {
  return sections.flatMap((s) => [s, ...flatten(s.children)]);
}

export interface FolderSite {
  site: SiteConfig;
  sections: Section[];
  sectionsByPath: Map<string, Section>;
  sectionSlugs: Set<string>;
}

/** site.yml and the section tree; problems (duplicate section slugs) are pushed. */
export function readFolderSite(dir: string, problems: ContentProblem[]): FolderSite {
  const site = loadSiteConfig(dir);
  const sections = buildSections(site.sections, fileLabel(dir, path.join(dir, "site.yml")), problems);
  const flat = flatten(sections);
  return { site, sections, sectionsByPath: new Map(flat.map((s) => [s.path, s])), sectionSlugs: new Set(flat.map((s) => s.slug)) };
}

/** Every author of the folder; problems are pushed. */
export function readAuthors(dir: string, problems: ContentProblem[], options: RenderOptions, logged = new Map<string, string>()): { authors: Map<string, Author>; files: Map<string, string> } {
  const authors = new Map<string, Author>();
  const files = new Map<string, string>();
  for (const file of markdownFiles(path.join(dir, "authors"))) {
    const label = fileLabel(dir, file);
    const slug = path.basename(file, ".md");
    if (authors.has(slug) || files.has(slug)) {
      problems.push({ file: label, field: "slug (file name)", message: `duplicate author slug "${slug}"` });
      continue;
    }
    files.set(slug, label);
    const author = authorRecord(label, slug, prepare(file, label, options, logged), dir, problems);
    if (author) authors.set(slug, author);
  }
  return { authors, files };
}

/** pages/<slug>.md → standing pages at /<slug>; a slug a section or a route already has is refused. */
export function readPages(dir: string, sections: Section[], problems: ContentProblem[], options: RenderOptions, logged = new Map<string, string>()): Map<string, StandingPage> {
  const pages = new Map<string, StandingPage>();
  const topLevel = new Set(sections.map((s) => s.slug));
  const siteFile = fileLabel(dir, path.join(dir, "site.yml"));
  for (const file of markdownFiles(path.join(dir, "pages"))) {
    const label = fileLabel(dir, file);
    const slug = path.basename(file, ".md");
    if (path.dirname(file) !== path.join(dir, "pages")) {
      problems.push({ file: label, message: "pages live directly in pages/ (a page is at /<slug>, one level deep)" });
      continue;
    }
    const slugProblem = pageSlugProblem(slug, topLevel, siteFile);
    if (slugProblem) {
      problems.push({ file: label, field: "slug (file name)", message: slugProblem });
      continue;
    }
    const page = pageRecord(label, slug, prepare(file, label, options, logged), problems);
    if (page) pages.set(slug, page);
  }
  return pages;
}

/** Where a live-blog update file belongs: [article slug, update id], or a problem. */
export function liveUpdatePlace(dir: string, file: string): [string, string] | null {
  const parts = path.relative(path.join(dir, "live"), file).split(path.sep);
  return parts.length === 2 ? [parts[0], parts[1].replace(/\.md$/, "")] : null;
}

/** live/<article slug>/<update id>.md → the updates of a live blog, newest first. */
function loadLiveUpdates(
  dir: string,
  articles: Map<string, Article>,
  files: Map<string, string>,
  authors: Map<string, Author>,
  problems: ContentProblem[],
  options: RenderOptions,
  logged: Map<string, string>,
): Map<string, LiveUpdate[]> {
  const out = new Map<string, LiveUpdate[]>();
  for (const file of markdownFiles(path.join(dir, "live"))) {
    const label = fileLabel(dir, file);
    const place = liveUpdatePlace(dir, file);
    if (!place) {
      problems.push({ file: label, message: "live-blog updates live in live/<article slug>/<update id>.md" });
      continue;
    }
    const [slug, id] = place;
    const article = articles.get(slug);
    if (!files.has(slug)) {
      problems.push({ file: label, field: "live/<slug>", message: `no article "${slug}" (articles/${slug}.md)` });
      continue;
    }
    if (!article) continue; // the article itself is invalid and reported already
    if (!article.live) {
      problems.push({ file: label, field: "live/<slug>", message: `the article "${slug}" is not a live blog (add live: true to ${files.get(slug)})` });
      continue;
    }
    const stored = liveUpdateRecord(label, id, prepare(file, label, options, logged), (s) => authors.has(s), problems, options.language);
    if (!stored) continue;
    const list = out.get(slug) ?? [];
    if (stored.pinned && list.some((u) => u.pinned)) {
      problems.push({ file: label, field: "pinned", message: `another update of "${slug}" is pinned already; at most one per live blog` });
    }
    list.push(toLiveUpdate(stored, article, (s) => authors.get(s)));
    out.set(slug, list);
  }
  for (const list of out.values()) list.sort(newestUpdateFirst);
  return out;
}

/**
 * site.yml `trust` paths feed the JSON-LD's NewsMediaOrganization: each must lead somewhere real
 * (`exists` knows the folder's pages, sections and article addresses, without the leading slash).
 */
export function trustLinkProblems(site: SiteConfig, siteFile: string, exists: (target: string) => boolean): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const [field, link] of Object.entries(site.trust ?? {})) {
    if (!link || /^https?:\/\//.test(link)) continue;
    const target = link.replace(/[?#].*$/, "").replace(/\/+$/, "").slice(1);
    if (target === "" || target === "corrections" || exists(target)) continue;
    problems.push({ file: siteFile, field: `trust.${field}`, message: `"${link}" is no page of this site (no pages/${target}.md, no section, article or /corrections there)` });
  }
  return problems;
}

/** Editor picks exist, old slugs are unique and do not shadow live slugs. */
export function crossFileProblems(records: Iterable<ArticleRecord>, files: ReadonlyMap<string, string>): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const oldSlugs = new Map<string, string>();
  for (const { file: label, model } of records) {
    model.relatedSlugs.forEach((r, i) => {
      if (!files.has(r)) problems.push({ file: label, field: `related.${i}`, message: `unknown article "${r}"` });
    });
    model.redirectFrom.forEach((old, i) => {
      if (files.has(old)) problems.push({ file: label, field: `redirectFrom.${i}`, message: `"${old}" is the slug of an existing article (${files.get(old)})` });
      else if (oldSlugs.has(old)) problems.push({ file: label, field: `redirectFrom.${i}`, message: `duplicate slug "${old}", also claimed by ${oldSlugs.get(old)}` });
      else oldSlugs.set(old, label);
    });
  }
  return problems;
}

export interface LoadedContent {
  site: SiteConfig;
  index: ContentIndex;
}

/** Loads and validates a content folder in memory. Throws ContentValidationError listing every problem. */
export function loadMarkdownContent(dir: string): LoadedContent {
  const problems: ContentProblem[] = [];
  const { site, sections, sectionsByPath, sectionSlugs } = readFolderSite(dir, problems);
  const options = renderOptions({ language: site.language, dir });
  const logged = new Map<string, string>();
  const { authors } = readAuthors(dir, problems, options, logged);
  const ctx = { dir, language: site.language, sectionsByPath, hasAuthor: (slug: string) => authors.has(slug), imageSizes: new Map() };

  const files = new Map<string, string>();
  const records: ArticleRecord[] = [];
  for (const file of markdownFiles(path.join(dir, "articles"))) {
    const label = fileLabel(dir, file);
    const slug = path.basename(file, ".md");
    const slugProblem = articleSlugProblem(slug, sectionSlugs);
    if (slugProblem) {
      problems.push({ file: label, field: "slug (file name)", message: slugProblem });
      continue;
    }
    if (files.has(slug)) {
      problems.push({ file: label, field: "slug (file name)", message: `duplicate slug "${slug}", also used by ${files.get(slug)}` });
      continue;
    }
    files.set(slug, label);
    const record = articleRecord(label, slug, prepare(file, label, options, logged), ctx, problems);
    if (record) records.push(record);
  }
  problems.push(...crossFileProblems(records, files));
  const pages = readPages(dir, sections, problems, options, logged);

  // The first file (in path order) to use a tag slug gives the tag its name.
  const tags = new Map<string, Tag>();
  for (const r of records) for (const t of r.model.tags) if (!tags.has(t.slug)) tags.set(t.slug, t);
  const articles = new Map<string, Article>();
  const bodyText = new Map<string, string>();
  for (const r of records) {
    const article = toArticle(r.model, r.body, r.headings, {
      section: (p) => sectionsByPath.get(p),
      author: (s) => authors.get(s),
      tag: (t) => tags.get(t.slug) ?? t,
    })!;
    articles.set(r.slug, article);
    bodyText.set(r.slug, r.text);
  }
  const liveUpdates = loadLiveUpdates(dir, articles, files, authors, problems, options, logged);
  const urls = new Set([...articles.values()].map((a) => a.url));
  problems.push(...trustLinkProblems(site, fileLabel(dir, path.join(dir, "site.yml")), (t) => pages.has(t) || sectionsByPath.has(t) || urls.has(`/${t}`)));
  loggedNotices = logged;
  if (problems.length) throw new ContentValidationError(problems);
  return { site, index: buildIndex({ sections, authors, tags, articles, bodyText, pages, liveUpdates }) };
}
