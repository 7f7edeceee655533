/**
 * Body media for the one sanitising pipeline (./pipeline.ts): embeds, images, galleries, pull
 * quotes, tables, audio and video. Two steps sit around rehype-sanitize:
 *
 * 1. `prepareMedia` runs on the untrusted tree, before sanitising. It never lets anything through:
 *    it turns each <iframe>, <script>, <object>, <embed>, embed-code blockquote (X, Instagram,
 *    Bluesky, Mastodon…) and WordPress embed block into a plain link to where it pointed, marked
 *    `data-embed` (the schema allows that one attribute, with fixed values, on links), and maps
 *    WordPress block classes to the two the schema knows (`gallery`, `pullquote`). The sanitiser
 *    then checks those links like any other (http/https only).
 * 2. `renderMedia` runs on the sanitised tree and builds trusted markup from it: a click-to-load
 *    facade for a link to a known provider (lib/embeds/providers.ts) that stands alone or was an
 *    embed; a visible "Embedded content from <host>" link for an embed from anywhere else; sized,
 *    lazy, responsive images; scrollable table wrappers; audio and video that load nothing until
 *    played. What it writes is the only place `data-embed-*` attributes come from.
 *
 * Nothing is dropped without a note: `MediaReport.notices` lists what was turned into a link or
 * removed (the callers log it once per article), `problems` what makes a markdown file invalid.
 */
import type { Element, ElementContent, Properties, Root, RootContent, Text } from "hast";
import type { Plugin } from "unified";
import { toString } from "hast-util-to-string";
import { getImageProps } from "next/image";
import { blueskyUrlFromAtUri, matchEmbed, type Embed, type EmbedKind } from "../embeds/providers";
import { en } from "../i18n/messages/en";

export interface MediaOptions {
  /**
   * The intrinsic size of a local image (`/content-images/…`, a file in CONTENT_DIR/images), or
   * undefined when there is no such file. Set by the markdown source; without it such paths are
   * treated like any other relative address.
   */
  localImage?: (src: string) => { width: number; height: number } | undefined;
  /** Origins whose images, audio and video may be shown (WordPress's own). */
  mediaOrigins?: string[];
  /** Base for relative addresses (WordPress content); markdown bodies have none. */
  baseUrl?: string;
  /** Sizes of remote images known from elsewhere (WordPress media details), by absolute src. */
  imageSizes?: ReadonlyMap<string, { width: number; height: number }>;
  /** The facades' words in the site's language (lib/i18n renderOptionsFor); English without it. */
  mediaText?: (key: MediaTextKey, values: Record<string, string>) => string;
}

/** The catalogue messages (lib/i18n/messages) the media markup uses. */
export type MediaTextKey =
  | "embed.play"
  | "embed.viewPost"
  | "embed.listen"
  | "embed.viewChart"
  | "embed.playHere"
  | "embed.showHere"
  | "embed.buttonLabel"
  | "embed.consent"
  | "embed.from"
  | "embed.imageFrom"
  | "embed.frameTitle"
  | "embed.kind.video"
  | "embed.kind.audio"
  | "embed.kind.post"
  | "embed.kind.chart";

/** English, straight from the English catalogue (these messages have plain {placeholders} only). */
const english = (key: MediaTextKey, values: Record<string, string>) => en[key].replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? "");

const OPEN: Record<EmbedKind, MediaTextKey> = { video: "embed.play", audio: "embed.listen", post: "embed.viewPost", chart: "embed.viewChart" };
const LOAD: Record<EmbedKind, MediaTextKey> = { video: "embed.playHere", audio: "embed.playHere", post: "embed.showHere", chart: "embed.showHere" };

export interface MediaReport {
  /** Embeds shown as links, images from elsewhere, removed scripts: for the log, one line per article. */
  notices: string[];
  /** What makes a markdown body invalid (a local image that does not exist). */
  problems: string[];
  /** The local images the body uses and the sizes read for them (null: no such file). */
  localImages: Record<string, { width: number; height: number } | null>;
}

export interface MediaContext extends MediaOptions {
  report: MediaReport;
}

/** Reading width of the article column (components/ArticlePage.tsx: max-w-3xl). */
const BODY_SIZES = "(min-width: 768px) 768px, 100vw";
/** Images among the first top-level blocks are on the first screen: not lazy. */
const FIRST_SCREEN_BLOCKS = 3;
const MAX_DIMENSION = 20_000;

