/**
 * Head tags of a live blog's pages: the article's own (lib/seo/metadata.ts), with an archived page
 * as a page of its own — its title says which updates it holds and it is its own canonical URL,
 * as a section's page 2 is.
 */
import type { Metadata } from "next";
import { articleMetadata } from "../seo/metadata";
import { absoluteUrl } from "../site";
import { livePagePath } from "./paging";
import { liveStrings } from "./strings";
import type { LivePageData } from "./page";

export function liveMetadata(data: LivePageData): Metadata {
  const base = articleMetadata(data.article, { preview: data.preview });
  if (data.page === 1) return base;
  const range = archiveRange(data);
  const title = liveStrings.pageTitle(data.article.title, range.from, range.to);
  const url = absoluteUrl(livePagePath(data.article.url, data.page));
  return {
    ...base,
    title,
    alternates: { ...base.alternates, canonical: url },
    openGraph: { ...base.openGraph, url, title },
    twitter: { ...base.twitter, title },
  };
}

/** The first and last update times of an archived page, as readers read them. */
export function archiveRange(data: Pick<LivePageData, "updates">): { from: string; to: string } {
  return { from: data.updates.at(-1)?.dateLabel ?? "", to: data.updates[0]?.dateLabel ?? "" };
}
