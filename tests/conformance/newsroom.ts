/**
 * The sample newsroom both sources are tested on (tests/fixtures/conformance/newsroom.json), typed,
 * plus what a reader should see of it. scripts/wordpress/php/seed.php writes the same file into
 * WordPress; generate-fixture.ts writes it as the markdown folder next to it.
 */
import fs from "node:fs";
import path from "node:path";

export interface NewsroomSection {
  slug: string;
  name: string;
  description?: string;
  children?: NewsroomSection[];
}

export interface NewsroomArticle {
  slug: string;
  /** As an editor types it: straight apostrophes, "&". */
  title: string;
  section: string;
  author: string;
  publishedAt: string;
  updatedAt?: string;
  status?: "published" | "draft";
  tags: string[];
  description?: string;
  redirectFrom?: string[];
  related?: string[];
  image?: { file: string; alt: string; caption?: string; credit?: string };
  /** news when absent; WordPress: post meta masthead_kind. */
  kind?: "news" | "opinion" | "analysis" | "review" | "explainer" | "obituary" | "sponsored";
  /** Dated corrections (a day or a date-time), inline markdown/HTML; WordPress: post meta masthead_corrections. */
  corrections?: { date: string; text: string }[];
  /** Files of images/ the body uses through {{url:FILE}} and {{id:FILE}} (see bodyFor). */
  media?: string[];
  /** What WordPress's oEmbed cache answers for a URL in the body (the test WordPress is offline). */
  oembed?: Record<string, string>;
  body: string;
  /** A live blog (CONTENT.md "Live blogs"): its updates, for sources that have them. */
  live?: { endedAt?: string; updates: NewsroomUpdate[] };
}

export interface NewsroomUpdate {
  id: string;
  publishedAt: string;
  title?: string;
  keyEvent?: boolean;
  pinned?: boolean;
  /** Default: the article's author. */
  author?: string;
  status?: "published" | "draft";
  body: string;
}

/** A standing page; WordPress: a top-level page (nav from page meta masthead_nav). */
export interface NewsroomPage {
  slug: string;
  title: string;
  nav?: "header" | "footer" | "none";
  status?: "published" | "draft";
  updatedAt: string;
  body: string;
}

export interface Newsroom {
  site: { name: string; url: string; description: string };
  timeZone: string;
  sections: NewsroomSection[];
  authors: { slug: string; name: string; bio: string; avatar?: string }[];
  articles: NewsroomArticle[];
  pages: NewsroomPage[];
}

export const FIXTURE_DIR = path.resolve(import.meta.dirname, "../fixtures/conformance");

export function loadNewsroom(): Newsroom {
  return JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, "newsroom.json"), "utf8")) as Newsroom;
}

/** The headline a reader sees: WordPress (wptexturize) curls apostrophes, and so does the fixture. */
export function displayTitle(title: string): string {
  return title.replace(/'/g, "\u2019");
}

export function isPublished(a: NewsroomArticle, now = Date.now()): boolean {
  return (a.status ?? "published") === "published" && Date.parse(a.publishedAt) <= now;
}

/**
 * The body as the markdown copy stores it: a media file's URL is /content-images/FILE (its
 * WordPress attachment id, which markdown has no use for, is 0). seed.php puts in the uploads'.
 */
export function markdownBody(a: NewsroomArticle): string {
  return a.body.replace(/\{\{url:([\w.-]+)\}\}/g, "/content-images/$1").replace(/\{\{id:[\w.-]+\}\}/g, "0");
}

/** Newest first, as every list is ordered. */
export function newestFirst(articles: NewsroomArticle[]): NewsroomArticle[] {
  return [...articles].sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt) || a.slug.localeCompare(b.slug));
}

/** A correction's date as the model gives it: a day means noon UTC that day (CONTENT.md). */
export function correctionIso(date: string): string {
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T12:00:00Z` : date).toISOString();
}

/** dateModified is honest: the later of the last edit and the latest correction. */
export function expectedUpdatedAt(a: NewsroomArticle): string {
  const dates = [a.updatedAt ?? a.publishedAt, ...(a.corrections ?? []).map((c) => c.date)].map(correctionIso);
  return dates.sort().at(-1)!;
}
