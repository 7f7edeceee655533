import type { Metadata } from "next";
import type { Article, Author, Section, StandingPage, Tag } from "../sources/types";
import { absoluteUrl, getSite } from "../config/site";
import { shareImage } from "./og";
import { alternateOgLocales, alternatesFor, metadataLanguages } from "../i18n/editions";
import { ogLocale as ogLocaleOf } from "../i18n/locale";
import { authorPath, feedPath, pagedPath, sectionPath, tagPath } from "../request/paths";
import { getI18n } from "../i18n/translate";

// In the generic robots meta (not only googlebot) so every engine may show large image previews.
const ROBOTS_INDEX: Metadata["robots"] = {
  index: true,
  follow: true,
  "max-image-preview": "large",
  "max-snippet": -1,
  "max-video-preview": -1,
};

const ROBOTS_NOINDEX: Metadata["robots"] = { index: false, follow: false };

export function articleMetadata(article: Article, { preview = false } = {}): Metadata {
  const site = getSite();
  const i18n = getI18n();
  const url = absoluteUrl(article.url);
  // The featured image when there is one, else the generated card (app/og/[file]/route.tsx).
  const image = shareImage(article);
  const imageUrl = absoluteUrl(image.path);
  return {
    title: article.title,
    description: article.description,
    alternates: {
      canonical: url,
      // The same story in the other editions, with x-default (hreflang; lib/i18n/editions.ts).
      languages: metadataLanguages(alternatesFor(site.language, url, article.translations)),
      types: { "application/rss+xml": [{ url: `/${article.section.path}/feed.xml`, title: i18n.t("feed.title", { name: article.section.name, siteName: site.name }) }] },
    },
    robots: preview ? ROBOTS_NOINDEX : ROBOTS_INDEX,
    authors: article.authors.map((a) => ({ name: a.name, url: absoluteUrl(authorPath(a.slug)) })),
    openGraph: {
      type: "article",
      url,
      title: article.title,
      description: article.description,
      siteName: site.name,
      locale: i18n.ogLocale,
      ...(article.translations.length ? { alternateLocale: alternateOgLocales(article.translations) } : {}),
      publishedTime: article.publishedAt,
      modifiedTime: article.updatedAt,
      section: article.section.name,
      tags: article.tags.map((t) => t.name),
      authors: article.authors.map((a) => absoluteUrl(authorPath(a.slug))),
      images: [{ url: imageUrl, width: image.width, height: image.height, alt: image.alt }],
    },
    twitter: {
      card: "summary_large_image",
      title: article.title,
      description: article.description,
      images: [{ url: imageUrl, alt: image.alt }],
    },
  };
}

export function listingMetadata({
  title,
  description,
  basePath,
  page,
  feed,
  noindex = false,
}: {
  title: string;
  description: string;
  basePath: string;
  page: number;
  feed?: { url: string; title: string };
  noindex?: boolean;
}): Metadata {
  const site = getSite();
  const i18n = getI18n();
  const url = absoluteUrl(pagedPath(basePath, page));
  const fullTitle = page > 1 ? i18n.t("listing.titleWithPage", { title, page }) : title;
  const alternateLocale = site.editions.map((e) => ogLocaleOf(e.language));
  return {
    title: fullTitle,
    description,
    alternates: {
      canonical: url,
      types: { "application/rss+xml": [feed ?? { url: "/feed.xml", title: site.name }] },
    },
    robots: noindex ? ROBOTS_NOINDEX : ROBOTS_INDEX,
    openGraph: {
      type: "website",
      url,
      title: fullTitle,
      description,
      siteName: site.name,
      locale: i18n.ogLocale,
      ...(alternateLocale.length ? { alternateLocale } : {}),
    },
    twitter: { card: "summary_large_image", title: fullTitle, description },
  };
}

export function sectionMetadata(section: Section, page: number): Metadata {
  const site = getSite();
  const { t } = getI18n();
  return listingMetadata({
    title: section.name,
    description: section.description ?? t("section.description", { section: section.name, siteName: site.name }),
    basePath: sectionPath(section.path),
    page,
    feed: { url: feedPath(sectionPath(section.path)), title: t("feed.title", { name: section.name, siteName: site.name }) },
  });
}

export function authorMetadata(author: Author, page: number): Metadata {
  const site = getSite();
  const { t } = getI18n();
  return listingMetadata({
    title: author.name,
    description: author.role
      ? t("author.descriptionWithRole", { role: author.role, name: author.name, siteName: site.name })
      : t("author.description", { name: author.name, siteName: site.name }),
    basePath: authorPath(author.slug),
    page,
    feed: { url: feedPath(authorPath(author.slug)), title: t("feed.title", { name: author.name, siteName: site.name }) },
  });
}

export function tagMetadata(tag: Tag, page: number): Metadata {
  return listingMetadata({
    title: tag.name,
    description: getI18n().t("tag.description", { tag: tag.name, siteName: getSite().name }),
    basePath: tagPath(tag.slug),
    page,
  });
}

/** A standing page (About, Ethics…): canonical at /<slug>, never indexed in preview. */
export function standingPageMetadata(page: StandingPage, { preview = false } = {}): Metadata {
  const site = getSite();
  const url = absoluteUrl(page.url);
  return {
    title: page.title,
    description: page.description,
    alternates: { canonical: url },
    robots: preview ? ROBOTS_NOINDEX : ROBOTS_INDEX,
    openGraph: { type: "website", url, title: page.title, description: page.description, siteName: site.name, locale: getI18n().ogLocale },
    twitter: { card: "summary", title: page.title, description: page.description },
  };
}

export function correctionsMetadata(page: number): Metadata {
  const site = getSite();
  const { t } = getI18n();
  return listingMetadata({
    title: t("corrections.title"),
    description: t("corrections.pageDescription", { siteName: site.name }),
    basePath: "/corrections",
    page,
    feed: { url: "/corrections/feed.xml", title: t("corrections.feedTitle", { siteName: site.name }) },
  });
}
