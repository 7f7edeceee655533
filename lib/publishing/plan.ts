/**
 * What a content change touches. publish() (./publish.ts) reloads the content source, then asks this module for
 * the cache tags and the page routes affected — computed from the article as it was AND as it is
 * now, so an unpublished, moved or retitled article refreshes both its old and its new places.
 * Tags reach every cache that keeps pages (Next's data cache, the production server's response
 * cache, the edge); routes are the internal routes whose rendered copies Next keeps, named by
 * lib/request/routing.ts's internalRoute — the very routes the proxy rewrites to.
 */
import type { Article, ContentSource, Section, StandingPage } from "../sources/types";
import { sectionChain, sectionsByPath } from "../sources/rules";
import { cacheTags } from "../request/cache-tags";
import { CORRECTIONS_PAGE_SIZE, LISTING_PAGE_SIZE, SECTION_PAGE_SIZE, internalRoute, type RouteTarget } from "../request/routing";
import { livePaging } from "../live/paging";

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

function addRoute(plan: Plan, target: RouteTarget): void {
  const route = internalRoute(target);
  if (route) plan.paths.add(route);
}

function addPages(plan: Plan, target: (page: number) => RouteTarget, totalPages: number): void {
  for (let n = 1; n <= Math.min(totalPages, MAX_PAGES_REFRESHED); n++) addRoute(plan, target(n));
}

export async function addSection(plan: Plan, source: ContentSource, section: Section): Promise<void> {
  plan.tags.add(cacheTags.sectionTree);
  const byPath = sectionsByPath(await source.getSections());
  for (const s of sectionChain(section, (p) => byPath.get(p))) {
    plan.tags.add(cacheTags.section(s.path));
    const list = await source.listArticles({ section: s.path, perPage: SECTION_PAGE_SIZE, preview: true });
    addPages(plan, (page) => ({ kind: "section", section: s, page }), list.totalPages);
  }
}

export async function addAuthor(plan: Plan, source: ContentSource, authorSlug: string): Promise<void> {
  plan.tags.add(cacheTags.author(authorSlug));
  plan.tags.add(cacheTags.authorList);
  const list = await source.listArticles({ author: authorSlug, perPage: LISTING_PAGE_SIZE, preview: true });
  addPages(plan, (page) => ({ kind: "author", author: { slug: authorSlug }, page }), list.totalPages);
}

export async function addTag(plan: Plan, source: ContentSource, tagSlug: string): Promise<void> {
  plan.tags.add(cacheTags.tag(tagSlug));
  plan.tags.add(cacheTags.tagList);
  const list = await source.listArticles({ tag: tagSlug, perPage: LISTING_PAGE_SIZE, preview: true });
  addPages(plan, (page) => ({ kind: "tag", tag: { slug: tagSlug }, page }), list.totalPages);
}

/** Everything one version of an article appears on. Call it for the old and the new version. */
export async function addArticle(plan: Plan, source: ContentSource, article: Article): Promise<void> {
  plan.tags.add(cacheTags.article(article.slug));
  // Its month's child of the sitemap index (publishedAt is UTC, as the months are).
  plan.tags.add(cacheTags.sitemapMonth(article.publishedAt.slice(0, 7)));
  addRoute(plan, { kind: "article", article });
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
  for (const page of [1, ...livePaging(updates).archivePages]) addRoute(plan, { kind: "live", article, page });
}

export async function addCorrections(plan: Plan, source: ContentSource): Promise<void> {
  plan.tags.add(cacheTags.corrections);
  const list = await source.listCorrections({ perPage: CORRECTIONS_PAGE_SIZE });
  addPages(plan, (page) => ({ kind: "corrections", page }), list.totalPages);
}

/**
 * One version of a standing page. Its title and place in the navigation show on every page of the
 * site: when they change, everything is refreshed.
 */
export function addPage(plan: Plan, page: StandingPage, other?: StandingPage | null): void {
  plan.tags.add(cacheTags.page(page.slug));
  plan.tags.add(cacheTags.pageList);
  addRoute(plan, { kind: "page", page });
  if (other ? other.title !== page.title || other.nav !== page.nav : page.nav !== "none") addEverything(plan);
}

/**
 * The wire form of a plan — the webhook's answer, the message to other instances, what the
 * publish trail and the edge purge read: sorted, so equal plans are equal strings.
 */
export interface WirePlan {
  tags: string[];
  paths: string[];
  everything: boolean;
}

export function toWire(plan: Plan): WirePlan {
  return { tags: [...plan.tags].sort(), paths: [...plan.paths].sort(), everything: plan.everything };
}

/** A wire plan from elsewhere (another instance), checked; null when it is not one. */
export function fromWire(value: unknown): WirePlan | null {
  const plan = value as Partial<WirePlan> | null;
  if (!plan || typeof plan !== "object" || !Array.isArray(plan.tags) || !Array.isArray(plan.paths) || typeof plan.everything !== "boolean") return null;
  if (![...plan.tags, ...plan.paths].every((s) => typeof s === "string" && s.length <= 512)) return null;
  return { tags: [...plan.tags], paths: [...plan.paths], everything: plan.everything };
}
