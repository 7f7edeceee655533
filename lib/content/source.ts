/**
 * The active content source, chosen by CONTENT_SOURCE (default "markdown"). Pages call
 * getContentSource() and never import a concrete source.
 */
import type { ContentSource } from "./types";
import { MarkdownSource } from "./markdown/source";
import { contentDir } from "../site";

export const CONTENT_SOURCES = ["markdown"] as const;

let active: ContentSource | undefined;

export function createContentSource(name = process.env.CONTENT_SOURCE || "markdown"): ContentSource {
  switch (name) {
    case "markdown":
      return new MarkdownSource(contentDir());
    default:
      throw new Error(`CONTENT_SOURCE="${name}" is not a known content source (known: ${CONTENT_SOURCES.join(", ")})`);
  }
}

export function getContentSource(): ContentSource {
  active ??= createContentSource();
  return active;
}
