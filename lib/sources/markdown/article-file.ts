/**
 * One markdown file → one validated record, the same way for the on-disk content index
 * (index-writer.ts) and the tests' reference loader (tests/content/). Split in two steps so the expensive, pure one can run in
 * a worker thread: `prepareFile` (front matter YAML + the markdown → HTML pipeline: a function of the
 * text alone) and `articleRecord` / `authorRecord` (validation against the rest of the folder).
 */
import fs from "node:fs";
import path from "node:path";
import { parseFrontMatter, type FieldPositions } from "../front-matter";
import { imageSize } from "image-size";
import type { ContentProblem } from "../errors";
import { zodProblems } from "../zod-problems";
import { articleFrontMatter, authorFrontMatter, dateOrDateTimeToIso, type ArticleFrontMatter } from "./schema";
import { renderInlineMarkdown } from "../../html/inline";
import { renderMarkdown, readingMinutes, deriveDescription, type RenderedHtml, type RenderOptions } from "../../html/pipeline";
import { renderOptionsFor } from "../../i18n/translate";
import { typographicText } from "../../html/typography";
import { baseTag } from "../../i18n/locale";
import { RESERVED_ARTICLE_SLUGS, RESERVED_SECTION_SLUGS, SLUG, tagSlug } from "../rules";
import type { Article, Author, Heading, Image, Section, Tag } from "../types";
import { contentImageForUrl, IMAGE_URL_PREFIX } from "../images";
import { unknownAuthor, unknownSection } from "./problems";
import { embedCacheDir, previewReader } from "../../embeds/oembed";

/** What a render depends on besides the text: the site's language and the folder's images. */
export interface RenderSetting {
  language: string;
  /** The content folder: body images (`/content-images/…`) are sized from its images/. */
  dir: string;
}

/** A file after the pure step: its front matter parsed and its body rendered. */
export type PreparedFile =
  | { ok: true; data: unknown; rendered: RenderedHtml | null; positions?: FieldPositions }
  | { ok: false; problems: Omit<ContentProblem, "file">[] };

/**
 * Splits the front matter, parses it and renders the body (empty bodies are not rendered: an author
 * without a bio). The same text and the same image files give the same result, so the result can be
 * kept by a hash of the text (with the sizes of the local images it used: `media.localImages`) and
 * computed in any thread.
 */
export function prepareFile(raw: string, options?: RenderOptions): PreparedFile {
  const front = parseFrontMatter(raw);
  if (!front.ok) return { ok: false, problems: front.problems };
  return { ok: true, data: front.data, positions: front.positions, rendered: front.body.trim() ? renderMarkdown(front.body, options) : null };
}

const optionsByLanguage = new Map<string, RenderOptions>();

/**
 * Sizes of body images (`/content-images/…` → <dir>/images), each file read once per reader.
 * Undefined unless the content-image rule (lib/sources/images.ts) would serve the file — the same
 * rule as for featured images and avatars — and its size can be read.
 */
