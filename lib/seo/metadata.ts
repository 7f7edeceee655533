import type { Metadata } from "next";
import type { Article, Section } from "../content/types";
import { absoluteUrl, getSite } from "../site";
import { shareImage } from "./og";
import { getI18n } from "../i18n/translate";
import { alternateOgLocales, alternatesFor, metadataLanguages } from "../i18n/editions";
import { ogLocale as ogLocaleOf } from "../i18n/locale";

// In the generic robots meta (not only googlebot) so every engine may show large image previews.
const ROBOTS_INDEX: Metadata["robots"] = {
  index: true,
  follow: true,
  "max-image-preview": "large",
  "max-snippet": -1,
  "max-video-preview": -1,
};

const ROBOTS_NOINDEX: Metadata["robots"] = { index: false, follow: false };

export function pagedPath(basePath: string, page: number): string {
  if (page <= 1) return basePath;
  return `${basePath === "/" ? "" : basePath}/page/${page}`;
}

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
    authors: article.authors.map((a) => ({ name: a.name, url: absoluteUrl(`/authors/${a.slug}`) })),
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
      authors: article.authors.map((a) => absoluteUrl(`/authors/${a.slug}`)),
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
    basePath: `/${section.path}`,
    page,
    feed: { url: `/${section.path}/feed.xml`, title: t("feed.title", { name: section.name, siteName: site.name }) },
  });
}
