/**
 * JSON-LD for articles and the home page, built as one @graph per page (as Simorgh does) and
 * typed with schema-dts. Builders are pure: they take model objects and the site config.
 */
import type {
  AnalysisNewsArticle,
  BackgroundNewsArticle,
  BreadcrumbList,
  CorrectionComment,
  Graph,
  NewsArticle,
  NewsMediaOrganization,
  OpinionNewsArticle,
  Person,
  ReviewNewsArticle,
  SearchAction,
  Thing,
  WebPage,
  WebSite,
  WithActionConstraints,
} from "schema-dts";
import type { Article, ArticleKind, StandingPage } from "../sources/types";
import type { SiteConfig } from "../config/site";
import type { Crumb } from "../pages/breadcrumbs";
import { absoluteOn } from "./xml";
import { shareImage } from "./og";
import { baseTag } from "../i18n/locale";
import { authorPath } from "../request/paths";

export type SeoSite = Pick<SiteConfig, "name" | "url" | "language" | "description" | "logo"> & Partial<Pick<SiteConfig, "trust">>;

/** Google shows at most 110 characters of a NewsArticle headline; longer ones are cut at a word. */
export const MAX_HEADLINE = 110;

export function truncateHeadline(title: string, max = MAX_HEADLINE): string {
  const chars = Array.from(title); // code points, so an emoji is never split in half
  if (chars.length <= max) return title;
  const cut = chars.slice(0, max - 1).join("");
  const atWord = cut.replace(/\s+\S*$/, "");
  return `${(atWord.length >= max / 2 ? atWord : cut).trimEnd()}…`;
}

/** A `trust` link of site.yml: a path of this site made absolute, or an absolute URL as written. */
function trustUrl(site: SeoSite, link: string | undefined): string | undefined {
  if (!link) return undefined;
  return /^https?:\/\//.test(link) ? link : absoluteOn(site.url, link);
}

/**
 * Who stands behind the site (the Trust Project's "best practices" indicator): a news organisation
 * with its ethics, corrections policy and ownership pages, as site.yml `trust` names them.
 */
export function organization(site: SeoSite): NewsMediaOrganization {
  const principles = trustUrl(site, site.trust?.publishingPrinciples);
  const corrections = trustUrl(site, site.trust?.correctionsPolicy);
  const ownership = trustUrl(site, site.trust?.ownershipFundingInfo);
  return {
    "@type": "NewsMediaOrganization",
    "@id": `${site.url}/#organization`,
    name: site.name,
    url: `${site.url}/`,
    ...(site.logo ? { logo: { "@type": "ImageObject", url: absoluteOn(site.url, site.logo) } } : {}),
    ...(principles ? { publishingPrinciples: principles } : {}),
    ...(corrections ? { correctionsPolicy: corrections } : {}),
    ...(ownership ? { ownershipFundingInfo: ownership } : {}),
  };
}

type KindArticle = NewsArticle | OpinionNewsArticle | AnalysisNewsArticle | ReviewNewsArticle | BackgroundNewsArticle;

/** The schema.org type of each kind of work (the NewsArticle subtypes); news, obituaries and sponsored pieces are NewsArticle. */
export const KIND_TYPES = {
  news: "NewsArticle",
  opinion: "OpinionNewsArticle",
  analysis: "AnalysisNewsArticle",
  review: "ReviewNewsArticle",
  explainer: "BackgroundNewsArticle",
  obituary: "NewsArticle",
  sponsored: "NewsArticle",
} as const satisfies Record<ArticleKind, Exclude<KindArticle, string>["@type"]>;

/** The visible breadcrumb (lib/pages/breadcrumbs sectionTrail + the current page) as a BreadcrumbList. */
export function breadcrumbList(site: SeoSite, crumbs: Crumb[], id?: string): BreadcrumbList {
  return {
    "@type": "BreadcrumbList",
    ...(id ? { "@id": id } : {}),
    itemListElement: crumbs.map((crumb, i) => ({
      "@type": "ListItem",
      position: i + 1,
      name: crumb.name,
      // The current page carries no link, as on screen; Google then uses the page's own URL.
      ...(crumb.href ? { item: absoluteOn(site.url, crumb.href) } : {}),
    })),
  };
}

