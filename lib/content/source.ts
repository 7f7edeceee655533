/**
 * The active content source, chosen by CONTENT_SOURCE (default "markdown"). Pages call
 * getContentSource() and never import a concrete source.
 */
import type { ContentSource } from "./types";
import { MarkdownSource } from "./markdown/source";
import { createWordPressSourceFromEnv } from "./wordpress/source";
import { contentDir } from "../site";

export const CONTENT_SOURCES = ["markdown", "wordpress"] as const;

// One instance per process, shared by the proxy bundle and the page bundles (module state is not
// shared between them; globalThis is), so a reload from the revalidation webhook reaches both.
const ACTIVE = Symbol.for("masthead.contentSource");
type WithSource = typeof globalThis & { [ACTIVE]?: ContentSource };

export function createContentSource(name = process.env.CONTENT_SOURCE || "markdown"): ContentSource {
  switch (name) {
    case "markdown":
      return new MarkdownSource(contentDir());
    case "wordpress":
      return createWordPressSourceFromEnv();
    default:
      throw new Error(`CONTENT_SOURCE="${name}" is not a known content source (known: ${CONTENT_SOURCES.join(", ")})`);
  }
}

export function getContentSource(): ContentSource {
  const g = globalThis as WithSource;
  g[ACTIVE] ??= createContentSource();
  return g[ACTIVE];
}
