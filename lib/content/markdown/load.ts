/**
 * The markdown source's loader: reads CONTENT_DIR once, validates every file, renders every body
 * through lib/html, and builds the indexes the queries use. Every problem is collected and thrown
 * together, each naming its file and field, so a broken folder never half-loads.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { imageSize } from "image-size";
import { ContentValidationError, type ContentProblem } from "../errors";
import { zodProblems } from "../zod-problems";
import { articleFrontMatter, authorFrontMatter, dateOrDateTimeToIso, liveUpdateFrontMatter, pageFrontMatter, type ArticleFrontMatter } from "./schema";
import { renderInlineMarkdown } from "../../html/inline";
import { renderMarkdown, readingMinutes, deriveDescription, type RenderedHtml, type RenderOptions } from "../../html/pipeline";
import { renderOptionsFor } from "../../i18n/translate";
import { baseTag } from "../../i18n/locale";
import { loadSiteConfig, type SectionConfig, type SiteConfig } from "../../site";
import { RESERVED_ARTICLE_SLUGS, RESERVED_SECTION_SLUGS, SLUG, tagSlug } from "../rules";
import type { Article, Author, Image, LiveUpdate, Section, StandingPage, Tag } from "../types";
import { buildIndex, type ContentIndex } from "../index-builder";
import { contentImageForUrl, IMAGE_URL_PREFIX } from "../images";


interface ParsedFile {
  data: unknown;
  body: string;
}

function relative(dir: string, file: string): string {
  return path.relative(process.cwd(), file) || path.join(dir, path.basename(file));
}

/**
 * Rendering is most of a load (10,000 bodies: about 50 s of a 65 s load on one core), and a reload
 * (the revalidation webhook) re-reads every file although usually one changed. Markdown rendering
 * and YAML parsing are pure functions of their text, so a process remembers the results of its
 * latest load by the exact text (a digest of it, for bodies) and a reload redoes only what changed.
 * Each load keeps only the entries it used, so edited and deleted files do not accumulate.
 */
class LoadMemo {
  private static latest = { rendered: new Map<string, RenderedHtml>(), yaml: new Map<string, unknown>() };
  private readonly previous = LoadMemo.latest;
  private readonly current = { rendered: new Map<string, RenderedHtml>(), yaml: new Map<string, unknown>() };

  constructor(
    /** The site's language shapes the output (self-link labels), so it is part of the key. */
    private readonly language = "en",
    private readonly options: RenderOptions = {},
  ) {}

  /**
   * What the media step turned into links (unknown embeds, images from elsewhere) is logged once
   * per file when its body is rendered, naming the file; a later reload of the same text is silent.
   */
  render(markdown: string, label: string): RenderedHtml {
    const key = createHash("sha256").update(this.language).update("\0").update(markdown).digest("base64");
    const remembered = this.current.rendered.get(key) ?? this.previous.rendered.get(key);
    // A body is its text plus the sizes of the local images it shows: an image added, removed or
    // replaced since (same text) renders it again.
    const hit = remembered && this.sameImages(remembered) ? remembered : undefined;
    const rendered = hit ?? renderMarkdown(markdown, this.options);
    if (!hit && rendered.media.notices.length) console.warn(`[content] ${label}: ${rendered.media.notices.join("; ")}`);
    this.current.rendered.set(key, rendered);
    // Each article gets its own heading objects, as a fresh render would give it.
    return { ...rendered, headings: rendered.headings.map((h) => ({ ...h })) };
  }

  private sameImages(rendered: RenderedHtml): boolean {
    const read = this.options.localImage;
    if (!read) return true;
    return Object.entries(rendered.media.localImages).every(([src, size]) => {
      const now = read(src);
      return now?.width === size?.width && now?.height === size?.height;
    });
  }

  /** Parsed YAML is only ever read (validated into new objects by zod), so it can be shared. */
  yaml(text: string): unknown {
    if (this.current.yaml.has(text)) return this.current.yaml.get(text);
    const data = this.previous.yaml.has(text) ? this.previous.yaml.get(text) : parseYaml(text);
    this.current.yaml.set(text, data);
    return data;
  }

  /** The next load reuses what this one produced. */
  keep(): void {
    LoadMemo.latest = this.current;
  }
}

