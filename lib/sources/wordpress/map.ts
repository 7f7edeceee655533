/**
 * WordPress REST resources → the content model. Pure functions: where each field of an Article,
 * Author or Section comes from in WordPress is answered here, in one file. Longer than 400 lines on
 * purpose: the table below and the mapping it describes are one contract with the mu-plugin
 * (docs/wordpress.md), read and changed together; the fetching, memo and media lookups that surround
 * it live in ./posts.ts, ./memo.ts and ./source.ts.
 *
 * | model                | WordPress                                                                 |
 * |----------------------|---------------------------------------------------------------------------|
 * | Section tree, path   | categories (`parent` nests them; the path is the chain of slugs)          |
 * | Article.title        | title.rendered → plain text (entities such as &#8217; decoded)            |
 * | Article.body/headings| content.rendered → lib/html sanitizeHtml (the one sanitiser); body images  |
 * |                      | and audio only from the WordPress host, sizes from their attributes or   |
 * |                      | media details (sizesFromMedia); embeds → facades (lib/html/media.ts)     |
 * | Article.description  | the excerpt when an editor wrote one; else derived from the body          |
 * | Article.section      | the deepest of the post's categories                                      |
 * | Article.authors      | the post's author (WordPress has one) → users: name, description, avatar  |
 * | Article.tags         | post_tag terms (name decoded)                                             |
 * | publishedAt/updatedAt| date_gmt / modified_gmt, read as UTC                                      |
 * | status               | publish → published; future → published with a future publishedAt (the   |
 * |                      | visibility rule hides it); draft, pending, private → draft                |
 * | image                | featured media: source_url, media_details width/height, alt_text,         |
 * |                      | caption.rendered → text, media_details.image_meta.credit                  |
 * | redirectFrom         | `_wp_old_slug` meta, exposed as masthead_old_slugs by the mu-plugin       |
 * | relatedSlugs         | `masthead_related` meta (editor picks), exposed by the mu-plugin          |
 * | kind                 | `masthead_kind` meta (news, opinion, …), exposed by the mu-plugin; news   |
 * |                      | when absent or unknown                                                    |
 * | corrections          | `masthead_corrections` meta (a JSON list of {date, text}), exposed by the |
 * |                      | mu-plugin; text is inline markdown/HTML through lib/html                  |
 * | StandingPage         | top-level pages (/wp/v2/pages, parent 0): title, content, modified_gmt;   |
 * |                      | nav from `masthead_nav` meta (default footer)                             |
 */
import { decodeHTML } from "entities";
import { deriveDescription, htmlToText, readingMinutes, sanitizeHtml, type RenderOptions } from "../../html/pipeline";
import { renderInlineMarkdown } from "../../html/inline";
import type { SectionConfig } from "../../config/site";
import { isTagSlug, pageSlugAllowed, RESERVED_ARTICLE_SLUGS, RESERVED_SECTION_SLUGS, SLUG } from "../rules";
import type { Article, ArticleKind, ArticleStatus, Author, Correction, Image, Section, StandingPage, Tag } from "../types";
import { wpMedia, wpTerm, wpUser, type WpPost, type WpPostDates, type WpStandingPage, type WpTerm, type WpUser } from "./schema";


/** Term names, user names and alt texts arrive HTML-escaped (`Arts &amp; Culture`). */
export function decodeText(value: string): string {
  return decodeHTML(value).replace(/\s+/g, " ").trim();
}

/**
 * WordPress stores non-ASCII term slugs percent-encoded ("caf%c3%a9"); the route and the links use
 * the decoded form. A slug that no route would accept is left out (null).
 */
export function termSlug(raw: string): string | null {
  let slug = raw;
  try {
    slug = decodeURIComponent(raw);
  } catch {
    return null;
  }
  return isTagSlug(slug) ? slug : null;
}

