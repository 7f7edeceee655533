/**
 * What a live blog's page shows (app/live-pages): the article, its trail and related articles, and
 * the live state cut to this page. Shared by metadata and page through React `cache`, like
 * lib/pages/page-data.ts; null when the content changed between the proxy's decision and the render.
 */
import { cache } from "react";
import { getContentSource } from "../sources/source";
import { sectionTrail } from "./breadcrumbs";
import { previewEnabled } from "../access/preview";
import { readLiveBlog } from "./enhance";
import { liveState, type LiveState } from "./live-view";
import { rememberLiveState } from "../live/delta";
import type { Article, ArticleSummary } from "../sources/types";
import type { Crumb } from "./breadcrumbs";
import type { LiveInitial, LiveMessages, LiveUpdateView } from "../live/types";
import { liveMessages } from "../live/messages";

export interface LivePageData {
  article: Article;
  trail: Crumb[];
  related: ArticleSummary[];
  preview: boolean;
  /** 1: the front page (the article URL); 2…: an archived page. */
  page: number;
  state: LiveState;
  /** This page's updates, newest first (the front page's pinned one excluded). */
  updates: LiveUpdateView[];
  initial: LiveInitial;
  messages: LiveMessages;
}

export const loadLivePage = cache(async (slug: string, page: number): Promise<LivePageData | null> => {
  const preview = await previewEnabled();
  const blog = await readLiveBlog(slug, { preview });
  if (!blog) return null;
  const { article, updates } = blog;
  const now = new Date();
  const state = liveState(article, updates, { now, preview });
  const shown = state.paging.page(page);
  if (!shown) return null;
  rememberLiveState(state, { preview });
  const [trail, related] = await Promise.all([sectionTrail(article.section), getContentSource().getRelated(article, 4)]);
  const pinned = page === 1 ? state.paging.pinned : null;
  return {
    article,
    trail,
    related,
    preview,
    page,
    state,
    updates: shown,
    initial: {
      slug,
      version: state.version,
      status: state.status,
      pinned,
      updates: shown,
      keyEvents: state.keyEvents,
      ...(state.paging.archivePages.length && shown.length ? { boundary: shown[shown.length - 1].publishedAt } : {}),
      poll: page === 1 && !state.status.ended,
      renderedAt: now.toISOString(),
    },
    messages: liveMessages(),
  };
});

/** Prerendered at build: the front page of every live blog among the newest articles. */
export async function prerenderedLiveSlugs(count = 50): Promise<string[]> {
  const list = await getContentSource().listArticles({ perPage: count });
  return list.items.filter((a) => a.live).map((a) => a.slug);
}
