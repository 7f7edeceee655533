/**
 * Paid links are declared as such (Google's link attributes: rel="sponsored"): every link of a
 * sponsored article that leaves the site gets it, beside the noopener/noreferrer the pipeline
 * already set. The HTML in is the sanitiser's output (lib/html/pipeline.ts); this adds one token
 * to one attribute and nothing else, so what comes out is exactly as safe.
 */
import { fromHtml } from "hast-util-from-html";
import { toHtml } from "hast-util-to-html";
import { visit } from "unist-util-visit";
import type { Element } from "hast";

/** True when `href` leads off `siteUrl`'s host (absolute or protocol-relative http(s)). */
export function isOutbound(href: string, siteUrl: string): boolean {
  if (!/^(https?:)?\/\//i.test(href)) return false;
  try {
    return new URL(href, siteUrl).host !== new URL(siteUrl).host;
  } catch {
    return false;
  }
}

export function markSponsoredLinks(html: string, siteUrl: string): string {
  const tree = fromHtml(html, { fragment: true });
  let changed = false;
  visit(tree, "element", (node: Element) => {
    const href = node.tagName === "a" ? node.properties.href : undefined;
    if (typeof href !== "string" || !isOutbound(href, siteUrl)) return;
    const rel = Array.isArray(node.properties.rel) ? node.properties.rel.map(String) : [];
    if (!rel.includes("sponsored")) node.properties.rel = [...rel, "sponsored"];
    changed = true;
  });
  return changed ? toHtml(tree) : html;
}
