/** Model objects for the lib/seo unit tests (test-only; no content folder needed). */
import type { Article, Author, Section } from "../sources/types";
import type { SeoSite } from "./jsonld";

export const SITE: SeoSite = {
  name: "Test Gazette",
  url: "https://gazette.example",
  language: "en",
  description: "A test newspaper",
  logo: "/logo.svg",
};

export const NEWS: Section = { slug: "news", name: "News", path: "news", children: [] };
export const LOCAL: Section = { slug: "local", name: "Local", path: "news/local", parentPath: "news", children: [] };
export const SPORT: Section = { slug: "sport", name: "Sport", path: "sport", children: [] };
NEWS.children.push(LOCAL);
export const SECTIONS: Section[] = [NEWS, SPORT];

export const ADA: Author = { slug: "ada-fenwick", name: "Ada Fenwick", bio: "", links: [] };
export const INES: Author = { slug: "ines-calloway", name: "Ines Calloway", bio: "", links: [] };
export const AUTHORS: Author[] = [ADA, INES];

export const NOW = new Date("2026-11-27T12:00:00Z");

export function makeArticle(over: Partial<Article> & { slug: string }): Article {
  const section = over.section ?? LOCAL;
  const publishedAt = over.publishedAt ?? "2026-11-20T09:00:00.000Z";
  return {
    title: `Story ${over.slug}`,
    description: `Standfirst of ${over.slug}`,
    section,
    authors: [INES],
    tags: [{ slug: "harbour", name: "Harbour" }],
    publishedAt,
    updatedAt: over.updatedAt ?? publishedAt,
    status: "published",
    readingMinutes: 2,
    url: `/${section.path}/${over.slug}`,
    translations: [],
    body: "<p>First paragraph.</p>",
    headings: [],
    relatedSlugs: [],
    redirectFrom: [],
    donation: true,
    kind: "news",
    corrections: [],
    ...over,
  };
}

/** A published article n hours before NOW, in Local. */
export function hoursAgo(slug: string, hours: number, over: Partial<Article> = {}): Article {
  return makeArticle({ slug, publishedAt: new Date(NOW.getTime() - hours * 3_600_000).toISOString(), ...over });
}
