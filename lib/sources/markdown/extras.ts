/**
 * Standing pages (`pages/<slug>.md`) and live-blog updates (`live/<slug>/<id>.md`), one file → one
 * record, shared by the content index (index-writer.ts) and the tests' reference loader like
 * article-file.ts. Checks that need other files (the article exists and is live, one pinned update
 * per blog) are the callers'.
 */
import type { ContentProblem } from "../errors";
import { zodProblems } from "../zod-problems";
import { liveUpdateFrontMatter, pageFrontMatter } from "./schema";
import { deriveDescription } from "../../html/pipeline";
import { typographicText } from "../../html/typography";
import { pageSlugAllowed, SLUG, UPDATE_ID } from "../rules";
import type { Article, Author, LiveUpdate, StandingPage } from "../types";
import { EMPTY_RENDER, mediaProblems, type PreparedFile } from "./article-file";
import { unknownAuthor } from "./problems";

const toIso = (value: string) => new Date(value).toISOString();

/** A page's file name alone: problems before reading it. */
export function pageSlugProblem(slug: string, topLevelSections: ReadonlySet<string>, siteFile: string): string | null {
  if (!SLUG.test(slug)) return "must be lowercase letters, digits and single hyphens";
  if (topLevelSections.has(slug)) return `"/${slug}" is the section "${slug}" in ${siteFile}: rename the page or the section`;
  if (!pageSlugAllowed(slug)) return `"/${slug}" is reserved: it is a route of its own`;
  return null;
}

export function pageRecord(label: string, slug: string, prepared: PreparedFile, problems: ContentProblem[]): StandingPage | null {
  if (!prepared.ok) {
    problems.push(...prepared.problems.map((p) => ({ file: label, ...p })));
    return null;
  }
  const result = pageFrontMatter.safeParse(prepared.data);
  if (!result.success) {
    problems.push(...zodProblems(label, result.error, prepared.positions, pageFrontMatter));
    return null;
  }
  const fm = result.data;
  const rendered = prepared.rendered ?? EMPTY_RENDER;
  if (!rendered.text) problems.push({ file: label, field: "body", message: "is empty" });
  mediaProblems(label, rendered, problems);
  return {
    slug,
    title: fm.title,
    description: fm.description?.trim() || deriveDescription(rendered.lead),
    body: rendered.html,
    headings: rendered.headings,
    ...(fm.updatedAt ? { updatedAt: toIso(fm.updatedAt) } : {}),
    nav: fm.nav,
    status: "published",
    url: `/${slug}`,
  };
}

/** An update as stored: its authors as slugs (null: the article's), its URL resolved when read. */
export type StoredLiveUpdate = Omit<LiveUpdate, "authors" | "url"> & { authors: string[] | null };

export function liveUpdateRecord(label: string, id: string, prepared: PreparedFile, hasAuthor: (slug: string) => boolean, problems: ContentProblem[], language?: string): StoredLiveUpdate | null {
  if (!UPDATE_ID.test(id)) {
    problems.push({ file: label, field: "update id (file name)", message: "must be lower-case letters, digits and dashes" });
    return null;
  }
  if (!prepared.ok) {
    problems.push(...prepared.problems.map((p) => ({ file: label, ...p })));
    return null;
  }
  const result = liveUpdateFrontMatter.safeParse(prepared.data);
  if (!result.success) {
    problems.push(...zodProblems(label, result.error, prepared.positions, liveUpdateFrontMatter));
    return null;
  }
  const fm = result.data;
  let valid = true;
  (fm.authors ?? []).forEach((authorSlug, i) => {
    if (!hasAuthor(authorSlug)) {
      problems.push(unknownAuthor(label, i, authorSlug));
      valid = false;
    }
  });
  const rendered = prepared.rendered ?? EMPTY_RENDER;
  if (!rendered.text) {
    problems.push({ file: label, field: "body", message: "is empty" });
    valid = false;
  }
  if (!mediaProblems(label, rendered, problems)) valid = false;
  const publishedAt = toIso(fm.publishedAt);
  const updatedAt = fm.updatedAt ? toIso(fm.updatedAt) : publishedAt;
  if (Date.parse(updatedAt) < Date.parse(publishedAt)) {
    problems.push({ file: label, field: "updatedAt", message: "is before publishedAt" });
    valid = false;
  }
  if (!valid) return null;
  return {
    id,
    ...(fm.title ? { title: typographicText(fm.title, language) } : {}),
    body: rendered.html,
    publishedAt,
    updatedAt,
    keyEvent: fm.keyEvent,
    pinned: fm.pinned,
    authors: fm.authors ?? null,
    status: fm.status,
  };
}

export function toLiveUpdate(stored: StoredLiveUpdate, article: Article, author: (slug: string) => Author | undefined): LiveUpdate {
  return {
    ...stored,
    authors: stored.authors ? stored.authors.map(author).filter((a): a is Author => Boolean(a)) : article.authors,
    url: `${article.url}#update-${stored.id}`,
  };
}

/** Newest first, then by id (descending), as every reader lists updates. */
export function newestUpdateFirst(a: { publishedAt: string; id: string }, b: { publishedAt: string; id: string }): number {
  return Date.parse(b.publishedAt) - Date.parse(a.publishedAt) || b.id.localeCompare(a.id);
}
