/**
 * The content index's checks between files, run on the whole index after an update's files are
 * written (in its transaction: a problem rolls it all back): sections, authors and images exist,
 * picks resolve, old slugs are unique and shadow no live slug, live-blog updates belong to a live
 * blog with at most one pinned update. Worded by problems.ts, like the per-file checks.
 */
import path from "node:path";
import type Database from "better-sqlite3";
import type { ContentProblem } from "../errors";
import type { Section } from "../types";
import { contentImageForUrl, IMAGE_URL_PREFIX } from "../images";
import { missingImage } from "./article-file";
import { fileLabel } from "./folder";
import { liveBlogProblem, oldSlugClaimedTwice, oldSlugIsLive, secondPinProblem, unknownAuthor, unknownPick, unknownSection } from "./problems";

export interface CheckOptions {
  sectionsByPath: Map<string, Section>;
  /** site.yml changed (or a full update): every article's section is checked. */
  checkSections: boolean;
  /** Authors changed: every byline is checked. */
  checkAuthors: boolean;
  /** A full update: every lead image is checked. */
  checkImages: boolean;
}

/** The checks between files, on the whole index: picks exist, old slugs are unique, references resolve. */
export function folderProblems(db: Database.Database, dir: string, opts: CheckOptions): ContentProblem[] {
  const label = (rel: string) => fileLabel(dir, path.join(dir, rel));
  const problems: ContentProblem[] = [];
  if (opts.checkSections) {
    const known = JSON.stringify([...opts.sectionsByPath.keys()]);
    for (const r of db.prepare("SELECT file, section FROM articles WHERE section NOT IN (SELECT value FROM json_each(?)) ORDER BY file").all(known) as { file: string; section: string }[]) {
      problems.push(unknownSection(label(r.file), r.section, opts.sectionsByPath.keys()));
    }
  }
  if (opts.checkAuthors) {
    for (const r of db
      .prepare("SELECT a.file, j.key AS i, j.value AS slug FROM articles a, json_each(a.authors) j WHERE j.value NOT IN (SELECT slug FROM authors) ORDER BY a.file")
      .all() as { file: string; i: number; slug: string }[]) {
      problems.push(unknownAuthor(label(r.file), r.i, r.slug));
    }
  }
  if (opts.checkImages) {
    const images = path.join(dir, "images");
    for (const src of db.prepare("SELECT DISTINCT image_src FROM articles WHERE image_src LIKE ?").pluck().all(`${IMAGE_URL_PREFIX}%`) as string[]) {
      if (contentImageForUrl(images, src)) continue;
      for (const file of db.prepare("SELECT file FROM articles WHERE image_src = ? ORDER BY file").pluck().all(src) as string[]) {
        problems.push({ file: label(file), field: "image.src", message: missingImage(dir, src) });
      }
    }
  }
  for (const r of db
    .prepare("SELECT a.file, r.idx, r.target FROM related r JOIN articles a ON a.id = r.id WHERE NOT EXISTS (SELECT 1 FROM articles t WHERE t.slug = r.target) ORDER BY a.file, r.idx")
    .all() as { file: string; idx: number; target: string }[]) {
    problems.push(unknownPick(label(r.file), r.idx, r.target));
  }
  for (const r of db.prepare("SELECT a.file, r.idx, r.old, t.file AS other FROM redirects r JOIN articles a ON a.id = r.id JOIN articles t ON t.slug = r.old ORDER BY a.file").all() as {
    file: string;
    idx: number;
    old: string;
    other: string;
  }[]) {
    problems.push(oldSlugIsLive(label(r.file), r.idx, r.old, label(r.other)));
  }
  for (const r of db
    .prepare("SELECT lu.file, lu.slug, a.file AS article, json_extract(a.model, '$.live') IS NOT NULL AS live FROM live_updates lu LEFT JOIN articles a ON a.slug = lu.slug ORDER BY lu.file")
    .all() as { file: string; slug: string; article: string | null; live: number }[]) {
    if (r.article === null) problems.push({ file: label(r.file), field: "live/<slug>", message: `no article "${r.slug}" (articles/${r.slug}.md)` });
    else if (!r.live) problems.push({ file: label(r.file), field: "live/<slug>", message: `the article "${r.slug}" is not a live blog (add live: true to ${label(r.article)})` });
  }
  let pinnedOf = "";
  for (const r of db.prepare("SELECT slug, file FROM live_updates WHERE pinned = 1 AND slug IN (SELECT slug FROM live_updates WHERE pinned = 1 GROUP BY slug HAVING count(*) > 1) ORDER BY slug, file").all() as {
    slug: string;
    file: string;
  }[]) {
    if (pinnedOf !== r.slug) pinnedOf = r.slug;
    else problems.push(secondPinProblem(label(r.file), r.slug));
  }
  if (opts.checkAuthors) {
    for (const r of db
      .prepare("SELECT lu.file, j.key AS i, j.value AS slug FROM live_updates lu, json_each(lu.model, '$.authors') j WHERE j.value NOT IN (SELECT slug FROM authors) ORDER BY lu.file")
      .all() as { file: string; i: number; slug: string }[]) {
      problems.push(unknownAuthor(label(r.file), r.i, r.slug));
    }
  }
  const claims = db
    .prepare(
      "SELECT r.old, a.file, r.idx FROM redirects r JOIN articles a ON a.id = r.id WHERE r.old IN (SELECT old FROM redirects GROUP BY old HAVING count(*) > 1) ORDER BY r.old, a.file",
    )
    .all() as { old: string; file: string; idx: number }[];
  let first: { old: string; file: string } | undefined;
  for (const c of claims) {
    if (first?.old !== c.old) first = c;
    else problems.push(oldSlugClaimedTwice(label(c.file), c.idx, c.old, label(first.file)));
  }
  return problems;
}
