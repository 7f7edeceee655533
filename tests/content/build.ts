/**
 * Validation tests run what a build runs: the content index's writer over a folder
 * (lib/sources/markdown/index-writer.ts, as scripts/content/build-index.mts does), then the site's
 * reader of that index (MarkdownSource).
 */
import { expect } from "vitest";
import { ContentValidationError } from "../../lib/sources/errors";
import { updateContentIndex } from "../../lib/sources/markdown/index-writer";
import { MarkdownSource } from "../../lib/sources/markdown/source";
import { makeContentDir } from "../fixture";

/** Builds the folder's index as `npm run build` does (throws ContentValidationError) and reads it back. */
export async function buildFolder(dir: string): Promise<MarkdownSource> {
  const warn = console.warn;
  console.warn = () => {}; // media notices: tested in content-index.test.ts
  try {
    await updateContentIndex(dir);
  } finally {
    console.warn = warn;
  }
  return new MarkdownSource(dir);
}

/** The message a build of these files (over the valid base folder), or of that folder, fails with. */
export async function problemsOf(files: Record<string, string | null> | string): Promise<string> {
  const dir = typeof files === "string" ? files : makeContentDir(files);
  const error = await buildFolder(dir).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "expected the content to be rejected").toBeInstanceOf(ContentValidationError);
  return (error as ContentValidationError).message;
}

/** One article of a folder, as the site reads it after a build (drafts and scheduled included). */
export async function builtArticle(dir: string, slug: string) {
  return (await buildFolder(dir)).getArticleBySlug(slug, { preview: true });
}