export function localImageSizes(dir: string): (src: string) => { width: number; height: number } | undefined {
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

/**
 * The pipeline's options for a folder: self-link labels and embed facades in the site's language
 * (made once per language), body images sized from the folder's files and embed previews from the
 * folder's cache (both read afresh by each call: one call per load or batch, so a replaced image or
 * a preview fetched since is seen).
 */
export function renderOptions(setting: RenderSetting): RenderOptions {
  let options = optionsByLanguage.get(setting.language);
  if (!options) optionsByLanguage.set(setting.language, (options = renderOptionsFor(setting.language)));
  return { ...options, localImage: localImageSizes(setting.dir), embedPreview: previewReader(embedCacheDir(setting.dir)) };
}

/** A rendered body's media problems (a local image that does not exist), as the file's "body" field. */
export function mediaProblems(label: string, rendered: RenderedHtml | null, problems: ContentProblem[]): boolean {
  for (const message of rendered?.media.problems ?? []) problems.push({ file: label, field: "body", message });
  return !rendered?.media.problems.length;
}

/** The log line for what the media step turned into links (unknown embeds, images from elsewhere), if any. */
export function mediaNotice(label: string, prepared: PreparedFile): string | null {
  const notices = prepared.ok ? prepared.rendered?.media.notices : undefined;
  return notices?.length ? `[content] ${label}: ${notices.join("; ")}` : null;
}

/** An empty body (an author without a bio), as the pipeline would give it. */
export const EMPTY_RENDER: RenderedHtml = { html: "", headings: [], text: "", lead: "", media: { notices: [], problems: [], localImages: {}, embedPreviews: {} } };

/** What an article record keeps besides its body: the article with references instead of objects. */
export type StoredArticle = Omit<Article, "section" | "authors" | "tags" | "url" | "body" | "headings"> & {
  /** Section path. */
  section: string;
  /** Author slugs, in the article's order. */
  authors: string[];
  /** Tags as this file writes them (the folder's first spelling of a slug is the tag's name). */
  tags: Tag[];
};

export interface ArticleRecord {
  slug: string;
  /** The file, relative to the working directory, as problems name it. */
  file: string;
  model: StoredArticle;
  body: string;
  headings: Heading[];
  /** Plain text of the body, for search. */
  text: string;
  /** The local images the body shows and their sizes when rendered (to render again when one changes). */
  images: RenderedHtml["media"]["localImages"];
  /** The embed previews the body was rendered with (to render again when one is fetched or goes). */
  embeds: RenderedHtml["media"]["embedPreviews"];
}

export interface FolderContext {
  dir: string;
  /** The site's language (site.yml): a translation must be in another one. */
  language: string;
  sectionsByPath: ReadonlyMap<string, Section>;
  hasAuthor: (slug: string) => boolean;
  /** Image sizes read from files, by URL, shared across records of one load. */
  imageSizes?: Map<string, { width?: number; height?: number }>;
}

/** The message when a local image reference does not name a file the site would serve. */
export function missingImage(dir: string, src: string): string {
  return `no such file in ${path.join(dir, "images")}: ${src} (it must be a regular image file inside that folder; symbolic links that lead out of it are refused)`;
}

function resolveImage(raw: NonNullable<ArticleFrontMatter["image"]>, ctx: FolderContext, label: string, problems: ContentProblem[]): Image | undefined {
  let { width, height } = raw;
  if (raw.src.startsWith(IMAGE_URL_PREFIX)) {
    // The same rule as the route that will serve it (lib/sources/images.ts).
    const cached = ctx.imageSizes?.get(raw.src);
    let size = cached;
    if (!size) {
      const local = contentImageForUrl(path.join(ctx.dir, "images"), raw.src);
      if (!local) {
        problems.push({ file: label, field: "image.src", message: missingImage(ctx.dir, raw.src) });
        return undefined;
      }
      size = {};
      try {
        const read = imageSize(fs.readFileSync(local.file));
        size = { width: read.width, height: read.height };
      } catch {
        /* reported below when the front matter gives no size either */
      }
      ctx.imageSizes?.set(raw.src, size);
    }
    width ??= size.width;
    height ??= size.height;
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

function toIso(value: string): string {
  return new Date(value).toISOString();
}

/** Problems with an article's file name alone (before reading it). */
export function articleSlugProblem(slug: string, sectionSlugs: ReadonlySet<string>): string | null {
  if (!SLUG.test(slug)) return "must be lowercase letters, digits and single hyphens";
  if (RESERVED_ARTICLE_SLUGS.has(slug)) return `"${slug}" is reserved`;
  if (sectionSlugs.has(slug) || RESERVED_SECTION_SLUGS.has(slug)) return `"${slug}" collides with a section of the same name`;
  return null;
}

/** Validates one article file against the folder (sections, authors, images). Problems are pushed; null when invalid. */
export function articleRecord(label: string, slug: string, prepared: PreparedFile, ctx: FolderContext, problems: ContentProblem[]): ArticleRecord | null {
  if (!prepared.ok) {
    problems.push(...prepared.problems.map((p) => ({ file: label, ...p })));
    return null;
  }
  const result = articleFrontMatter.safeParse(prepared.data);
  if (!result.success) {
    problems.push(...zodProblems(label, result.error, prepared.positions, articleFrontMatter));
    return null;
  }
  const fm = result.data;
  const sectionPath = fm.section.replace(/^\/+|\/+$/g, "");
  const section = ctx.sectionsByPath.get(sectionPath);
  if (!section) {
    problems.push(unknownSection(label, fm.section, ctx.sectionsByPath.keys()));
  }
  let authorsOk = true;
  fm.authors.forEach((authorSlug, i) => {
    if (!ctx.hasAuthor(authorSlug)) {
      authorsOk = false;
      problems.push(unknownAuthor(label, i, authorSlug));
    }
  });
  const image = fm.image ? resolveImage(fm.image, ctx, label, problems) : undefined;
  if (!section || !authorsOk || (fm.image && !image)) return null;

  const rendered = prepared.rendered ?? EMPTY_RENDER;
  let valid = true;
  if (!rendered.text) {
    problems.push({ file: label, field: "body", message: "is empty" });
    valid = false;
  }
  if (!mediaProblems(label, rendered, problems)) valid = false;
  const tags: Tag[] = [];
  fm.tags.forEach((name, i) => {
    const key = tagSlug(name);
    if (!key) {
      problems.push({ file: label, field: `tags.${i}`, message: `"${name}" gives an empty slug` });
      valid = false;
    } else if (!tags.some((t) => t.slug === key)) tags.push({ slug: key, name });
  });
  fm.translations.forEach((t, i) => {
    if (baseTag(t.language).toLowerCase() === baseTag(ctx.language).toLowerCase()) {
      problems.push({ file: label, field: `translations.${i}.language`, message: `"${t.language}" is this site's own language (${ctx.language}); a translation is in another edition` });
      valid = false;
    }
  });
  const publishedAt = toIso(fm.publishedAt);
  const written = fm.updatedAt ? toIso(fm.updatedAt) : publishedAt;
  if (Date.parse(written) < Date.parse(publishedAt)) {
    problems.push({ file: label, field: "updatedAt", message: "is before publishedAt" });
    valid = false;
  }
  const corrections = fm.corrections
    .map((c, i) => {
      const date = dateOrDateTimeToIso(c.date);
      // A date-only correction is "that day": compare days, not hours.
      const day = (iso: string) => iso.slice(0, 10);
      if (/^\d{4}-\d{2}-\d{2}$/.test(c.date) ? c.date < day(publishedAt) : Date.parse(date) < Date.parse(publishedAt)) {
        problems.push({ file: label, field: `corrections.${i}.date`, message: "is before publishedAt" });
        valid = false;
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
    valid = false;
  }
  fm.related.forEach((r, i) => {
    if (r === slug) {
      problems.push({ file: label, field: `related.${i}`, message: "an article cannot be related to itself" });
      valid = false;
    }
  });
  if (!valid) return null;
  const model: StoredArticle = {
    slug,
    // Curly quotes and dashes in headlines and standfirsts too (lib/html/typography.ts).
    title: typographicText(fm.title, ctx.language),
    description: fm.description?.trim() ? typographicText(fm.description.trim(), ctx.language) : deriveDescription(rendered.lead),
    section: section.path,
    authors: fm.authors,
    tags,
    publishedAt,
    updatedAt,
    status: fm.status,
    image,
    readingMinutes: readingMinutes(rendered.text),
    translations: fm.translations,
    relatedSlugs: fm.related,
    redirectFrom: fm.redirectFrom,
    donation: fm.donation,
    ...(fm.checkAlso ? {} : { checkAlso: false }),
    ...(fm.mostRead ? {} : { mostRead: false as const }),
    kind: fm.kind,
    corrections,
    ...(correctedAt ? { correctedAt } : {}),
    ...(fm.live ? { live: fm.liveEndedAt ? { endedAt: toIso(fm.liveEndedAt) } : {} } : {}),
    ...(fm.alert ? { alert: true } : {}),
    ...(fm.briefingLead ? { briefingLead: true } : {}),
  };
  return { slug, file: label, model, body: rendered.html, headings: rendered.headings, text: rendered.text, images: rendered.media.localImages, embeds: rendered.media.embedPreviews };
}

/** The article a reader gets, from a record's model and the folder's sections, authors and tags. */
export function toArticle(
  model: StoredArticle,
  body: string,
  headings: Heading[],
  resolve: { section: (path: string) => Section | undefined; author: (slug: string) => Author | undefined; tag: (tag: Tag) => Tag },
): Article | null {
  const section = resolve.section(model.section);
  const authors = model.authors.map(resolve.author);
  if (!section || authors.some((a) => !a)) return null;
  return {
    ...model,
    section,
    authors: authors as Author[],
    tags: model.tags.map(resolve.tag),
    url: `/${section.path}/${model.slug}`,
    body,
    headings,
  };
}

/** Validates one author file. Problems are pushed; null when invalid. */
export function authorRecord(label: string, slug: string, prepared: PreparedFile, dir: string, problems: ContentProblem[]): Author | null {
  if (!SLUG.test(slug)) {
    problems.push({ file: label, field: "slug (file name)", message: "must be lowercase letters, digits and single hyphens" });
    return null;
  }
  if (!prepared.ok) {
    problems.push(...prepared.problems.map((p) => ({ file: label, ...p })));
    return null;
  }
  const result = authorFrontMatter.safeParse(prepared.data);
  if (!result.success) {
    problems.push(...zodProblems(label, result.error, prepared.positions, authorFrontMatter));
    return null;
  }
  const fm = result.data;
  if (fm.avatar?.src.startsWith(IMAGE_URL_PREFIX) && !contentImageForUrl(path.join(dir, "images"), fm.avatar.src)) {
    problems.push({ file: label, field: "avatar", message: missingImage(dir, fm.avatar.src) });
  }
  mediaProblems(label, prepared.rendered, problems);
  return {
    slug,
    name: fm.name,
    bio: prepared.rendered?.html ?? "",
    role: fm.role,
    links: fm.links,
    avatar: fm.avatar ? { src: fm.avatar.src, alt: fm.avatar.alt || fm.name } : undefined,
  };
}