export function articleJsonLd(article: Article, trail: Crumb[], site: SeoSite): Graph {
  const url = absoluteOn(site.url, article.url);
  const image = shareImage(article);
  const authors: Person[] = article.authors.map((a) => ({
    "@type": "Person",
    name: a.name,
    url: absoluteOn(site.url, authorPath(a.slug)),
  }));
  const corrections: CorrectionComment[] = article.corrections.map((c) => ({ "@type": "CorrectionComment", datePublished: c.date, text: c.text }));
  const newsArticle = {
    "@type": KIND_TYPES[article.kind],
    "@id": `${url}#article`,
    headline: truncateHeadline(article.title),
    description: article.description,
    image: [absoluteOn(site.url, image.path)],
    datePublished: article.publishedAt,
    dateModified: article.updatedAt,
    author: authors,
    publisher: organization(site),
    mainEntityOfPage: { "@type": "WebPage", "@id": url },
    url,
    articleSection: article.section.name,
    keywords: article.tags.map((t) => t.name),
    inLanguage: baseTag(site.language),
    isAccessibleForFree: true,
    ...(corrections.length ? { correction: corrections } : {}),
    // The same story in the newsroom's other editions (front matter `translations`).
    ...(article.translations.length
      ? { workTranslation: article.translations.map((t) => ({ "@type": "NewsArticle" as const, url: t.url, inLanguage: baseTag(t.language) })) }
      : {}),
  } as KindArticle;
  return {
    "@context": "https://schema.org",
    "@graph": [newsArticle, breadcrumbList(site, [...trail, { name: article.title }], `${url}#breadcrumb`)],
  };
}

/**
 * A standing page (About, Ethics…): a WebPage of the site, published by the organisation, with its
 * breadcrumb (`trail`: the crumbs before the page, i.e. Home in the site's language).
 */
export function standingPageJsonLd(page: StandingPage, site: SeoSite, trail: Crumb[]): Graph {
  const url = absoluteOn(site.url, page.url);
  const webPage: WebPage = {
    "@type": "WebPage",
    "@id": `${url}#webpage`,
    name: page.title,
    description: page.description,
    url,
    inLanguage: baseTag(site.language),
    ...(page.updatedAt ? { dateModified: page.updatedAt } : {}),
    publisher: { "@id": `${site.url}/#organization` },
  };
  return {
    "@context": "https://schema.org",
    "@graph": [webPage, organization(site), breadcrumbList(site, [...trail, { name: page.title }], `${url}#breadcrumb`)],
  };
}

export function homeJsonLd(site: SeoSite): Graph {
  const search: WithActionConstraints<SearchAction> = {
    "@type": "SearchAction",
    target: { "@type": "EntryPoint", urlTemplate: `${site.url}/search?q={search_term_string}` },
    "query-input": "required name=search_term_string",
  };
  const website: WebSite = {
    "@type": "WebSite",
    "@id": `${site.url}/#website`,
    name: site.name,
    url: `${site.url}/`,
    description: site.description || undefined,
    inLanguage: baseTag(site.language),
    publisher: { "@id": `${site.url}/#organization` },
    potentialAction: search,
  };
  const nodes: Thing[] = [website, organization(site)];
  return { "@context": "https://schema.org", "@graph": nodes };
}

/**
 * JSON for an inline <script type="application/ld+json">. The HTML parser ends a script at the
 * first "</script", whatever JSON says, so every "<" (and ">" and "&", for good measure) becomes
 * a JSON \u escape; U+2028/U+2029 are escaped because older JavaScript parsers treat them as
 * line breaks. The result is still JSON that parses to exactly the same value.
 */
export function serializeJsonLd(data: Graph | Thing): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