type Parent = Root | Element;
type Marker = "iframe" | "script" | "object" | "wp" | "quote";

const WHAT: Record<Marker, string> = {
  iframe: "an <iframe>",
  script: "a <script>",
  object: "an <object>/<embed>",
  wp: "a WordPress embed block",
  quote: "an embedded post",
};

// ---- small hast helpers ----------------------------------------------------------------------

function h(tagName: string, properties: Properties = {}, children: ElementContent[] = []): Element {
  return { type: "element", tagName, properties, children };
}
const t = (value: string): Text => ({ type: "text", value });
/** An element (of that tag). The false branch keeps other elements: the guard names the tag too. */
function isElement<T extends string>(node: RootContent | ElementContent | undefined, tag?: T): node is Element & { tagName: T } {
  return node?.type === "element" && (tag === undefined || node.tagName === tag);
}
const isBlank = (node: RootContent | ElementContent) =>
  node.type === "comment" || (node.type === "text" && !node.value.trim()) || isElement(node, "br");

function classList(node: Element): string[] {
  const c: unknown = node.properties?.className;
  if (Array.isArray(c)) return c.map(String);
  return typeof c === "string" ? c.split(/\s+/).filter(Boolean) : [];
}
const hasClass = (node: Element, name: string) => classList(node).includes(name);
const prop = (node: Element, name: string): string | undefined => {
  const v = node.properties?.[name];
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
};

function findDeep(node: Parent, test: (e: Element) => boolean): Element | undefined {
  for (const child of node.children) {
    if (!isElement(child)) continue;
    if (test(child)) return child;
    const inner = findDeep(child, test);
    if (inner) return inner;
  }
  return undefined;
}

function findAllDeep(node: Parent, test: (e: Element) => boolean, out: Element[] = []): Element[] {
  for (const child of node.children) {
    if (!isElement(child)) continue;
    if (test(child)) out.push(child);
    findAllDeep(child, test, out);
  }
  return out;
}

