/**
 * What a content change touches. The webhook reloads the content source, then asks this module for
 * the cache tags and page paths affected — computed from the article as it was AND as it is now,
 * so an unpublished, moved or retitled article refreshes both its old and its new places.
 */
import { z } from "zod";
import type { Article, ContentSource, Section } from "./content/types";
import { LISTING_PAGE_SIZE, SECTION_PAGE_SIZE, sectionRoutePath } from "./routing";

/** Cache tags, named once. Data reads (WordPress fetches) and pages carry them. */
export const cacheTags = {
  all: "content",
  /** Every WordPress response (lib/content/wordpress tags each request with it). */
  wordpress: "wp",
  /** Any list of articles (WordPress list queries). */
  lists: "list",
  sectionTree: "sections",
  authorList: "authors",
  tagList: "tags",
  home: "home",
  sitemap: "sitemap",
  feed: "feed",
  article: (slug: string) => `article:${slug}`,
  section: (path: string) => `section:${path}`,
  author: (slug: string) => `author:${slug}`,
  tag: (slug: string) => `tag:${slug}`,
};

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a slug (lowercase letters, digits, hyphens)");

export const revalidateBody = z
  .object({
    slug: slug.optional(),
    section: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*$/, "must be a section path such as news/world-news").optional(),
    author: slug.optional(),
    tag: slug.optional(),
    all: z.literal(true).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, "name what changed: slug, section, author, tag or all");

export type RevalidateBody = z.infer<typeof revalidateBody>;

export interface Plan {
  tags: Set<string>;
  paths: Set<string>;
}

export function emptyPlan(): Plan {
  const plan: Plan = { tags: new Set(), paths: new Set() };
  // Every change can move the home page, the sitemaps and the site feed.
  for (const t of [cacheTags.home, cacheTags.sitemap, cacheTags.feed, cacheTags.lists]) plan.tags.add(t);
  for (const p of ["/", "/feed.xml", "/sitemap.xml", "/news-sitemap.xml"]) plan.paths.add(p);
  return plan;
}

function addPaged(plan: Plan, base: string, totalPages: number) {
  plan.paths.add(base);
  for (let n = 2; n <= totalPages; n++) plan.paths.add(`${base}/page/${n}`);
}

async function ancestors(source: ContentSource, section: Section): Promise<Section[]> {
  const chain: Section[] = [];
  let current: Section | null = section;
  while (current) {
    chain.push(current);
    current = current.parentPath ? await source.getSection(current.parentPath) : null;
  }
  return chain;
}

export async function addSection(plan: Plan, source: ContentSource, section: Section): Promise<void> {
  plan.tags.add(cacheTags.sectionTree);
  for (const s of await ancestors(source, section)) {
    plan.tags.add(cacheTags.section(s.path));
    const list = await source.listArticles({ section: s.path, perPage: SECTION_PAGE_SIZE, preview: true });
    addPaged(plan, `/${s.path}`, list.totalPages);
    // The cached copies live under the section route the proxy rewrites to.
    addPaged(plan, sectionRoutePath(s.path, 1), list.totalPages);
    plan.paths.add(`/${s.path}/feed.xml`);
  }
}

export async function addAuthor(plan: Plan, source: ContentSource, authorSlug: string): Promise<void> {
  plan.tags.add(cacheTags.author(authorSlug));
  plan.tags.add(cacheTags.authorList);
  const list = await source.listArticles({ author: authorSlug, perPage: LISTING_PAGE_SIZE, preview: true });
  addPaged(plan, `/authors/${authorSlug}`, list.totalPages);
  plan.paths.add(`/authors/${authorSlug}/feed.xml`);
}

export async function addTag(plan: Plan, source: ContentSource, tagSlug: string): Promise<void> {
  plan.tags.add(cacheTags.tag(tagSlug));
  plan.tags.add(cacheTags.tagList);
  const list = await source.listArticles({ tag: tagSlug, perPage: LISTING_PAGE_SIZE, preview: true });
  addPaged(plan, `/tags/${tagSlug}`, list.totalPages);
}

/** Everything one version of an article appears on. Call it for the old and the new version. */
export async function addArticle(plan: Plan, source: ContentSource, article: Article): Promise<void> {
  plan.tags.add(cacheTags.article(article.slug));
  plan.paths.add(article.url);
  await addSection(plan, source, article.section);
  for (const a of article.authors) await addAuthor(plan, source, a.slug);
  for (const t of article.tags) await addTag(plan, source, t.slug);
}
