/**
 * The folder rules of the markdown source, written once: where each kind of file lives, which file
 * gives which slug, which slugs clash (twice in the folder, with a section, with a route), the
 * section tree of site.yml and where its trust links may lead. The content index's writer
 * (index-writer.ts: what a build, the webhook and the folder watcher run) applies them; the tests'
 * reference loader (tests/content/reference-loader.ts) calls the same functions. One file → one
 * record is article-file.ts and extras.ts.
 */
import fs from "node:fs";
import path from "node:path";
import type { ContentProblem } from "../errors";
import { loadSiteConfig, type SectionConfig, type SiteConfig } from "../../config/site";
import type { Section, StandingPage } from "../types";
import { articleSlugProblem, type PreparedFile } from "./article-file";
import { pageRecord, pageSlugProblem } from "./extras";

/** How problems name a file: relative to the working directory. */
export function fileLabel(dir: string, file: string): string {
  return path.relative(process.cwd(), file) || path.join(dir, path.basename(file));
}

/** Every `.md` below `dir/sub`, as paths relative to `dir`, in path order (the order decides which spelling of a tag wins). */
export function markdownFiles(dir: string, sub: string): string[] {
  const root = path.join(dir, sub);
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".md"))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort((a, b) => (path.join(dir, a) < path.join(dir, b) ? -1 : 1));
}

const slugOf = (rel: string) => path.basename(rel, ".md");

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

export function flattenSections(sections: Section[]): Section[] {
  return sections.flatMap((s) => [s, ...flattenSections(s.children)]);
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
  const flat = flattenSections(sections);
  return { site, sections, sectionsByPath: new Map(flat.map((s) => [s.path, s])), sectionSlugs: new Set(flat.map((s) => s.slug)) };
}

const duplicateSlug = (dir: string, rel: string, slug: string, first: string): ContentProblem => ({
  file: fileLabel(dir, path.join(dir, rel)),
  field: "slug (file name)",
  message: `duplicate slug "${slug}", also used by ${fileLabel(dir, path.join(dir, first))}`,
});

const badArticleSlug = (dir: string, rel: string, sectionSlugs: ReadonlySet<string>): ContentProblem | null => {
  const message = articleSlugProblem(slugOf(rel), sectionSlugs);
  return message ? { file: fileLabel(dir, path.join(dir, rel)), field: "slug (file name)", message } : null;
};

/**
 * articles/…/<slug>.md → slug → file (relative to `dir`). An article may sit in any subfolder; its
 * slug is its file name, so a slug taken twice, a section's or a route's is refused (pushed).
 */
export function articleFiles(dir: string, sectionSlugs: ReadonlySet<string>, problems: ContentProblem[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const rel of markdownFiles(dir, "articles")) {
    const slug = slugOf(rel);
    const bad = badArticleSlug(dir, rel, sectionSlugs);
    if (bad) problems.push(bad);
    else if (files.has(slug)) problems.push(duplicateSlug(dir, rel, slug, files.get(slug)!));
    else files.set(slug, rel);
  }
  return files;
}

/**
 * The file of one article, by the same rules as articleFiles without listing the whole folder:
 * `known` (where the index last saw it) when it is still there, else any `<slug>.md` under articles/.
 * `null` when there is none (the article was deleted), `false` when refused (problem pushed).
 */
export function articleFile(dir: string, slug: string, known: string | undefined, sectionSlugs: ReadonlySet<string>, problems: ContentProblem[]): string | null | false {
  const files =
    known && fs.existsSync(path.join(dir, known)) ? [known] : markdownFiles(dir, "articles").filter((rel) => path.basename(rel) === `${slug}.md`);
  if (!files.length) return null;
  const bad = badArticleSlug(dir, files[0], sectionSlugs);
  if (files.length > 1) problems.push(duplicateSlug(dir, files[1], slug, files[0]));
  else if (bad) problems.push(bad);
  else return files[0];
  return false;
}

/** authors/<slug>.md → slug → file; a slug taken twice is refused (the first file in path order is read). */
export function authorFiles(dir: string, problems: ContentProblem[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const rel of markdownFiles(dir, "authors")) {
    const slug = slugOf(rel);
    if (files.has(slug)) problems.push({ file: fileLabel(dir, path.join(dir, rel)), field: "slug (file name)", message: `duplicate author slug "${slug}"` });
    else files.set(slug, rel);
  }
  return files;
}

/** pages/<slug>.md → standing pages at /<slug>: one level deep, never a top-level section's or a route's slug. */
export function readPages(dir: string, sections: Section[], problems: ContentProblem[], read: (rel: string) => PreparedFile): Map<string, StandingPage> {
  const pages = new Map<string, StandingPage>();
  const topLevel = new Set(sections.map((s) => s.slug));
  const siteFile = fileLabel(dir, path.join(dir, "site.yml"));
  for (const rel of markdownFiles(dir, "pages")) {
    const label = fileLabel(dir, path.join(dir, rel));
    const slug = slugOf(rel);
    if (path.dirname(rel) !== "pages") {
      problems.push({ file: label, message: "pages live directly in pages/ (a page is at /<slug>, one level deep)" });
      continue;
    }
    const slugProblem = pageSlugProblem(slug, topLevel, siteFile);
    if (slugProblem) {
      problems.push({ file: label, field: "slug (file name)", message: slugProblem });
      continue;
    }
    const page = pageRecord(label, slug, read(rel), problems);
    if (page) pages.set(slug, page);
  }
  return pages;
}

export interface LiveUpdateFile {
  /** Relative to the folder. */
  rel: string;
  /** The live blog's article. */
  slug: string;
  id: string;
}

/**
 * live/<article slug>/<update id>.md → the update files of every live blog (`slugs` null) or of the
 * named ones; a file elsewhere under live/ is refused (pushed). Whether the article exists and is
 * live needs the articles: the callers check it.
 */
export function liveUpdateFiles(dir: string, slugs: Iterable<string> | null, problems: ContentProblem[]): LiveUpdateFile[] {
  const subs = slugs === null ? ["live"] : [...slugs].map((s) => path.join("live", s));
  const out: LiveUpdateFile[] = [];
  for (const sub of subs) {
    for (const rel of markdownFiles(dir, sub)) {
      const parts = path.relative("live", rel).split(path.sep);
      if (parts.length !== 2) problems.push({ file: fileLabel(dir, path.join(dir, rel)), message: "live-blog updates live in live/<article slug>/<update id>.md" });
      else out.push({ rel, slug: parts[0], id: slugOf(parts[1]) });
    }
  }
  return out;
}

/**
 * site.yml `trust` paths feed the JSON-LD's NewsMediaOrganization: each must lead somewhere real
 * (`exists` knows the folder's pages, sections and article addresses, without the leading slash).
 */
export function trustLinkProblems(dir: string, site: SiteConfig, exists: (target: string) => boolean): ContentProblem[] {
  const siteFile = fileLabel(dir, path.join(dir, "site.yml"));
  const problems: ContentProblem[] = [];
  for (const [field, link] of Object.entries(site.trust ?? {})) {
    if (!link || /^https?:\/\//.test(link)) continue;
    const target = link.replace(/[?#].*$/, "").replace(/\/+$/, "").slice(1);
    if (target === "" || target === "corrections" || exists(target)) continue;
    problems.push({ file: siteFile, field: `trust.${field}`, message: `"${link}" is no page of this site (no pages/${target}.md, no section, article or /corrections there)` });
  }
  return problems;
}

