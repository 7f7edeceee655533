/**
 * JSON-LD of a live blog's page: the article's own @graph (lib/seo/jsonld.ts) with its main node as
 * a LiveBlogPosting — coverage start, end once it has ended, and one BlogPosting per update shown
 * on this page, each at the URL of the page that holds it (Google's LIVE badge reads these).
 * Pure: model objects in, a Graph out.
 */
import type { BlogPosting, Graph, LiveBlogPosting, NewsArticle, Thing } from "schema-dts";
import type { Article } from "../sources/types";
import type { Crumb } from "../pages/breadcrumbs";
import { articleJsonLd, truncateHeadline, type SeoSite } from "./jsonld";
import { absoluteOn } from "./xml";

export interface LiveBlogUpdateLd {
  headline: string;
  /** Plain text of the update. */
  text: string;
  datePublished: string;
  dateModified?: string;
  /** The page that shows the update, with its anchor: "/news/storm/page/2#update-x". */
  path: string;
  authors: { name: string; href: string }[];
}

export interface LiveCoverageLd {
  /** ISO 8601: the coverage has ended (absent while live). */
  endedAt?: string;
  /** ISO 8601: the newest update's time. */
  lastUpdated: string;
  /** Absolute URL of this page (the article URL, or an archived page of it). */
  pageUrl: string;
}

export function liveBlogJsonLd(article: Article, trail: Crumb[], site: SeoSite, updates: LiveBlogUpdateLd[], coverage: LiveCoverageLd): Graph {
  const graph = articleJsonLd(article, trail, site);
  const [main, ...rest] = graph["@graph"];
  const { "@type": _type, ...fields } = main as Exclude<NewsArticle, string> & { "@type": "NewsArticle" };
  const liveBlog: LiveBlogPosting = {
    ...(fields as Omit<Exclude<LiveBlogPosting, string>, "@type">),
    "@type": "LiveBlogPosting",
    dateModified: coverage.lastUpdated,
    coverageStartTime: article.publishedAt,
    ...(coverage.endedAt ? { coverageEndTime: coverage.endedAt } : {}),
    liveBlogUpdate: updates.map(
      (u): BlogPosting => ({
        "@type": "BlogPosting",
        headline: truncateHeadline(u.headline),
        articleBody: u.text,
        datePublished: u.datePublished,
        ...(u.dateModified ? { dateModified: u.dateModified } : {}),
        url: absoluteOn(site.url, u.path),
        author: u.authors.map((a) => ({ "@type": "Person", name: a.name, url: absoluteOn(site.url, a.href) })),
        mainEntityOfPage: coverage.pageUrl,
      }),
    ),
  };
  return { ...graph, "@graph": [liveBlog, ...(rest as Thing[])] };
}
