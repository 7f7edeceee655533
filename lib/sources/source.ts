/**
 * The active content source, chosen by CONTENT_SOURCE (default "markdown"). Pages call
 * getContentSource() and never import a concrete source.
 */
import type { ContentSource } from "./types";
import { MarkdownSource } from "./markdown/source";
import { createWordPressSourceFromEnv } from "./wordpress/source";
import { contentDir } from "../config/site";
import { contentSourceName } from "../config/env.mjs";
import { processSingleton } from "../config/singleton.mjs";
import { timedSource } from "../observability/content";

export const CONTENT_SOURCES = ["markdown", "wordpress"] as const;

export function createContentSource(name = contentSourceName()): ContentSource {
  switch (name) {
    case "markdown":
      return new MarkdownSource(contentDir());
    case "wordpress":
      return createWordPressSourceFromEnv();
    default:
      throw new Error(`CONTENT_SOURCE="${name}" is not a known content source (known: ${CONTENT_SOURCES.join(", ")})`);
  }
}

/**
 * One instance per process, shared by the proxy bundle and the page bundles (module state is not
 * shared between them; a process singleton is), so a reload from the revalidation webhook reaches both.
 */
export function getContentSource(): ContentSource {
  return processSingleton("contentSource", () => timedSource(createContentSource()));
}
