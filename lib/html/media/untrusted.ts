/**
 * 1. Before sanitising (../media.ts): foreign elements become marked links. Nothing gets through
 * this step: each <iframe>, <script>, <object>, <embed>, embed-code blockquote and WordPress embed
 * block becomes a plain link to where it pointed, marked `data-embed`, and WordPress block classes
 * map to the two the schema knows (`gallery`, `pullquote`).
 */
import type { Element, ElementContent, Root, RootContent } from "hast";
import { type MediaContext, marker, note } from "./context";
import { type Parent, absoluteUrl, classList, findAllDeep, findDeep, h, hasClass, isElement, prop, t } from "./hast";
import type { Plugin } from "unified";
import { blueskyUrlFromAtUri, matchEmbed } from "../../embeds/providers";
import { toString } from "hast-util-to-string";
/** Subtrees the sanitiser removes whole; nothing inside them is worth a note. */
const DROPPED_WHOLE = new Set(["template", "noscript", "svg", "math", "style"]);

/** Classes of the blockquotes that provider embed codes (and WordPress oEmbed) produce. */
const EMBED_QUOTE_CLASSES = ["twitter-tweet", "twitter-video", "instagram-media", "bluesky-embed", "mastodon-embed", "tiktok-embed", "text-post-media", "reddit-embed-bq"];

/** Scripts that only turn an embed-code blockquote into an iframe: the facade does that job. */
const LOADER_SCRIPTS = [
  /^https:\/\/platform\.twitter\.com\/widgets\.js/,
  /^https:\/\/(www\.)?instagram\.com\/embed\.js/,
  /^https:\/\/embed\.bsky\.app\/static\/embed\.js/,
  /^https:\/\/public\.flourish\.studio\/resources\/embed\.js/,
  /^https:\/\/(www\.)?tiktok\.com\/embed\.js/,
  /^https:\/\/(www\.)?threads\.(net|com)\/embed\.js/,
  /^https:\/\/embed\.reddit\.com\/widgets\.js/,
];

const GALLERY_CLASSES = ["wp-block-gallery", "blocks-gallery-grid", "gallery"];
const PULLQUOTE_CLASSES = ["wp-block-pullquote", "pullquote"];

function isEmbedQuote(node: Element): boolean {
  return node.tagName === "blockquote" && classList(node).some((c) => EMBED_QUOTE_CLASSES.includes(c));
}

/** The post an embed-code blockquote shows: its data attribute, else its last link to a known provider. */
function quotePermalink(node: Element, base?: string): string | null {
  const direct =
    prop(node, "dataInstgrmPermalink") ??
    prop(node, "dataTextPostPermalink") ??
    (prop(node, "dataEmbedUrl") ? prop(node, "dataEmbedUrl")!.replace(/\/embed\/?$/, "") : undefined) ??
    prop(node, "cite");
  const atUri = prop(node, "dataBlueskyUri");
  const fromAt = atUri ? blueskyUrlFromAtUri(atUri) : null;
  const candidates = [direct, fromAt ?? undefined].map((c) => absoluteUrl(c, base)).filter((c): c is string => Boolean(c));
  if (candidates[0]) return candidates[0];
  const links = findAllDeep(node, (e) => e.tagName === "a").map((a) => absoluteUrl(prop(a, "href"), base)).filter((c): c is string => Boolean(c));
  return links.reverse().find((l) => matchEmbed(l)) ?? links[0] ?? null;
}

function prepareQuote(node: Element, ctx: MediaContext): ElementContent[] {
  const permalink = quotePermalink(node, ctx.baseUrl);
  let children = node.children;
  // Instagram's embed code is a tower of styled divs around two links; its last paragraph says whose post it is.
  if (hasClass(node, "instagram-media")) {
    const paragraphs = findAllDeep(node, (e) => e.tagName === "p");
    const last = paragraphs.at(-1);
    children = last ? [h("p", {}, [t(toString(last).trim())])] : [];
  }
  const quote = h("blockquote", {}, children);
  prepareChildren(quote, ctx);
  if (!permalink) {
    note(ctx, "an embedded post without an address is shown as a quote");
    return [quote];
  }
  quote.children.push(marker(permalink, "quote"));
  return [quote];
}

