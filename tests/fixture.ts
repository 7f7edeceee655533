/**
 * Builds small content folders in the documented format for tests: a valid base that each test
 * can change file by file.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const SITE_YML = `name: Test Gazette
url: https://gazette.example
description: A test newspaper
language: en
sections:
  - slug: news
    name: News
    children:
      - slug: world-news
        name: World news
      - slug: local
        name: Local
  - slug: sport
    name: Sport
donation:
  headline: Support us
  message: This is not a paywall.
  currency: EUR
  amounts: [2, 5]
  providers:
    - label: Credit card
      url: https://pay.example/?a={amount}&c={currency}
`;

export interface ArticleSpec {
  title?: string;
  section?: string;
  authors?: string[];
  publishedAt?: string;
  status?: string;
  tags?: string[];
  related?: string[];
  redirectFrom?: string[];
  description?: string;
  body?: string;
  extra?: string;
}

export function articleFile(spec: ArticleSpec): string {
  const lines = ["---"];
  if (spec.title !== undefined) lines.push(`title: ${JSON.stringify(spec.title)}`);
  if (spec.section !== undefined) lines.push(`section: ${spec.section}`);
  if (spec.authors !== undefined) lines.push(`authors: [${spec.authors.join(", ")}]`);
  if (spec.publishedAt !== undefined) lines.push(`publishedAt: ${spec.publishedAt}`);
  if (spec.status) lines.push(`status: ${spec.status}`);
  if (spec.description) lines.push(`description: ${JSON.stringify(spec.description)}`);
  if (spec.tags) lines.push(`tags: [${spec.tags.map((t) => JSON.stringify(t)).join(", ")}]`);
  if (spec.related) lines.push(`related: [${spec.related.join(", ")}]`);
  if (spec.redirectFrom) lines.push(`redirectFrom: [${spec.redirectFrom.join(", ")}]`);
  if (spec.extra) lines.push(spec.extra);
  lines.push("---", spec.body ?? "First paragraph of the story.\n\n## A subheading\n\nSecond paragraph.\n");
  return lines.join("\n");
}

export const validArticle = (over: ArticleSpec = {}): string =>
  articleFile({
    title: "A headline",
    section: "news/world-news",
    authors: ["ann"],
    publishedAt: "2026-01-10T09:00:00Z",
    ...over,
  });

/** A valid folder; `files` adds or replaces files (path relative to the folder → content, null deletes). */
export function makeContentDir(files: Record<string, string | null> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-content-"));
  const base: Record<string, string | null> = {
    "site.yml": SITE_YML,
    "authors/ann.md": "---\nname: Ann Author\nrole: Reporter\n---\nAnn writes about the sea.\n",
    "authors/bob.md": "---\nname: Bob Writer\n---\n",
    "articles/first-story.md": validArticle({ title: "First story", tags: ["Harbour"] }),
    ...files,
  };
  for (const [rel, content] of Object.entries(base)) {
    if (content === null) continue;
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}
