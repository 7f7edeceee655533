/**
 * RSS 2.0 feeds (site, section, author) built with the `feed` package. Pure: articles (with their
 * sanitised bodies) and the site config in, XML out. Links are absolute because a feed is read
 * away from the site: relative links inside the body are resolved too.
 */
import { Feed, type Extension } from "feed";
import { fromHtml } from "hast-util-from-html";
import { toHtml } from "hast-util-to-html";
import { visit } from "unist-util-visit";
import type { Element } from "hast";
import type { Article } from "../sources/types";
import type { SeoSite } from "./jsonld";
import { absoluteOn, escapeHtml, stripInvalidXmlChars } from "./xml";
import { baseTag } from "../i18n/locale";
import { tagPath } from "../request/paths";

export const FEED_SIZE = 50;

export interface FeedSpec {
  /** Channel title, the same text the pages' <link rel="alternate"> uses. */
  title: string;
  description: string;
  /** Path of the page the feed belongs to, e.g. "/news/local" or "/authors/ines-calloway". */
  pagePath: string;
  /** Path of the feed itself, e.g. "/news/local/feed.xml". */
  feedPath: string;
}

const URL_ATTRIBUTES = ["href", "src", "poster"] as const;

/**
 * Makes root-relative and fragment links in sanitised body HTML absolute, so they work in a feed
 * reader. Also breaks up "]]>" (as "]]&gt;", the same HTML) because the `feed` package wraps
 * content in CDATA and only splits the first occurrence itself.
 */
export function absolutiseHtml(html: string, origin: string, pageUrl: string): string {
  const tree = fromHtml(html, { fragment: true });
  visit(tree, "element", (node: Element) => {
    // Responsive images: each candidate of a srcset is a URL too.
    const srcSet = node.properties.srcSet;
    if (typeof srcSet === "string") {
      node.properties.srcSet = srcSet
        .split(/,\s+/)
        .map((candidate) => (candidate.startsWith("/") && !candidate.startsWith("//") ? absoluteOn(origin, candidate) : candidate))
        .join(", ");
    }
    for (const name of URL_ATTRIBUTES) {
      const value = node.properties[name];
      if (typeof value !== "string") continue;
      if (value.startsWith("/") && !value.startsWith("//")) node.properties[name] = absoluteOn(origin, value);
      else if (value.startsWith("#")) node.properties[name] = `${pageUrl}${value}`;
    }
  });
  return stripInvalidXmlChars(toHtml(tree)).replaceAll("]]>", "]]&gt;");
}

/** Plain text inside CDATA: "]]>" cannot be escaped there, so a zero-width non-joiner breaks it up invisibly. */
function cdataText(text: string): string {
  return stripInvalidXmlChars(text).replaceAll("]]>", "]]\u200C>");
}

const IMAGE_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  svg: "image/svg+xml",
};

export function buildRssFeed(site: SeoSite, spec: FeedSpec, articles: Article[], now: Date): string {
  const items = [...articles]
    .sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt) || a.slug.localeCompare(b.slug))
    .slice(0, FEED_SIZE);
  const newestUpdate = items.reduce<number | null>((max, a) => Math.max(max ?? 0, Date.parse(a.updatedAt)), null);
  const feed = new Feed({
    title: cdataText(spec.title),
    description: spec.description,
    id: absoluteOn(site.url, spec.pagePath),
    link: absoluteOn(site.url, spec.pagePath),
    // RSS <language>: the site's tag without Unicode extensions ("ar", "fr-CA").
    language: baseTag(site.language),
    // lastBuildDate follows the content, so an unchanged feed is byte-identical between requests.
    updated: new Date(newestUpdate ?? now.getTime()),
    generator: "Masthead",
    feed: absoluteOn(site.url, spec.feedPath),
    ttl: 5,
  });
  for (const article of items) {
    const link = absoluteOn(site.url, article.url);
    const type = article.image ? IMAGE_TYPES[article.image.src.split("?")[0].split(".").pop()?.toLowerCase() ?? ""] : undefined;
    const creators: Extension = {
      // RSS 2.0's <author> must be an e-mail address; dc:creator is how feeds name people.
      name: "dc:creator",
      objects: { _text: stripInvalidXmlChars(article.authors.map((a) => a.name).join(", ")) },
    };
    feed.addItem({
      title: cdataText(article.title),
      link,
      // RSS <description> is HTML: the standfirst, escaped, so a "<" in it stays text.
      description: escapeHtml(article.description),
      content: absolutiseHtml(article.body, site.url, link),
      date: new Date(article.updatedAt),
      published: new Date(article.publishedAt),
      category: article.tags.map((t) => ({ name: stripInvalidXmlChars(t.name), domain: absoluteOn(site.url, tagPath(t.slug)) })),
      ...(article.image && type ? { image: { url: absoluteOn(site.url, article.image.src), type } } : {}),
      extensions: [creators],
    });
  }
  return feed.rss2();
}
