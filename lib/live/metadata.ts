/**
 * Head tags of a live blog's pages: the article's own (lib/seo/metadata.ts), with an archived page
 * as a page of its own — its title says which updates it holds and it is its own canonical URL,
 * as a section's page 2 is.
 */
import type { Metadata } from "next";
import { articleMetadata } from "../seo/metadata";
import { absoluteUrl } from "../config/site";
import { livePagePath } from "./paging";
import { getI18n } from "../i18n/translate";
import { formatDateTimeRange } from "../config/format";
import type { LivePageData } from "../pages/live-page";

export function liveMetadata(data: LivePageData): Metadata {
  const article = articleMetadata(data.article, { preview: data.preview });
  // A live blog is modified whenever an update is published or edited.
  const base: Metadata = { ...article, openGraph: { ...article.openGraph, modifiedTime: data.state.status.lastUpdated } as Metadata["openGraph"] };
  if (data.page === 1) return base;
  const title = getI18n().t("live.pageTitle", { title: data.article.title, range: archiveRange(data) });
  const url = absoluteUrl(livePagePath(data.article.url, data.page));
  return {
    ...base,
    title,
    alternates: { ...base.alternates, canonical: url },
    openGraph: { ...base.openGraph, url, title },
    twitter: { ...base.twitter, title },
  };
}

/** The span of an archived page, oldest to newest update: "December 1, 2026, 5:40 – 9:30 AM UTC". */
export function archiveRange(data: Pick<LivePageData, "updates">): string {
  const [newest, oldest] = [data.updates[0], data.updates.at(-1)];
  return newest && oldest ? formatDateTimeRange(oldest.publishedAt, newest.publishedAt) : "";
}
