/**
 * The tests' reference of the markdown store: the folder read whole into memory, every file
 * validated and rendered by the same per-file and folder rules as the content index
 * (lib/sources/markdown/article-file.ts, extras.ts, folder.ts), the cross-file checks written
 * directly over maps, and the in-memory index (reference-index.ts). The site never runs it:
 * lib/sources/markdown/content-index.test.ts checks the on-disk index gives what this gives.
 * Validation tests run the IndexWriter a build runs (tests/content/build.ts), not this.
 */
import fs from "node:fs";
import path from "node:path";
import { ContentValidationError, type ContentProblem } from "../../lib/sources/errors";
import type { SiteConfig } from "../../lib/config/site";
import type { Article, Author, LiveUpdate, Tag } from "../../lib/sources/types";
import { liveUpdateRecord, newestUpdateFirst, toLiveUpdate } from "../../lib/sources/markdown/extras";
import { articleRecord, authorRecord, prepareFile, renderOptions, toArticle, type ArticleRecord, type PreparedFile } from "../../lib/sources/markdown/article-file";
import { articleFiles, authorFiles, fileLabel, liveUpdateFiles, readFolderSite, readPages, trustLinkProblems } from "../../lib/sources/markdown/folder";
import { liveBlogProblem, oldSlugClaimedTwice, oldSlugIsLive, secondPinProblem, unknownPick } from "../../lib/sources/markdown/problems";
import { buildIndex, type ContentIndex } from "./reference-index";

/** Editor picks exist, old slugs are unique and do not shadow live slugs. */
function crossFileProblems(records: Iterable<ArticleRecord>, labels: ReadonlyMap<string, string>): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const oldSlugs = new Map<string, string>();
  for (const { file: label, model } of records) {
    model.relatedSlugs.forEach((r, i) => {
      if (!labels.has(r)) problems.push(unknownPick(label, i, r));
    });
    model.redirectFrom.forEach((old, i) => {
      if (labels.has(old)) problems.push(oldSlugIsLive(label, i, old, labels.get(old)!));
      else if (oldSlugs.has(old)) problems.push(oldSlugClaimedTwice(label, i, old, oldSlugs.get(old)!));
      else oldSlugs.set(old, label);
    });
  }
  return problems;
}

export interface LoadedContent {
  site: SiteConfig;
  index: ContentIndex;
}

/** Loads and validates a content folder in memory. Throws ContentValidationError listing every problem. */
export function loadMarkdownContent(dir: string): LoadedContent {
  const problems: ContentProblem[] = [];
  const { site, sections, sectionsByPath, sectionSlugs } = readFolderSite(dir, problems);
  const options = renderOptions({ language: site.language, dir });
  const label = (rel: string) => fileLabel(dir, path.join(dir, rel));
  const read = (rel: string): PreparedFile => prepareFile(fs.readFileSync(path.join(dir, rel), "utf8"), options);

  const authors = new Map<string, Author>();
  for (const [slug, rel] of authorFiles(dir, problems)) {
    const author = authorRecord(label(rel), slug, read(rel), dir, problems);
    if (author) authors.set(slug, author);
  }
  const ctx = { dir, language: site.language, sectionsByPath, hasAuthor: (slug: string) => authors.has(slug), imageSizes: new Map() };

  const files = articleFiles(dir, sectionSlugs, problems);
  const labels = new Map([...files].map(([slug, rel]) => [slug, label(rel)]));
  const records: ArticleRecord[] = [];
  for (const [slug, rel] of files) {
    const record = articleRecord(label(rel), slug, read(rel), ctx, problems);
    if (record) records.push(record);
  }
  problems.push(...crossFileProblems(records, labels));
  const pages = readPages(dir, sections, problems, read);

  // The first file (in path order) to use a tag slug gives the tag its name.
  const tags = new Map<string, Tag>();
  for (const r of records) for (const t of r.model.tags) if (!tags.has(t.slug)) tags.set(t.slug, t);
  const articles = new Map<string, Article>();
  const bodyText = new Map<string, string>();
  for (const r of records) {
    const article = toArticle(r.model, r.body, r.headings, {
      section: (p) => sectionsByPath.get(p),
      author: (s) => authors.get(s),
      tag: (t) => tags.get(t.slug) ?? t,
    })!;
    articles.set(r.slug, article);
    bodyText.set(r.slug, r.text);
  }

  // live/<article slug>/<update id>.md → the updates of a live blog, newest first.
  const liveUpdates = new Map<string, LiveUpdate[]>();
  for (const { rel, slug, id } of liveUpdateFiles(dir, null, problems)) {
    const article = articles.get(slug);
    const blogProblem = liveBlogProblem(label(rel), slug, labels.has(slug) ? { file: labels.get(slug)!, live: !article || Boolean(article.live) } : null);
    if (blogProblem) problems.push(blogProblem);
    if (blogProblem || !article) continue; // an invalid article is reported already
    const stored = liveUpdateRecord(label(rel), id, read(rel), (s) => authors.has(s), problems, options.language);
    if (!stored) continue;
    const list = liveUpdates.get(slug) ?? [];
    if (stored.pinned && list.some((u) => u.pinned)) problems.push(secondPinProblem(label(rel), slug));
    list.push(toLiveUpdate(stored, article, (s) => authors.get(s)));
    liveUpdates.set(slug, list);
  }
  for (const list of liveUpdates.values()) list.sort(newestUpdateFirst);

  const urls = new Set([...articles.values()].map((a) => a.url));
  problems.push(...trustLinkProblems(dir, site, (t) => pages.has(t) || sectionsByPath.has(t) || urls.has(`/${t}`)));
  if (problems.length) throw new ContentValidationError(problems);
  return { site, index: buildIndex({ sections, authors, tags, articles, bodyText, pages, liveUpdates }) };
}
