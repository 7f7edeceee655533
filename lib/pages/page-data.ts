/**
 * What each page shows, loaded once per render: `generateMetadata` and the page share one load
 * (React `cache`). The proxy has already decided that the page exists (lib/request/routing.ts), so these
 * only read; `null` means the content changed between the two steps, and the route answers 404.
 */
import { cache } from "react";
import { getContentSource } from "../sources/source";
import { previewEnabled } from "../access/preview";
import { parsePageNumber, sectionsByPath } from "../sources/rules";
import { sectionTrail } from "./breadcrumbs";
import { listCards, type CardPage } from "../api/articles";
import { CORRECTIONS_PAGE_SIZE, LISTING_PAGE_SIZE, SECTION_PAGE_SIZE } from "../request/routing";
import { readArticle } from "./enhance";
import type { Article, ArticleSummary, Author, CorrectionEntry, Page, Section, StandingPage, Tag } from "../sources/types";
import type { Crumb } from "./breadcrumbs";

export interface ArticlePageData {
  article: Article;
  trail: Crumb[];
  related: ArticleSummary[];
  preview: boolean;
}

export const loadArticlePage = cache(async (slug: string): Promise<ArticlePageData | null> => {
  const preview = await previewEnabled();
  const article = await readArticle(slug, { preview });
  if (!article) return null;
  const [trail, related] = await Promise.all([sectionTrail(article.section), getContentSource().getRelated(article, 4)]);
  return { article, trail, related, preview };
});

export interface ListingData<T> {
  subject: T;
  page: number;
  perPage: number;
  list: CardPage;
}

export const loadSectionPage = cache(async (path: string, page: number): Promise<(ListingData<Section> & { trail: Crumb[] }) | null> => {
  const section = await getContentSource().getSection(path);
  if (!section) return null;
  const [trail, list] = await Promise.all([sectionTrail(section), listCards({ section: section.path }, page, SECTION_PAGE_SIZE)]);
  return { subject: section, page, perPage: SECTION_PAGE_SIZE, list, trail };
});

export const loadAuthorPage = cache(async (slug: string, page: number): Promise<ListingData<Author> | null> => {
  const [author, list] = await Promise.all([getContentSource().getAuthor(slug), listCards({ author: slug }, page, LISTING_PAGE_SIZE)]);
  return author ? { subject: author, page, perPage: LISTING_PAGE_SIZE, list } : null;
});

export const loadTagPage = cache(async (slug: string, page: number): Promise<ListingData<Tag> | null> => {
  const [tag, list] = await Promise.all([getContentSource().getTag(slug), listCards({ tag: slug }, page, LISTING_PAGE_SIZE)]);
  return tag && list.total > 0 ? { subject: tag, page, perPage: LISTING_PAGE_SIZE, list } : null;
});

export interface StandingPageData {
  page: StandingPage;
  preview: boolean;
}

/** A standing page (/about); drafts only in preview (pages from a CMS). */
export const loadStandingPage = cache(async (slug: string): Promise<StandingPageData | null> => {
  const preview = await previewEnabled();
  const page = await getContentSource().getPage(slug, { preview });
  return page && (preview || page.status === "published") ? { page, preview } : null;
});

/** One page of /corrections, newest first; past the last page there is none (page 1 always exists). */
export const loadCorrectionsPage = cache(async (page: number): Promise<Page<CorrectionEntry> | null> => {
  const list = await getContentSource().listCorrections({ page, perPage: CORRECTIONS_PAGE_SIZE });
  return page === 1 || page <= list.totalPages ? list : null;
});

/** A page number from an internal route segment (the proxy wrote it). */
export const pageNumber = parsePageNumber;

/** Prerendered at build: the newest articles (PRERENDER_ARTICLES, default 200); older ones render on first request. */
export async function prerenderedArticleSlugs(count = Number(process.env.PRERENDER_ARTICLES ?? 200)): Promise<string[]> {
  const source = getContentSource();
  const slugs: string[] = [];
  for (let page = 1; slugs.length < count; page++) {
    const list = await source.listArticles({ page, perPage: 50 });
    // Live blogs render on their own route (app/live-pages), never this one.
    slugs.push(...list.items.filter((a) => !a.live).slice(0, count - slugs.length).map((a) => a.slug));
    if (page >= list.totalPages) break;
  }
  return slugs;
}

/** Every section path, for prerendering their first pages. */
export async function allSectionPaths(): Promise<string[]> {
  return [...sectionsByPath(await getContentSource().getSections()).keys()];
}
