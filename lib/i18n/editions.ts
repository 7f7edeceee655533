/**
 * Editions (site.yml `editions`) and article translations as hreflang clusters: the alternates of
 * a page for the head (Next metadata `alternates.languages`), the sitemap (xhtml:link) and the
 * header's language switcher. x-default is the English page of the cluster when there is one,
 * else this site's own page, so every edition of a newsroom names the same default.
 */
import type { Translation } from "../sources/types";
import type { SiteConfig } from "../config/site";
import { autonym, baseTag, ogLocale, textDirection, type Direction } from "./locale";

export interface Alternate {
  /** hreflang value: a language tag, or "x-default". */
  hreflang: string;
  /** Absolute URL. */
  href: string;
}

/** The cluster for one page: itself first, then the others, then x-default; empty when alone. */
export function alternatesFor(selfLanguage: string, selfUrl: string, others: Translation[]): Alternate[] {
  if (!others.length) return [];
  const members = [{ hreflang: baseTag(selfLanguage), href: selfUrl }, ...others.map((o) => ({ hreflang: baseTag(o.language), href: o.url }))];
  const english = members.find((m) => m.hreflang === "en" || m.hreflang.startsWith("en-"));
  return [...members, { hreflang: "x-default", href: (english ?? members[0]).href }];
}

/** Next metadata form: `{ "ar": url, "en": url, "x-default": url }`. */
export function metadataLanguages(alternates: Alternate[]): Record<string, string> | undefined {
  return alternates.length ? Object.fromEntries(alternates.map((a) => [a.hreflang, a.href])) : undefined;
}

/** og:locale:alternate values for the other members of a cluster. */
export function alternateOgLocales(others: Translation[]): string[] {
  return others.map((o) => ogLocale(o.language));
}

/** The home page's cluster: this site's home and every edition's. */
export function homeAlternates(site: Pick<SiteConfig, "language" | "url" | "editions">): Alternate[] {
  return alternatesFor(site.language, `${site.url}/`, site.editions.map((e) => ({ language: e.language, url: `${e.url}/` })));
}

export interface EditionLink {
  /** Tag for hreflang/lang. */
  language: string;
  /** The language's own name ("العربية"), shown in its own script. */
  label: string;
  dir: Direction;
  /** That edition's home; the switcher swaps in the same story when the page has one. */
  href: string;
}

export function editionLinks(site: Pick<SiteConfig, "editions">): EditionLink[] {
  return site.editions.map((e) => ({ language: baseTag(e.language), label: autonym(e.language), dir: textDirection(e.language), href: `${e.url}/` }));
}