/** A WordPress embed block: the address is in its wrapper as text, a link, an iframe or embed code. */
function prepareWordPressEmbed(node: Element, ctx: MediaContext): ElementContent[] {
  const captions = node.children.filter((c): c is Element => isElement(c, "figcaption"));
  for (const c of captions) prepareChildren(c, ctx);
  const wrapper = findDeep(node, (e) => hasClass(e, "wp-block-embed__wrapper")) ?? node;
  let content: ElementContent[] = [];
  const quote = findDeep(wrapper, isEmbedQuote);
  const frame = findDeep(wrapper, (e) => e.tagName === "iframe" || e.tagName === "object" || e.tagName === "embed");
  const link = findDeep(wrapper, (e) => e.tagName === "a" && Boolean(prop(e, "href")));
  const text = toString({ ...wrapper, children: wrapper.children.filter((c) => !isElement(c, "figcaption")) }).trim();
  if (quote) content = prepareQuote(quote, ctx);
  else if (frame) {
    const src = absoluteUrl(prop(frame, "src") ?? prop(frame, "data") ?? prop(frame, "dataSrc"), ctx.baseUrl);
    if (src) content = [marker(src, "wp", prop(frame, "title"))];
  } else if (link) {
    const href = absoluteUrl(prop(link, "href"), ctx.baseUrl);
    if (href) content = [marker(href, "wp")];
  } else if (/^https?:\/\/\S+$/.test(text)) {
    const href = absoluteUrl(text, ctx.baseUrl);
    if (href) content = [marker(href, "wp")];
  }
  if (!content.length) note(ctx, "a WordPress embed block without an address was left out");
  return [h("figure", {}, [...content, ...captions])];
}

/** The replacement for one untrusted element, or null to keep it (and look inside). */
function prepareElement(node: Element, previous: Element | undefined, ctx: MediaContext): ElementContent[] | null {
  const tag = node.tagName;
  if (tag === "iframe" || tag === "frame") {
    const src = absoluteUrl(prop(node, "src") ?? prop(node, "dataSrc"), ctx.baseUrl);
    if (src) return [marker(src, "iframe", prop(node, "title"))];
    const why = prop(node, "src")?.trim() ? "its address is not a web address" : prop(node, "srcDoc") !== undefined ? "srcdoc, no address" : "no address";
    note(ctx, `an <iframe> was removed (${why})`);
    return [];
  }
  if (tag === "object" || tag === "embed") {
    const src = absoluteUrl(prop(node, tag === "object" ? "data" : "src"), ctx.baseUrl);
    if (src) return [marker(src, "object", prop(node, "title"))];
    note(ctx, `an <${tag}> was removed (no web address)`);
    return [];
  }
  if (tag === "script") {
    const src = absoluteUrl(prop(node, "src"), ctx.baseUrl);
    if (!src) {
      note(ctx, "an inline <script> was removed");
      return [];
    }
    const followsQuote = previous !== undefined && (isEmbedQuote(previous) || previous.children.some((c) => isElement(c, "blockquote")));
    if (LOADER_SCRIPTS.some((p) => p.test(src)) || (followsQuote && /\/(embed|widgets)\.js(\?|$)/.test(new URL(src).pathname + "?"))) return [];
    return [marker(src, "script")];
  }
  if (isEmbedQuote(node)) return prepareQuote(node, ctx);
  if (tag === "div" && hasClass(node, "flourish-embed")) {
    const ref = prop(node, "dataSrc");
    if (ref && /^(visualisation|story)\/\d{1,12}$/.test(ref)) return [marker(`https://public.flourish.studio/${ref}/`, "script", prop(node, "ariaLabel"))];
  }
  if (tag === "figure" && hasClass(node, "wp-block-embed")) return prepareWordPressEmbed(node, ctx);
  // WordPress block classes → the two the schema allows; every other class goes.
  if (tag === "figure" || tag === "blockquote" || tag === "ul" || tag === "div") {
    const cls = classList(node);
    // (A legacy gallery's inner list is just its list: the figure is the gallery.)
    node.properties.className = cls.some((c) => GALLERY_CLASSES.includes(c)) && !(tag === "ul" && !cls.includes("gallery"))
      ? ["gallery"]
      : cls.some((c) => PULLQUOTE_CLASSES.includes(c))
        ? ["pullquote"]
        : cls.filter((c) => c === "contains-task-list");
  }
  return null;
}

function prepareChildren(parent: Parent, ctx: MediaContext): void {
  const out: RootContent[] = [];
  let previous: Element | undefined;
  for (const child of parent.children) {
    if (!isElement(child)) {
      out.push(child);
      continue;
    }
    if (DROPPED_WHOLE.has(child.tagName)) {
      out.push(child);
      continue;
    }
    const replaced = prepareElement(child, previous, ctx);
    if (replaced) out.push(...replaced);
    else {
      prepareChildren(child, ctx);
      out.push(child);
    }
    previous = child;
  }
  parent.children = out as typeof parent.children;
}

export const prepareMedia: Plugin<[MediaContext], Root> = (ctx) => (tree) => {
  prepareChildren(tree, ctx);
};