function readFrontMatter(file: string, problems: ContentProblem[], label: string, memo: LoadMemo): ParsedFile | null {
  const text = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!match) {
    problems.push({ file: label, message: "must start with a front matter block between two '---' lines" });
    return null;
  }
  try {
    return { data: memo.yaml(match[1]) ?? {}, body: text.slice(match[0].length) };
  } catch (error) {
    const message = error instanceof YAMLParseError ? error.message.split("\n")[0] : String(error);
    problems.push({ file: label, field: "front matter", message: `malformed YAML: ${message}` });
    return null;
  }
}

function markdownFiles(dir: string): string[] {
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

function toIso(value: string): string {
  return new Date(value).toISOString();
}

export { IMAGE_URL_PREFIX };

/** The message when a local image reference does not name a file the site would serve. */
function missingImage(dir: string, src: string): string {
  return `no such file in ${path.join(dir, "images")}: ${src} (it must be a regular image file inside that folder; symbolic links that lead out of it are refused)`;
}

function resolveImage(
  raw: NonNullable<ArticleFrontMatter["image"]>,
  dir: string,
  label: string,
  problems: ContentProblem[],
): Image | undefined {
  let { width, height } = raw;
  if (raw.src.startsWith(IMAGE_URL_PREFIX)) {
    // The same rule as the route that will serve it (lib/content/images.ts).
    const local = contentImageForUrl(path.join(dir, "images"), raw.src);
    if (!local) {
      problems.push({ file: label, field: "image.src", message: missingImage(dir, raw.src) });
      return undefined;
    }
    if (!width || !height) {
      try {
        const size = imageSize(fs.readFileSync(local.file));
        width ??= size.width;
        height ??= size.height;
      } catch {
        /* reported below */
      }
    }
  } else if (!/^https:\/\//.test(raw.src)) {
    problems.push({ file: label, field: "image.src", message: `must start with ${IMAGE_URL_PREFIX} (a file in images/) or https://` });
    return undefined;
  }
  if (!width || !height) {
    problems.push({ file: label, field: "image.width", message: "width and height are required (they could not be read from the file)" });
    return undefined;
  }
  return { src: raw.src, alt: raw.alt, caption: raw.caption, credit: raw.credit, width, height };
}

export interface LoadedContent {
  site: SiteConfig;
  index: ContentIndex;
}

/**
 * Sizes of body images (`/content-images/…` → CONTENT_DIR/images), read once per file and load.
 * Undefined unless the content-image rule (lib/content/images.ts) would serve the file — the same
 * rule as for featured images and avatars — and its size can be read.
 */
function localImageSizes(dir: string): (src: string) => { width: number; height: number } | undefined {
  const root = path.join(dir, "images");
  const seen = new Map<string, { width: number; height: number } | undefined>();
  return (src) => {
    if (seen.has(src)) return seen.get(src);
    let size: { width: number; height: number } | undefined;
    const image = contentImageForUrl(root, src);
    if (image) {
      try {
        const { width, height } = imageSize(fs.readFileSync(image.file));
        if (width && height) size = { width, height };
      } catch {
        size = undefined;
      }
    }
    seen.set(src, size);
    return size;
  };
}

/** Loads and validates a content folder. Throws ContentValidationError listing every problem. */
export function loadMarkdownContent(dir: string): LoadedContent {
  const problems: ContentProblem[] = [];
  const site = loadSiteConfig(dir);
  const memo = new LoadMemo(site.language, { ...renderOptionsFor(site.language), localImage: localImageSizes(dir) });
  const siteFile = relative(dir, path.join(dir, "site.yml"));
  const sections = buildSections(site.sections, siteFile, problems);
  const sectionsByPath = new Map(flatten(sections).map((s) => [s.path, s]));
  const sectionSlugs = new Set(flatten(sections).map((s) => s.slug));

  // Authors
  const authors = new Map<string, Author>();
  for (const file of markdownFiles(path.join(dir, "authors"))) {
    const label = relative(dir, file);
    const slug = path.basename(file, ".md");
    if (!SLUG.test(slug)) {
      problems.push({ file: label, field: "slug (file name)", message: "must be lowercase letters, digits and single hyphens" });
      continue;
    }
    if (authors.has(slug)) {
      problems.push({ file: label, field: "slug (file name)", message: `duplicate author slug "${slug}"` });
      continue;
    }
    const parsed = readFrontMatter(file, problems, label, memo);
    if (!parsed) continue;
    const result = authorFrontMatter.safeParse(parsed.data);
    if (!result.success) {
      problems.push(...zodProblems(label, result.error));
      continue;
    }
    const fm = result.data;
    if (fm.avatar?.src.startsWith(IMAGE_URL_PREFIX) && !contentImageForUrl(path.join(dir, "images"), fm.avatar.src)) {
      problems.push({ file: label, field: "avatar", message: missingImage(dir, fm.avatar.src) });
    }
    const renderedBio = parsed.body.trim() ? memo.render(parsed.body, label) : undefined;
    for (const message of renderedBio?.media.problems ?? []) problems.push({ file: label, field: "body", message });
    const bio = renderedBio?.html ?? "";

    authors.set(slug, {
      slug,
      name: fm.name,
      bio,
      role: fm.role,
      links: fm.links,
      avatar: fm.avatar ? { src: fm.avatar.src, alt: fm.avatar.alt || fm.name } : undefined,
    });
  }

  // Articles
  const articles = new Map<string, Article>();
  const files = new Map<string, string>();
  const tags = new Map<string, Tag>();
  const bodyText = new Map<string, string>();
  const pendingRelated: { label: string; article: Article }[] = [];
  for (const file of markdownFiles(path.join(dir, "articles"))) {
    const label = relative(dir, file);
    const slug = path.basename(file, ".md");
    if (!SLUG.test(slug)) {
      problems.push({ file: label, field: "slug (file name)", message: "must be lowercase letters, digits and single hyphens" });
      continue;
    }
    if (RESERVED_ARTICLE_SLUGS.has(slug)) {
      problems.push({ file: label, field: "slug (file name)", message: `"${slug}" is reserved` });
      continue;
    }
    if (files.has(slug)) {
      problems.push({ file: label, field: "slug (file name)", message: `duplicate slug "${slug}", also used by ${files.get(slug)}` });
      continue;
    }
    if (sectionSlugs.has(slug) || RESERVED_SECTION_SLUGS.has(slug)) {
      problems.push({ file: label, field: "slug (file name)", message: `"${slug}" collides with a section of the same name` });
      continue;
    }
    files.set(slug, label);
    const parsed = readFrontMatter(file, problems, label, memo);
    if (!parsed) continue;
    const result = articleFrontMatter.safeParse(parsed.data);
    if (!result.success) {
      problems.push(...zodProblems(label, result.error));
      continue;
    }
    const fm = result.data;
    const section = sectionsByPath.get(fm.section.replace(/^\/+|\/+$/g, ""));
    if (!section) {
      problems.push({ file: label, field: "section", message: `unknown section "${fm.section}" (known: ${[...sectionsByPath.keys()].join(", ")})` });
    }
    const articleAuthors: Author[] = [];
    fm.authors.forEach((authorSlug, i) => {
      const author = authors.get(authorSlug);
      if (author) articleAuthors.push(author);
      else problems.push({ file: label, field: `authors.${i}`, message: `unknown author "${authorSlug}" (no authors/${authorSlug}.md)` });
    });
    const image = fm.image ? resolveImage(fm.image, dir, label, problems) : undefined;
    if (!section || articleAuthors.length !== fm.authors.length || (fm.image && !image)) continue;

    const rendered = memo.render(parsed.body, label);
    if (!rendered.text) problems.push({ file: label, field: "body", message: "is empty" });
    for (const message of rendered.media.problems) problems.push({ file: label, field: "body", message });
    const articleTags = fm.tags.map((name, i) => {
      const key = tagSlug(name);
      if (!key) problems.push({ file: label, field: `tags.${i}`, message: `"${name}" gives an empty slug` });
      const tag = tags.get(key) ?? { slug: key, name };
      tags.set(key, tag);
      return tag;
    });
    fm.translations.forEach((t, i) => {
      if (baseTag(t.language).toLowerCase() === baseTag(site.language).toLowerCase()) {
        problems.push({ file: label, field: `translations.${i}.language`, message: `"${t.language}" is this site's own language (${site.language}); a translation is in another edition` });
      }
    });
    const publishedAt = toIso(fm.publishedAt);
    const written = fm.updatedAt ? toIso(fm.updatedAt) : publishedAt;
    if (Date.parse(written) < Date.parse(publishedAt)) {
      problems.push({ file: label, field: "updatedAt", message: "is before publishedAt" });
    }
    const corrections = fm.corrections
      .map((c, i) => {
        const date = dateOrDateTimeToIso(c.date);
        // A date-only correction is "that day": compare days, not hours.
        const day = (iso: string) => iso.slice(0, 10);
        if (/^\d{4}-\d{2}-\d{2}$/.test(c.date) ? c.date < day(publishedAt) : Date.parse(date) < Date.parse(publishedAt)) {
          problems.push({ file: label, field: `corrections.${i}.date`, message: "is before publishedAt" });
        }
        const inline = renderInlineMarkdown(c.text);
        return { date, html: inline.html, text: inline.text };
      })
      .sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
    const correctedAt = corrections.at(-1)?.date;
    // dateModified is honest: a correction is a modification.
    const updatedAt = correctedAt && Date.parse(correctedAt) > Date.parse(written) ? correctedAt : written;
    if (fm.liveEndedAt && Date.parse(fm.liveEndedAt) < Date.parse(publishedAt)) {
      problems.push({ file: label, field: "liveEndedAt", message: "is before publishedAt" });
    }
    const article: Article = {
      slug,
      title: fm.title,
      description: fm.description?.trim() || deriveDescription(rendered.lead),
      section: section,
      authors: articleAuthors,
      tags: articleTags.filter((t, i, all) => all.findIndex((o) => o.slug === t.slug) === i),
      publishedAt,
      updatedAt,
      status: fm.status,
      image,
      readingMinutes: readingMinutes(rendered.text),
      url: `/${section.path}/${slug}`,
      translations: fm.translations,
      body: rendered.html,
      headings: rendered.headings,
      relatedSlugs: fm.related,
      redirectFrom: fm.redirectFrom,
      donation: fm.donation,
      kind: fm.kind,
      corrections,
      ...(correctedAt ? { correctedAt } : {}),
      ...(fm.live ? { live: fm.liveEndedAt ? { endedAt: toIso(fm.liveEndedAt) } : {} } : {}),
    };
    articles.set(slug, article);
    bodyText.set(slug, rendered.text);
    pendingRelated.push({ label, article });
  }

  // Cross-file checks: editor picks exist, old slugs are unique and do not shadow live slugs.
  const oldSlugs = new Map<string, string>();
  for (const { label, article } of pendingRelated) {
    article.relatedSlugs.forEach((r, i) => {
      if (r === article.slug) problems.push({ file: label, field: `related.${i}`, message: "an article cannot be related to itself" });
      else if (!files.has(r)) problems.push({ file: label, field: `related.${i}`, message: `unknown article "${r}"` });
    });
    article.redirectFrom.forEach((old, i) => {
      if (files.has(old)) problems.push({ file: label, field: `redirectFrom.${i}`, message: `"${old}" is the slug of an existing article (${files.get(old)})` });
      else if (oldSlugs.has(old)) problems.push({ file: label, field: `redirectFrom.${i}`, message: `duplicate slug "${old}", also claimed by ${oldSlugs.get(old)}` });
      else oldSlugs.set(old, label);
    });
  }

  const pages = loadPages(dir, sections, siteFile, problems, memo);
  // site.yml `trust` paths feed the JSON-LD's NewsMediaOrganization: each must lead somewhere real.
  for (const [field, link] of Object.entries(site.trust ?? {})) {
    if (!link || /^https?:\/\//.test(link)) continue;
    const target = link.replace(/[?#].*$/, "").replace(/\/+$/, "").slice(1);
    const known = target === "" || target === "corrections" || pages.has(target) || sectionsByPath.has(target) || [...articles.values()].some((a) => a.url === `/${target}`);
    if (!known) problems.push({ file: siteFile, field: `trust.${field}`, message: `"${link}" is no page of this site (no pages/${target}.md, no section, article or /corrections there)` });
  }
  const liveUpdates = loadLiveUpdates(dir, articles, files, authors, problems, memo);

  memo.keep();
  if (problems.length) throw new ContentValidationError(problems);
  return { site, index: buildIndex({ sections, authors, tags, articles, bodyText, pages, liveUpdates }) };
}

/** pages/<slug>.md → standing pages at /<slug>; a slug a section or a route already has is refused. */
function loadPages(dir: string, sections: Section[], siteFile: string, problems: ContentProblem[], memo: LoadMemo): Map<string, StandingPage> {
  const pages = new Map<string, StandingPage>();
  const topLevel = new Set(sections.map((s) => s.slug));
  for (const file of markdownFiles(path.join(dir, "pages"))) {
    const label = relative(dir, file);
    const slug = path.basename(file, ".md");
    if (path.dirname(file) !== path.join(dir, "pages")) {
      problems.push({ file: label, message: "pages live directly in pages/ (a page is at /<slug>, one level deep)" });
      continue;
    }
    if (!SLUG.test(slug)) {
      problems.push({ file: label, field: "slug (file name)", message: "must be lowercase letters, digits and single hyphens" });
      continue;
    }
    if (topLevel.has(slug)) {
      problems.push({ file: label, field: "slug (file name)", message: `"/${slug}" is the section "${slug}" in ${siteFile}: rename the page or the section` });
      continue;
    }
    if (RESERVED_SECTION_SLUGS.has(slug)) {
      problems.push({ file: label, field: "slug (file name)", message: `"/${slug}" is reserved: it is a route of its own` });
      continue;
    }
    const parsed = readFrontMatter(file, problems, label, memo);
    if (!parsed) continue;
    const result = pageFrontMatter.safeParse(parsed.data);
    if (!result.success) {
      problems.push(...zodProblems(label, result.error));
      continue;
    }
    const fm = result.data;
    const rendered = memo.render(parsed.body, label);
    if (!rendered.text) problems.push({ file: label, field: "body", message: "is empty" });
    for (const message of rendered.media.problems) problems.push({ file: label, field: "body", message });
    pages.set(slug, {
      slug,
      title: fm.title,
      description: fm.description?.trim() || deriveDescription(rendered.lead),
      body: rendered.html,
      headings: rendered.headings,
      ...(fm.updatedAt ? { updatedAt: toIso(fm.updatedAt) } : {}),
      nav: fm.nav,
      status: "published",
      url: `/${slug}`,
    });
  }
  return pages;
}

const UPDATE_ID = /^[a-z0-9-]+$/;

/** live/<article slug>/<update id>.md → the updates of a live blog, newest first. */
function loadLiveUpdates(
  dir: string,
  articles: Map<string, Article>,
  files: Map<string, string>,
  authors: Map<string, Author>,
  problems: ContentProblem[],
  memo: LoadMemo,
): Map<string, LiveUpdate[]> {
  const out = new Map<string, LiveUpdate[]>();
  const root = path.join(dir, "live");
  for (const file of markdownFiles(root)) {
    const label = relative(dir, file);
    const parts = path.relative(root, file).split(path.sep);
    if (parts.length !== 2) {
      problems.push({ file: label, message: "live-blog updates live in live/<article slug>/<update id>.md" });
      continue;
    }
    const [slug, name] = parts;
    const id = name.replace(/\.md$/, "");
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
    if (!UPDATE_ID.test(id)) {
      problems.push({ file: label, field: "update id (file name)", message: "must be lower-case letters, digits and dashes" });
      continue;
    }
    const parsed = readFrontMatter(file, problems, label, memo);
    if (!parsed) continue;
    const result = liveUpdateFrontMatter.safeParse(parsed.data);
    if (!result.success) {
      problems.push(...zodProblems(label, result.error));
      continue;
    }
    const fm = result.data;
    const updateAuthors: Author[] = [];
    (fm.authors ?? []).forEach((authorSlug, i) => {
      const author = authors.get(authorSlug);
      if (author) updateAuthors.push(author);
      else problems.push({ file: label, field: `authors.${i}`, message: `unknown author "${authorSlug}" (no authors/${authorSlug}.md)` });
    });
    const rendered = memo.render(parsed.body, label);
    if (!rendered.text) problems.push({ file: label, field: "body", message: "is empty" });
    for (const message of rendered.media.problems) problems.push({ file: label, field: "body", message });
    const publishedAt = toIso(fm.publishedAt);
    const updatedAt = fm.updatedAt ? toIso(fm.updatedAt) : publishedAt;
    if (Date.parse(updatedAt) < Date.parse(publishedAt)) problems.push({ file: label, field: "updatedAt", message: "is before publishedAt" });
    const list = out.get(slug) ?? [];
    if (fm.pinned && list.some((u) => u.pinned)) {
      problems.push({ file: label, field: "pinned", message: `another update of "${slug}" is pinned already; at most one per live blog` });
    }
    list.push({
      id,
      ...(fm.title ? { title: fm.title } : {}),
      body: rendered.html,
      publishedAt,
      updatedAt,
      keyEvent: fm.keyEvent,
      pinned: fm.pinned,
      authors: fm.authors ? updateAuthors : article.authors,
      status: fm.status,
      url: `${article.url}#update-${id}`,
    });
    out.set(slug, list);
  }
  for (const list of out.values()) list.sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt) || b.id.localeCompare(a.id));
  return out;
}
