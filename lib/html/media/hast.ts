/** Small helpers over hast trees (elements, classes, properties, addresses), for the media steps. */
import type { Element, ElementContent, Properties, Root, RootContent, Text } from "hast";

export type Parent = Root | Element;

export function h(tagName: string, properties: Properties = {}, children: ElementContent[] = []): Element {
  return { type: "element", tagName, properties, children };
}
export const t = (value: string): Text => ({ type: "text", value });
/** An element (of that tag). The false branch keeps other elements: the guard names the tag too. */
export function isElement<T extends string>(node: RootContent | ElementContent | undefined, tag?: T): node is Element & { tagName: T } {
  return node?.type === "element" && (tag === undefined || node.tagName === tag);
}
export const isBlank = (node: RootContent | ElementContent) =>
  node.type === "comment" || (node.type === "text" && !node.value.trim()) || isElement(node, "br");

export function classList(node: Element): string[] {
  const c: unknown = node.properties?.className;
  if (Array.isArray(c)) return c.map(String);
  return typeof c === "string" ? c.split(/\s+/).filter(Boolean) : [];
}
export const hasClass = (node: Element, name: string) => classList(node).includes(name);
export const prop = (node: Element, name: string): string | undefined => {
  const v = node.properties?.[name];
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
};

export function findDeep(node: Parent, test: (e: Element) => boolean): Element | undefined {
  for (const child of node.children) {
    if (!isElement(child)) continue;
    if (test(child)) return child;
    const inner = findDeep(child, test);
    if (inner) return inner;
  }
  return undefined;
}

export function findAllDeep(node: Parent, test: (e: Element) => boolean, out: Element[] = []): Element[] {
  for (const child of node.children) {
    if (!isElement(child)) continue;
    if (test(child)) out.push(child);
    findAllDeep(child, test, out);
  }
  return out;
}

/** An absolute http(s) address, or null. Protocol-relative addresses are read as https. */
export function absoluteUrl(raw: string | undefined, base?: string): string | null {
  const value = raw?.trim();
  if (!value) return null;
  try {
    const url = value.startsWith("//") ? new URL(`https:${value}`) : new URL(value, base);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}

export const hostOf = (href: string) => {
  try {
    return new URL(href).host;
  } catch {
    return href;
  }
};
