import { fromHtml } from "hast-util-from-html";
import { toHtml } from "hast-util-to-html";
import type { RootContent } from "hast";

/**
 * Splits already-sanitised body HTML after its `n`th top-level paragraph, so a component (the
 * inline "Check also" link) can sit between the halves. Returns null when the body is shorter.
 */
export function splitAfterParagraph(html: string, n: number): [string, string] | null {
  const tree = fromHtml(html, { fragment: true });
  let seen = 0;
  const at = tree.children.findIndex((node: RootContent) => node.type === "element" && node.tagName === "p" && ++seen === n);
  if (at < 0 || at === tree.children.length - 1) return null;
  const before = { ...tree, children: tree.children.slice(0, at + 1) };
  const after = { ...tree, children: tree.children.slice(at + 1) };
  return [toHtml(before), toHtml(after)];
}
