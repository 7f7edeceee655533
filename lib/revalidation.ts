/**
 * What a content change touches. The webhook reloads the content source, then asks this module for
 * the cache tags and the page routes affected — computed from the article as it was AND as it is
 * now, so an unpublished, moved or retitled article refreshes both its old and its new places.
 * Tags reach every cache that keeps pages (Next's data cache, the production server's response
 * cache, the edge); routes are the internal routes whose rendered copies Next keeps (lib/routing.ts).
 */
import { z } from "zod";
import type { Article, ContentSource, Section, StandingPage } from "./content/types";
import { SECTION_PATH, SLUG, TAG_SLUG, sectionChain, sectionsByPath } from "./content/rules";
import { cacheTags } from "./cache-tags";
import { CORRECTIONS_PAGE_SIZE, INTERNAL_ROUTES, LISTING_PAGE_SIZE, SECTION_PAGE_SIZE } from "./routing";
import { livePaging } from "./live/paging";

const slug = z.string().max(200).regex(SLUG, "must be a slug (lowercase letters, digits, hyphens)");

export const revalidateBody = z
  .object({
    slug: slug.optional(),
    section: z.string().max(400).regex(SECTION_PATH, "must be a section path such as news/world-news").optional(),
    author: slug.optional(),
    tag: z.string().max(200).regex(TAG_SLUG, "must be a tag slug").optional(),
    page: slug.optional(),
    all: z.literal(true).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, "name what changed: slug, section, author, tag, page or all");

export type RevalidateBody = z.infer<typeof revalidateBody>;

export interface Plan {
  tags: Set<string>;
  /** Internal routes (and "/") whose rendered copies Next must drop. */
  paths: Set<string>;
  /** `{"all": true}`: every page of the site. */
  everything: boolean;
}

/**
 * Later pages of a long list shift by one on every publish; the first ones are refreshed at once,
 * the rest within their revalidation time (60 s). Bounded, so a publish costs the same at any size.
 */
export const MAX_PAGES_REFRESHED = 10;

export function emptyPlan(): Plan {
  // Every change can move the home page, the sitemaps and the feeds.
  return { tags: new Set([cacheTags.home, cacheTags.sitemap, cacheTags.feed, cacheTags.lists]), paths: new Set(["/"]), everything: false };
}

export function addEverything(plan: Plan): void {
  plan.everything = true;
  plan.tags.add(cacheTags.site);
  plan.tags.add(cacheTags.wordpress);
}

function addPages(plan: Plan, route: (page: number) => string, totalPages: number): void {
  for (let n = 1; n <= Math.min(totalPages, MAX_PAGES_REFRESHED); n++) plan.paths.add(route(n));
}

export async function addSection(plan: Plan, source: ContentSource, section: Section): Promise<void> {
  plan.tags.add(cacheTags.sectionTree);
  const byPath = sectionsByPath(await source.getSections());
  for (const s of sectionChain(section, (p) => byPath.get(p))) {
    plan.tags.add(cacheTags.section(s.path));
    const list = await source.listArticles({ section: s.path, perPage: SECTION_PAGE_SIZE, preview: true });
    addPages(plan, (n) => `${INTERNAL_ROUTES.section}/${n}/${s.path}`, list.totalPages);
  }
}

export async function addAuthor(plan: Plan, source: ContentSource, authorSlug: string): Promise<void> {
  plan.tags.add(cacheTags.author(authorSlug));
  plan.tags.add(cacheTags.authorList);
  const list = await source.listArticles({ author: authorSlug, perPage: LISTING_PAGE_SIZE, preview: true });
  addPages(plan, (n) => `${INTERNAL_ROUTES.author}/${authorSlug}/${n}`, list.totalPages);
}

export async function addTag(plan: Plan, source: ContentSource, tagSlug: string): Promise<void> {
  plan.tags.add(cacheTags.tag(tagSlug));
  plan.tags.add(cacheTags.tagList);
  const list = await source.listArticles({ tag: tagSlug, perPage: LISTING_PAGE_SIZE, preview: true });
  addPages(plan, (n) => `${INTERNAL_ROUTES.tag}/${encodeURIComponent(tagSlug)}/${n}`, list.totalPages);
}

/** Everything one version of an article appears on. Call it for the old and the new version. */
export async function addArticle(plan: Plan, source: ContentSource, article: Article): Promise<void> {
  plan.tags.add(cacheTags.article(article.slug));
  // Its month's child of the sitemap index (publishedAt is UTC, as the months are).
  plan.tags.add(cacheTags.sitemapMonth(article.publishedAt.slice(0, 7)));
  plan.paths.add(`${INTERNAL_ROUTES.article}/${article.slug}`);
  if (article.live) await addLivePages(plan, source, article);
  await addSection(plan, source, article.section);
  for (const a of article.authors) await addAuthor(plan, source, a.slug);
  for (const t of article.tags) await addTag(plan, source, t.slug);
  if (article.corrections.length) await addCorrections(plan, source);
}

/**
 * Every page of a live blog, as drafts included would cut them (a superset of what readers see):
 * a new update changes the front page, and an edited or removed one the archived page that holds
 * it. The delta endpoint carries the article's tag and needs no path.
 */
async function addLivePages(plan: Plan, source: ContentSource, article: Article): Promise<void> {
  const updates = (await source.getLiveUpdates(article.slug, { preview: true })) ?? [];
  for (const n of [1, ...livePaging(updates).archivePages]) plan.paths.add(`${INTERNAL_ROUTES.live}/${article.slug}/${n}`);
}

export async function addCorrections(plan: Plan, source: ContentSource): Promise<void> {
  plan.tags.add(cacheTags.corrections);
  const list = await source.listCorrections({ perPage: CORRECTIONS_PAGE_SIZE });
  addPages(plan, (n) => `${INTERNAL_ROUTES.corrections}/${n}`, list.totalPages);
}

/**
 * One version of a standing page. Its title and place in the navigation show on every page of the
 * site: when they change, everything is refreshed.
 */
export function addPage(plan: Plan, page: StandingPage, other?: StandingPage | null): void {
  plan.tags.add(cacheTags.page(page.slug));
  plan.tags.add(cacheTags.pageList);
  plan.paths.add(`${INTERNAL_ROUTES.page}/${page.slug}`);
  if (other ? other.title !== page.title || other.nav !== page.nav : page.nav !== "none") addEverything(plan);
}

/** The wire form of a plan (JSON: the webhook's answer, the message to other instances). */
export function planToJson(plan: Plan): { tags: string[]; paths: string[]; everything: boolean } {
  return { tags: [...plan.tags].sort(), paths: [...plan.paths].sort(), everything: plan.everything };
}
