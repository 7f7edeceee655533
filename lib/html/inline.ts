/**
 * Inline markdown (a correction's text, one sentence with links or emphasis) through the one
 * pipeline: rendered as a paragraph, then unwrapped, so it can sit inside a sentence of ours.
 */
import { renderMarkdown } from "./pipeline";

export function renderInlineMarkdown(markdown: string): { html: string; text: string } {
  const rendered = renderMarkdown(markdown);
  const single = /^<p>([\s\S]*)<\/p>\s*$/.exec(rendered.html.trim());
  return { html: single && !single[1].includes("<p>") ? single[1] : rendered.html, text: rendered.text.trim() };
}