/** WordPress's *_gmt fields are UTC without an offset ("2026-10-01T08:00:00"). */
export function utcIso(gmt: string | null | undefined): string | undefined {
  if (!gmt || gmt.startsWith("0000")) return undefined;
  const ms = Date.parse(/(?:[zZ]|[+-]\d\d:?\d\d)$/.test(gmt) ? gmt : `${gmt}Z`);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

export function mapStatus(status: string, isProtected = false): ArticleStatus {
  // A password-protected post is not for every reader: it is treated like a draft.
  if (isProtected) return "draft";
  return status === "publish" || status === "future" ? "published" : "draft";
}

// ---------------------------------------------------------------------------------------------
// Sections

export interface SectionTree {
  sections: Section[];
  byPath: Map<string, Section>;
  byCategoryId: Map<number, Section>;
  /** Section path → the category ids of the section and all its descendants (for list queries). */
  categoryIds: Map<string, number[]>;
}

/**
 * The section tree comes from WordPress categories. site.yml's `sections` only order it: at each
 * level, categories listed there come first in that order, the rest follow by name. The default
 * "uncategorized" category is left out while it has no posts; a category whose slug cannot be a
 * URL segment here (reserved, or not lowercase-hyphenated) is left out with a warning.
 */
export function buildSectionTree(categories: WpTerm[], order: SectionConfig[] = [], warn: (message: string) => void = console.warn): SectionTree {
  const ids = new Set(categories.map((c) => c.id));
  const childrenOf = new Map<number, WpTerm[]>();
  for (const c of categories) {
    const parent = c.parent && ids.has(c.parent) ? c.parent : 0;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), c]);
  }
  const tree: SectionTree = { sections: [], byPath: new Map(), byCategoryId: new Map(), categoryIds: new Map() };

  const build = (parentId: number, parent: Section | undefined, levelOrder: SectionConfig[]): Section[] => {
    const rank = (slug: string) => {
      const i = levelOrder.findIndex((s) => s.slug === slug);
      return i < 0 ? Number.MAX_SAFE_INTEGER : i;
    };
    const level = (childrenOf.get(parentId) ?? [])
      .filter((c) => {
        if (c.slug === "uncategorized" && !parent && c.count === 0) return false;
        if (!SLUG.test(c.slug) || RESERVED_SECTION_SLUGS.has(c.slug)) {
          warn(`WordPress category "${c.slug}" (id ${c.id}) is left out of the sections: its slug ${SLUG.test(c.slug) ? "is reserved" : "must be lowercase letters, digits and single hyphens"}`);
          return false;
        }
        return true;
      })
      .sort((a, b) => rank(a.slug) - rank(b.slug) || decodeText(a.name).localeCompare(decodeText(b.name)));
    return level.map((c) => {
      const description = c.description ? htmlToText(c.description) : "";
      const section: Section = {
        slug: c.slug,
        name: decodeText(c.name),
        ...(description ? { description } : {}),
        path: parent ? `${parent.path}/${c.slug}` : c.slug,
        ...(parent ? { parentPath: parent.path } : {}),
        children: [],
      };
      tree.byPath.set(section.path, section);
      tree.byCategoryId.set(c.id, section);
      section.children = build(c.id, section, levelOrder.find((s) => s.slug === c.slug)?.children ?? []);
      return section;
    });
  };
  tree.sections = build(0, undefined, order);

  const idsByPath = new Map<string, number>([...tree.byCategoryId].map(([id, s]) => [s.path, id]));
  const collect = (s: Section): number[] => [idsByPath.get(s.path)!, ...s.children.flatMap(collect)];
  for (const s of tree.byPath.values()) tree.categoryIds.set(s.path, collect(s));
  return tree;
}

// ---------------------------------------------------------------------------------------------
// Authors