/** An absolute http(s) address, or null. Protocol-relative addresses are read as https. */
function absoluteUrl(raw: string | undefined, base?: string): string | null {
  const value = raw?.trim();
  if (!value) return null;
  try {
    const url = value.startsWith("//") ? new URL(`https:${value}`) : new URL(value, base);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}

const hostOf = (href: string) => {
  try {
    return new URL(href).host;
  } catch {
    return href;
  }
};

function note(ctx: MediaContext, message: string): void {
  if (!ctx.report.notices.includes(message)) ctx.report.notices.push(message);
}

// =============================================================================================
// 1. Before sanitising: foreign elements become marked links

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

function marker(href: string, kind: Marker, title?: string): Element {
  return h("a", { href, dataEmbed: kind, ...(title?.trim() ? { title: title.trim().slice(0, 300) } : {}) }, [t(href)]);
}

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

// =============================================================================================
// 2. After sanitising: trusted markup

/** Elements that may hold a block (a facade figure); anywhere else an embed stays an inline link. */
const FLOW = new Set(["root", "div", "section", "aside", "blockquote", "li", "dd", "td", "th", "figure", "figcaption", "details"]);

interface Candidate {
  href: string;
  marker?: Marker;
  title?: string;
  /** An embedded post's own text (X, Bluesky, Mastodon embed codes carry it). */
  quote?: ElementContent[];
}

const bare = (s: string) => s.trim().replace(/^https?:\/\//i, "").replace(/\/+$/, "");

function markerOf(node: Element): Marker | undefined {
  const m = node.properties?.dataEmbed;
  return typeof m === "string" ? (m as Marker) : undefined;
}

function quoteCandidate(node: Element): Candidate | null {
  if (node.tagName !== "blockquote") return null;
  const last = [...node.children].reverse().find((c) => !isBlank(c));
  if (!isElement(last, "a") || markerOf(last) !== "quote" || !prop(last, "href")) return null;
  return { href: prop(last, "href")!, marker: "quote", quote: node.children.filter((c) => c !== last) };
}

/**
 * The one embed candidate a list of nodes consists of: a marked link, a bare link (its text is
 * its address, as a URL alone on its line becomes), a URL as plain text, or an embed quote —
 * possibly inside a single <p> or <div>. Null when there is anything else.
 */
function loneCandidate(nodes: (RootContent | ElementContent)[]): Candidate | null {
  const meaningful = nodes.filter((n) => !isBlank(n));
  if (meaningful.length !== 1) return null;
  const only = meaningful[0];
  if (only.type === "text") {
    const value = only.value.trim();
    return /^https?:\/\/\S+$/i.test(value) ? { href: value } : null;
  }
  if (!isElement(only)) return null;
  if (only.tagName === "a") {
    const href = prop(only, "href");
    if (!href) return null;
    const kind = markerOf(only);
    if (kind) return { href, marker: kind, title: prop(only, "title") };
    return bare(toString(only)) === bare(href) ? { href, title: prop(only, "title") } : null;
  }
  if (only.tagName === "p" || only.tagName === "div") return loneCandidate(only.children);
  return quoteCandidate(only);
}

function facade(embed: Embed, candidate: Candidate, caption: Element[], ctx: MediaContext): Element {
  const text = ctx.mediaText ?? english;
  // An embedded post's title: its own words (the first paragraph), not the attribution after them.
  const quoteSource = candidate.quote?.find((c): c is Element => isElement(c, "p")) ?? (candidate.quote ? h("div", {}, candidate.quote) : undefined);
  const quoteText = quoteSource ? toString(quoteSource).replace(/\s+/g, " ").trim() : "";
  const own = candidate.title || (quoteText ? `${quoteText.slice(0, 90)}${quoteText.length > 90 ? "…" : ""}` : "");
  // Without a title of its own, the provider's name is the title (no separate label above it).
  const title = own || embed.name;
  const named = own ? `${own} (${embed.name})` : embed.name;
  const provider = { provider: embed.name };
  const body: ElementContent[] = own ? [h("p", { className: ["embed-provider"] }, [t(embed.name)])] : [];
  if (candidate.quote?.length) body.push(h("blockquote", { className: ["embed-quote"] }, candidate.quote));
  else body.push(h("p", { className: ["embed-title"] }, [t(title)]));
  const action = text(LOAD[embed.kind], {});
  body.push(
    // Works with the island (components/EmbedLoader.client.tsx); CSS hides it when scripting is off,
    // and the link below does the job then.
    // Its name starts with its visible words (WCAG "label in name") and says what it will load.
    h("button", { type: "button", className: ["embed-load"], dataEmbedLoad: "", ariaLabel: text("embed.buttonLabel", { action, title: named }) }, [t(action)]),
    h("p", { className: ["embed-open"] }, [h("a", { href: embed.pageUrl }, [t(text(OPEN[embed.kind], provider))])]),
    h("p", { className: ["embed-privacy"] }, [t(text("embed.consent", provider))]),
  );
  const frame = h(
    "div",
    {
      dataEmbedOrigin: embed.frameOrigin,
      className: ["embed-frame"],
      dataEmbedSrc: embed.frameUrl,
      // Never the bare provider name: "X" alone does not say what the frame holds.
      dataEmbedTitle: text("embed.frameTitle", { provider: embed.name, title: own || text(`embed.kind.${embed.kind}`, {}) }),
      dataEmbedKind: embed.kind,
      ...(embed.height ? { dataEmbedHeight: String(embed.height), style: `--embed-height:${embed.height}px` } : {}),
    },
    [h("div", { className: ["embed-facade"] }, body)],
  );
  return h("figure", { className: ["embed", `embed-${embed.kind}`], dataEmbedProvider: embed.provider }, [frame, ...caption]);
}

function unknownEmbed(candidate: Candidate, ctx: MediaContext): ElementContent[] {
  const host = hostOf(candidate.href);
  note(ctx, `${WHAT[candidate.marker ?? "iframe"]} from ${host} is shown as a link`);
  const link = h("p", { className: ["embed-unknown"] }, [h("a", { href: candidate.href }, [t((ctx.mediaText ?? english)("embed.from", { host }))])]);
  return candidate.quote ? [h("blockquote", {}, candidate.quote), link] : [link];
}

/** The block for a candidate: a facade, an "Embedded content from…" link, or null for a plain link. */
function embedBlock(candidate: Candidate, caption: Element[], ctx: MediaContext): ElementContent[] | null {
  const found = matchEmbed(candidate.href);
  if (found) return [facade(found, candidate, caption, ctx)];
  if (!candidate.marker) return null;
  const shown = unknownEmbed(candidate, ctx);
  return caption.length ? [h("figure", {}, [...shown, ...caption])] : shown;
}

/** An embed inside a line of text: the provider's link (or the unknown-content link) in place. */
function inlineEmbed(node: Element, ctx: MediaContext): ElementContent {
  const href = prop(node, "href") ?? "";
  const found = matchEmbed(href);
  if (found) return h("a", { href: found.pageUrl }, [t((ctx.mediaText ?? english)(OPEN[found.kind], { provider: found.name }))]);
  const host = hostOf(href);
  note(ctx, `${WHAT[markerOf(node) ?? "iframe"]} from ${host} is shown as a link`);
  return h("a", { href }, [t((ctx.mediaText ?? english)("embed.from", { host }))]);
}

/** A paragraph with an embed among its text: split around it, the embed between the halves. */
function splitParagraph(p: Element, ctx: MediaContext): ElementContent[] {
  const out: ElementContent[] = [];
  let run: ElementContent[] = [];
  const flush = () => {
    if (run.some((n) => !isBlank(n))) out.push(h("p", {}, run));
    run = [];
  };
  for (const child of p.children) {
    const kind = isElement(child, "a") ? markerOf(child) : undefined;
    if (isElement(child, "a") && kind) {
      flush();
      out.push(...(embedBlock({ href: prop(child, "href") ?? "", marker: kind, title: prop(child, "title") }, [], ctx) ?? []));
    } else run.push(child);
  }
  flush();
  return out;
}

function renderEmbeds(parent: Parent, ctx: MediaContext): void {
  const flow = parent.type === "root" || FLOW.has(parent.tagName);
  const out: ElementContent[] = [];
  for (const child of parent.children as ElementContent[]) {
    if (!isElement(child)) {
      out.push(child);
      continue;
    }
    const tag = child.tagName;
    if (flow && (tag === "p" || tag === "div" || tag === "figure" || tag === "blockquote")) {
      const captions = tag === "figure" ? child.children.filter((c): c is Element => isElement(c, "figcaption")) : [];
      const inner = tag === "figure" ? child.children.filter((c) => !isElement(c, "figcaption")) : tag === "blockquote" ? [child] : child.children;
      const candidate = loneCandidate(inner);
      if (candidate) {
        for (const c of captions) renderEmbeds(c, ctx);
        const block = embedBlock(candidate, captions, ctx);
        if (block) {
          out.push(...block);
          continue;
        }
      }
    }
    if (isElement(child, "a") && markerOf(child)) {
      const href = prop(child, "href") ?? "";
      out.push(...(flow ? (embedBlock({ href, marker: markerOf(child), title: prop(child, "title") }, [], ctx) ?? []) : [inlineEmbed(child, ctx)]));
      continue;
    }
    if (flow && tag === "p" && child.children.some((c) => isElement(c, "a") && markerOf(c))) {
      const parts = splitParagraph(child, ctx);
      for (const part of parts) if (isElement(part, "p")) renderEmbeds(part, ctx);
      out.push(...parts);
      continue;
    }
    renderEmbeds(child, ctx);
    out.push(child);
  }
  parent.children = out as typeof parent.children;
}

// ---- images ----------------------------------------------------------------------------------

function dimension(value: unknown): number | undefined {
  const n = typeof value === "number" ? value : typeof value === "string" && /^\s*\d+\s*(px)?\s*$/.test(value) ? parseInt(value, 10) : NaN;
  return Number.isInteger(n) && n > 0 && n <= MAX_DIMENSION ? n : undefined;
}

function allowedOrigin(href: string, ctx: MediaContext): boolean {
  try {
    return (ctx.mediaOrigins ?? []).includes(new URL(href).origin);
  } catch {
    return false;
  }
}

/** WordPress's srcset, keeping only candidates on an allowed host with a plain width or density. */
function cleanSrcSet(value: unknown, ctx: MediaContext): string | undefined {
  if (typeof value !== "string") return undefined;
  const kept: string[] = [];
  for (const entry of value.split(/,\s+/)) {
    const [url, descriptor, ...rest] = entry.trim().split(/\s+/);
    if (!url || rest.length || (descriptor !== undefined && !/^\d+(\.\d+)?[wx]$/.test(descriptor))) continue;
    const abs = absoluteUrl(url, ctx.baseUrl);
    if (abs && allowedOrigin(abs, ctx)) kept.push(descriptor ? `${abs} ${descriptor}` : abs);
  }
  return kept.length ? kept.join(", ") : undefined;
}

const cleanSizes = (value: unknown) => (typeof value === "string" && value.length <= 300 && /^[\w\s().,:%-]+$/.test(value) ? value : undefined);

/** Sizes, lazy loading and responsive sources for one image, or its replacement when it cannot be shown. */
function renderImage(img: Element, eager: boolean, ctx: MediaContext): ElementContent | null {
  const raw = prop(img, "src");
  const alt = prop(img, "alt") ?? "";
  if (!raw) {
    note(ctx, `an image without a usable address${alt ? ` ("${alt}")` : ""} was removed`);
    return alt ? t(alt) : null;
  }
  const loading = eager ? "eager" : "lazy";
  if (ctx.localImage && raw.startsWith("/content-images/")) {
    const file = raw.split(/[?#]/)[0];
    const size = ctx.localImage(file);
    ctx.report.localImages[file] = size ?? null;
    if (!size) {
      ctx.report.problems.push(`image ${raw}: no such file in images/`);
      return img;
    }
    const { props } = getImageProps({ src: raw, alt, width: size.width, height: size.height, sizes: BODY_SIZES, loading });
    img.properties = {
      src: props.src,
      alt,
      ...(prop(img, "title") ? { title: prop(img, "title") } : {}),
      width: size.width,
      height: size.height,
      ...(props.srcSet ? { srcSet: props.srcSet, sizes: props.sizes ?? BODY_SIZES } : {}),
      loading,
      decoding: "async",
    };
    return img;
  }
  const abs = ctx.localImage && !/^(https?:)?\/\//i.test(raw) ? null : absoluteUrl(raw, ctx.baseUrl);
  if (!abs) {
    ctx.report.problems.push(`image ${raw}: must be a file in images/ (/content-images/…) or an https:// address`);
    return img;
  }
  if (!allowedOrigin(abs, ctx)) {
    const host = hostOf(abs);
    note(ctx, `an image from ${host} is shown as a link (only images served by this site are shown)`);
    const label = (ctx.mediaText ?? english)("embed.imageFrom", { host });
    return h("a", { href: abs, className: ["media-elsewhere"] }, [t(alt ? (ctx.mediaText ?? english)("embed.buttonLabel", { action: label, title: alt }) : label)]);
  }
  const known = ctx.imageSizes?.get(abs);
  const width = dimension(img.properties.width) ?? known?.width;
  const height = dimension(img.properties.height) ?? known?.height;
  const srcSet = cleanSrcSet(img.properties.srcSet, ctx);
  const sizes = srcSet ? (cleanSizes(img.properties.sizes) ?? BODY_SIZES) : undefined;
  if (!width || !height) note(ctx, `the image ${abs} has no known size; it is shown in a fixed 3:2 box`);
  img.properties = {
    src: abs,
    alt,
    ...(prop(img, "title") ? { title: prop(img, "title") } : {}),
    ...(width && height ? { width, height } : { className: ["unsized"] }),
    ...(srcSet ? { srcSet, sizes } : {}),
    loading,
    decoding: "async",
  };
  return img;
}

/** `![alt](src "Caption")` alone on its line: a figure with the title as its caption. */
function figureFromParagraph(p: Element): Element | null {
  const meaningful = p.children.filter((c) => !isBlank(c));
  if (meaningful.length !== 1) return null;
  const only = meaningful[0];
  const img = isElement(only, "img") ? only : isElement(only, "a") && only.children.filter((c) => !isBlank(c)).length === 1 && isElement(only.children.find((c) => !isBlank(c)), "img") ? (only.children.find((c) => !isBlank(c)) as Element) : null;
  if (!img) return null;
  const title = prop(img, "title")?.trim();
  if (!title) return null;
  delete img.properties.title;
  return h("figure", {}, [only as Element, h("figcaption", {}, [t(title)])]);
}

function renderImages(tree: Root, ctx: MediaContext): void {
  let first = true;
  tree.children.forEach((block, index) => {
    if (isElement(block, "p")) {
      const figure = figureFromParagraph(block);
      if (figure) tree.children[index] = figure;
    }
  });
  const walk = (parent: Parent, topIndex: number) => {
    parent.children = (parent.children as ElementContent[]).flatMap((child, i): ElementContent[] => {
      const top = parent.type === "root" ? i : topIndex;
      if (!isElement(child)) return [child];
      if (child.tagName === "img") {
        const eager = first && top < FIRST_SCREEN_BLOCKS;
        first = false;
        const out = renderImage(child, eager, ctx);
        return out ? [out] : [];
      }
      walk(child, top);
      return [child];
    }) as typeof parent.children;
  };
  walk(tree, 0);
}

// ---- tables, audio, video --------------------------------------------------------------------

/** A table scrolls sideways inside a focusable, named region instead of widening the page. */
function renderTables(tree: Root): void {
  let n = 0;
  const walk = (parent: Parent, caption?: string) => {
    parent.children = parent.children.map((child) => {
      if (!isElement(child)) return child;
      if (child.tagName === "table") {
        n += 1;
        const own = child.children.find((c): c is Element => isElement(c, "caption"));
        const label = (own ? toString(own) : caption)?.replace(/\s+/g, " ").trim() || `Table ${n}`;
        return h("div", { className: ["table-scroll"], role: "region", tabIndex: 0, ariaLabel: label.slice(0, 120) }, [child]);
      }
      const figcaption = child.tagName === "figure" ? child.children.find((c): c is Element => isElement(c, "figcaption")) : undefined;
      walk(child, figcaption ? toString(figcaption) : undefined);
      return child;
    }) as typeof parent.children;
  };
  walk(tree);
}

function renderPlayers(tree: Root, ctx: MediaContext): void {
  /** The address to use, or null when it is not this site's own or an allowed host's. */
  const usable = (raw: string): string | null => {
    if (raw.startsWith("/") && !raw.startsWith("//") && !ctx.baseUrl) return raw; // this site's own file
    const abs = absoluteUrl(raw, ctx.baseUrl);
    return abs !== null && allowedOrigin(abs, ctx) ? abs : null;
  };
  const walk = (parent: Parent) => {
    parent.children = parent.children.map((child) => {
      if (!isElement(child)) return child;
      if (child.tagName !== "audio" && child.tagName !== "video") {
        walk(child);
        return child;
      }
      const carriers = [child, ...child.children.filter((c): c is Element => isElement(c, "source") || isElement(c, "track"))];
      const first = prop(child, "src") ?? carriers.map((c) => prop(c, "src")).find(Boolean);
      let ok = Boolean(first);
      for (const carrier of carriers) {
        const raw = prop(carrier, "src");
        if (raw === undefined) continue;
        const src = usable(raw);
        if (src) carrier.properties.src = src;
        else ok = false;
      }
      if (!ok) {
        const where = first ? absoluteUrl(first, ctx.baseUrl) : null;
        const label = child.tagName === "audio" ? "audio" : "a video";
        note(ctx, where ? `${label} from ${hostOf(where)} is shown as a link` : `${label} without an address was removed`);
        return where ? h("a", { href: where, className: ["media-elsewhere"] }, [t((ctx.mediaText ?? english)("embed.from", { host: hostOf(where) }))]) : t("");
      }
      // Controls always (a player without them is invisible); nothing downloads until the reader presses play.
      child.properties = { ...child.properties, controls: true, preload: "none" };
      const poster = prop(child, "poster");
      if (poster !== undefined) {
        const src = usable(poster);
        if (src) child.properties.poster = src;
        else delete child.properties.poster;
      }
      return child;
    }) as typeof parent.children;
  };
  walk(tree);
}

/** Marks only mean something to this step: none survive it; nor do paragraphs an embed left empty, or empty class lists. */
function dropMarkers(tree: Root): void {
  const walk = (parent: Parent) => {
    parent.children = parent.children.filter((child) => !(isElement(child, "p") && child.children.length === 0)) as typeof parent.children;
    for (const child of parent.children) {
      if (!isElement(child)) continue;
      if (child.tagName === "a" && child.properties.dataEmbed !== undefined) delete child.properties.dataEmbed;
      // Classes the schema filtered away leave an empty list behind (class="").
      if (Array.isArray(child.properties.className) && child.properties.className.length === 0) delete child.properties.className;
      walk(child);
    }
  };
  walk(tree);
}

export const renderMedia: Plugin<[MediaContext], Root> = (ctx) => (tree) => {
  renderEmbeds(tree, ctx);
  renderImages(tree, ctx);
  renderTables(tree);
  renderPlayers(tree, ctx);
  dropMarkers(tree);
};

/** Facade parts that are interface, not content: left out of reading time, search text and descriptions. */
export const FACADE_CHROME = new Set(["embed-provider", "embed-load", "embed-open", "embed-privacy"]);
