/**
 * How the markdown folder's rules between files are worded (a section, an author, a pick, an old
 * slug, a live blog that must exist): one wording for the per-file checks (article-file.ts,
 * extras.ts), the content index's checks on the whole index (index-checks.ts) and the tests'
 * reference loader.
 */
import type { ContentProblem } from "../errors";

export const unknownSection = (label: string, section: string, known: Iterable<string>): ContentProblem => ({
  file: label,
  field: "section",
  message: `unknown section "${section}" (known: ${[...known].join(", ")})`,
});

/** The problem of an update whose live blog is missing or not live (`article`: its file, when there is one). */
export function liveBlogProblem(label: string, slug: string, article: { file: string; live: boolean } | null): ContentProblem | null {
  if (!article) return { file: label, field: "live/<slug>", message: `no article "${slug}" (articles/${slug}.md)` };
  if (!article.live) return { file: label, field: "live/<slug>", message: `the article "${slug}" is not a live blog (add live: true to ${article.file})` };
  return null;
}

/** At most one pinned update per live blog: the second (in path order) is refused. */
export const secondPinProblem = (label: string, slug: string): ContentProblem => ({
  file: label,
  field: "pinned",
  message: `another update of "${slug}" is pinned already; at most one per live blog`,
});

/** An article's list of editor picks and old slugs, against the folder's articles. */
export const unknownPick = (label: string, i: number, target: string): ContentProblem => ({ file: label, field: `related.${i}`, message: `unknown article "${target}"` });
export const oldSlugIsLive = (label: string, i: number, old: string, other: string): ContentProblem => ({
  file: label,
  field: `redirectFrom.${i}`,
  message: `"${old}" is the slug of an existing article (${other})`,
});
export const oldSlugClaimedTwice = (label: string, i: number, old: string, first: string): ContentProblem => ({
  file: label,
  field: `redirectFrom.${i}`,
  message: `duplicate slug "${old}", also claimed by ${first}`,
});
export const unknownAuthor = (label: string, i: number, slug: string): ContentProblem => ({ file: label, field: `authors.${i}`, message: `unknown author "${slug}" (no authors/${slug}.md)` });