/** WordPress keeps a bio as plain text with line breaks (and a few inline tags): make paragraphs. */
function paragraphs(text: string): string {
  if (/<(p|div|ul|ol|blockquote|h[1-6])[\s>]/i.test(text)) return text;
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${p.replace(/\r?\n/g, "<br>")}</p>`)
    .join("\n");
}

/**
 * Avatars: WordPress answers Gravatar URLs unless a plugin serves local pictures (the mu-plugin
 * does, from the `masthead_avatar_id` user meta). Only pictures served by the WordPress site itself
 * are used: Gravatar's default silhouette adds nothing, and every reader's browser would ask a
 * third party for it.
 */
function localAvatar(urls: Record<string, string> | undefined, origin: string, name: string): Author["avatar"] {
  if (!urls) return undefined;
  const largest = Object.entries(urls).sort((a, b) => Number(b[0]) - Number(a[0]))[0]?.[1];
  if (!largest) return undefined;
  try {
    return new URL(largest).origin === origin ? { src: largest, alt: name } : undefined;
  } catch {
    return undefined;
  }
}

export function mapUser(user: WpUser, wordpressOrigin: string): Author {
  const name = decodeText(user.name) || user.slug;
  const bio = user.description.trim() ? sanitizeHtml(paragraphs(user.description)).html : "";
  const links = /^https?:\/\//.test(user.url) ? [{ label: "Website", url: user.url }] : [];
  const avatar = localAvatar(user.avatar_urls, wordpressOrigin, name);
  return { slug: user.slug, name, bio, links, ...(avatar ? { avatar } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Images

export function mapMedia(raw: unknown): Image | undefined {
  const parsed = wpMedia.safeParse(raw);
  if (!parsed.success) return undefined;
  const media = parsed.data;
  if (media.media_type && media.media_type !== "image") return undefined;
  const details = media.media_details;
  const full = details?.sizes?.full;
  const width = details?.width || full?.width;
  const height = details?.height || full?.height;
  // next/image needs the size up front (no layout shift); an image without one is left out.
  if (!width || !height || !/^https?:\/\//.test(media.source_url)) return undefined;
  const caption = media.caption ? htmlToText(media.caption.rendered) : "";
  const credit = details?.image_meta?.credit ? decodeText(details.image_meta.credit) : "";
  return {
    src: media.source_url,
    alt: decodeText(media.alt_text),
    ...(caption ? { caption } : {}),
    ...(credit ? { credit } : {}),
    width,
    height,
  };
}

// ---------------------------------------------------------------------------------------------
// Posts

export interface PostContext {
  sections: SectionTree;
  wordpressOrigin: string;
  /** Sizes of body images that arrive without width/height, from their media details. */
  imageSizes?: ReadonlyMap<string, { width: number; height: number }>;
  /** Fallback when the author is not embedded. */
  authorsById?: Map<number, Author>;
  /** lib/html options in the site's language (the subheadings' self-link labels). */
  render?: RenderOptions;
}

/** `warnings`: parts of the post that were left out (an unknown kind, a correction without a date). */
export type MappedPost =
  | {
      ok: true;
      article: Article;
      text: string;
      warnings: string[];
      /** What the body's media step turned into links, for the log. */
      notice?: string;
    }
  | { ok: false; problem: string };

const KINDS: ReadonlySet<string> = new Set<ArticleKind>(["news", "opinion", "analysis", "review", "explainer", "obituary", "sponsored"]);

/** An editor's correction date: a day (that day, noon UTC, as in markdown) or a date-time with an offset. */
function correctionDate(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const ms = Date.parse(`${value}T12:00:00Z`);
    // 2026-02-30 parses as 2 March: a typo, not a date.
    return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(value) ? new Date(ms).toISOString() : undefined;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** The post's kind and corrections from the mu-plugin's fields, oldest correction first. */
export function mapTrust(post: Pick<WpPost, "masthead_kind" | "masthead_corrections">, where: string, warnings: string[]): { kind: ArticleKind; corrections: Correction[] } {
  const raw = post.masthead_kind?.trim().toLowerCase() ?? "";
  if (raw && !KINDS.has(raw)) warnings.push(`${where}: masthead_kind "${post.masthead_kind}" is not one of ${[...KINDS].join(", ")}; shown as news`);
  const kind = (KINDS.has(raw) ? raw : "news") as ArticleKind;
  const corrections: Correction[] = [];
  (post.masthead_corrections ?? []).forEach((entry, i) => {
    const item = (entry ?? {}) as { date?: unknown; text?: unknown };
    const date = correctionDate(item.date);
    const text = typeof item.text === "string" ? item.text.trim() : "";
    if (!date || !text) {
      warnings.push(`${where}: masthead_corrections.${i} needs a date (2026-12-03 or an ISO 8601 date-time) and a text; it is left out`);
      return;
    }
    const inline = renderInlineMarkdown(text);
    corrections.push({ date, html: inline.html, text: inline.text });
  });
  corrections.sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
  return { kind, corrections };
}

/**
 * Attachment ids of body images WordPress sent without width or height (its content filter adds
 * them to attachments it knows; older content and some plugins lack them): their media details
 * have the size.
 */
export function unsizedAttachmentIds(html: string): number[] {
  const ids = new Set<number>();
  for (const [tag] of html.matchAll(/<img\b[^>]*>/gi)) {
    if (/\swidth\s*=/i.test(tag) && /\sheight\s*=/i.test(tag)) continue;
    const id = /\bwp-image-(\d{1,12})\b/.exec(tag)?.[1];
    if (id) ids.add(Number(id));
  }
  return [...ids];
}

/** Every size WordPress made of each attachment, by URL (a body can show any of them). */
export function sizesFromMedia(items: unknown[]): Map<string, { width: number; height: number }> {
  const out = new Map<string, { width: number; height: number }>();
  for (const raw of items) {
    const parsed = wpMedia.safeParse(raw);
    if (!parsed.success) continue;
    const d = parsed.data.media_details;
    if (d?.width && d.height) out.set(parsed.data.source_url, { width: d.width, height: d.height });
    for (const size of Object.values(d?.sizes ?? {})) out.set(size.source_url, { width: size.width, height: size.height });
  }
  return out;
}

/** The generated excerpt is the start of the body ("… [&hellip;]"); an editor's excerpt is not. */
function editorsExcerpt(excerptHtml: string | undefined, bodyText: string): string {
  if (!excerptHtml) return "";
  const excerpt = htmlToText(excerptHtml).replace(/\s*(\[…\]|\[\.\.\.\]|…)$/, "").trim();
  if (!excerpt) return "";
  const squash = (s: string) => s.replace(/\s+/g, " ");
  return squash(bodyText).startsWith(squash(excerpt).slice(0, 60)) ? "" : excerpt;
}

/** The section a post is shown in (its deepest category that is a section), or why it cannot be an article. */
export function postPlace(post: Pick<WpPost, "id" | "slug" | "categories">, sections: SectionTree): { section: Section } | { problem: string } {
  const where = `WordPress post ${post.id} "${post.slug}"`;
  if (!SLUG.test(post.slug) || RESERVED_ARTICLE_SLUGS.has(post.slug)) {
    return { problem: `${where}: its slug cannot be an article URL here (lowercase letters, digits and single hyphens; not "page")` };
  }
  const candidates = post.categories.map((id) => sections.byCategoryId.get(id)).filter((s): s is Section => Boolean(s));
  const section = candidates.sort((a, b) => b.path.split("/").length - a.path.split("/").length)[0];
  return section ? { section } : { problem: `${where}: none of its categories (${post.categories.join(", ") || "none"}) is a section` };
}

/** Publication and update times (ISO, UTC) and the trust fields they depend on. */
export function postTimes(post: WpPostDates, where: string, warnings: string[]): { publishedAt: string; updatedAt: string; kind: ArticleKind; corrections: Correction[] } {
  const publishedAt = utcIso(post.date_gmt) ?? utcIso(post.modified_gmt) ?? new Date().toISOString();
  const modified = utcIso(post.modified_gmt);
  const { kind, corrections } = mapTrust(post, where, warnings);
  const correctedAt = corrections.at(-1)?.date;
  // A scheduled or back-dated post can carry a modification time before its publication time; a
  // correction is a modification (dateModified stays honest even if the post was not re-saved).
  const latest = [modified, correctedAt].filter((d): d is string => Boolean(d)).sort((a, b) => Date.parse(b) - Date.parse(a))[0];
  const updatedAt = latest && Date.parse(latest) > Date.parse(publishedAt) ? latest : publishedAt;
  return { publishedAt, updatedAt, kind, corrections };
}

export function mapPost(post: WpPost, context: PostContext): MappedPost {
  const where = `WordPress post ${post.id} "${post.slug}"`;
  const place = postPlace(post, context.sections);
  if ("problem" in place) return { ok: false, problem: place.problem };
  const { section } = place;

  const embeddedAuthor = wpUser.safeParse(post._embedded?.author?.[0]);
  const author = embeddedAuthor.success ? mapUser(embeddedAuthor.data, context.wordpressOrigin) : context.authorsById?.get(post.author);
  if (!author) return { ok: false, problem: `${where}: its author (user ${post.author}) could not be read` };

  const tags: Tag[] = [];
  for (const raw of (post._embedded?.["wp:term"] ?? []).flat()) {
    const term = wpTerm.safeParse(raw);
    if (!term.success || term.data.taxonomy !== "post_tag") continue;
    const slug = termSlug(term.data.slug);
    if (slug && !tags.some((t) => t.slug === slug)) tags.push({ slug, name: decodeText(term.data.name) });
  }

  const rendered = sanitizeHtml(post.content.rendered, {
    ...context.render,
    mediaOrigins: [context.wordpressOrigin],
    baseUrl: context.wordpressOrigin,
    imageSizes: context.imageSizes,
  });
  const warnings: string[] = [];
  const { publishedAt, updatedAt, kind, corrections } = postTimes(post, where, warnings);
  const correctedAt = corrections.at(-1)?.date;
  const image = post.featured_media ? mapMedia(post._embedded?.["wp:featuredmedia"]?.[0]) : undefined;
  const description = editorsExcerpt(post.excerpt?.rendered, rendered.text) || deriveDescription(rendered.lead);

  const article: Article = {
    slug: post.slug,
    title: htmlToText(post.title.rendered) || post.slug,
    description,
    section,
    authors: [author],
    tags,
    publishedAt,
    updatedAt,
    status: mapStatus(post.status, post.content.protected),
    ...(image ? { image } : {}),
    readingMinutes: readingMinutes(rendered.text),
    url: `/${section.path}/${post.slug}`,
    // WordPress has no core field for the same post in another site (docs/wordpress.md → Editions).
    translations: [],
    body: rendered.html,
    headings: rendered.headings,
    relatedSlugs: (post.masthead_related ?? []).filter((s) => s !== post.slug),
    redirectFrom: post.masthead_old_slugs ?? [],
    donation: true,
    kind,
    corrections,
    ...(correctedAt ? { correctedAt } : {}),
  };
  const notice = rendered.media.notices.length ? `${where}: ${rendered.media.notices.join("; ")}` : undefined;
  return { ok: true, article, text: rendered.text, warnings, ...(notice ? { notice } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Standing pages

export type MappedPage = { ok: true; page: StandingPage } | { ok: false; problem: string };

const NAV = new Set(["header", "footer", "none"]);

/**
 * A top-level WordPress page → a standing page at /<slug>. Child pages, slugs no route accepts and
 * slugs a section already has (the section would win at that URL) are left out.
 */
export function mapPage(page: WpStandingPage, sections: SectionTree, context?: Pick<PostContext, "wordpressOrigin" | "render">): MappedPage {
  const where = `WordPress page ${page.id} "${page.slug}"`;
  if (page.parent) return { ok: false, problem: `${where}: only top-level pages are standing pages (/<slug>)` };
  if (!SLUG.test(page.slug) || !pageSlugAllowed(page.slug)) {
    return { ok: false, problem: `${where}: its slug cannot be a page URL here (lowercase letters, digits and single hyphens; not a route such as "search")` };
  }
  if (sections.byPath.has(page.slug)) return { ok: false, problem: `${where}: "/${page.slug}" is the section "${page.slug}"; rename the page or the category` };
  const rendered = sanitizeHtml(
    page.content.rendered,
    context ? { ...context.render, mediaOrigins: [context.wordpressOrigin], baseUrl: context.wordpressOrigin } : undefined,
  );
  const nav = page.masthead_nav && NAV.has(page.masthead_nav) ? (page.masthead_nav as StandingPage["nav"]) : "footer";
  const updatedAt = utcIso(page.modified_gmt);
  return {
    ok: true,
    page: {
      slug: page.slug,
      title: htmlToText(page.title.rendered) || page.slug,
      description: deriveDescription(rendered.lead),
      body: rendered.html,
      headings: rendered.headings,
      ...(updatedAt ? { updatedAt } : {}),
      nav,
      // A scheduled page has no date to wait for on a standing page: preview only until published.
      status: page.status === "publish" && !page.content.protected ? "published" : "draft",
      url: `/${page.slug}`,
    },
  };
}
