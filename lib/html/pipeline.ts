/**
 * The ONE sanitising pipeline. Every string of HTML that reaches a page — markdown bodies and bios,
 * WordPress `content.rendered`, captions — goes through here. Nothing else may feed
 * `dangerouslySetInnerHTML`.
 */
import { unified, type Plugin } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import remarkRehype from "remark-rehype";
import rehypeRaw from "rehype-raw";
import rehypeParse from "rehype-parse";
import rehypeSanitize, { type Options as SanitizeSchema } from "rehype-sanitize";
import rehypeSlug from "rehype-slug";
import rehypeStringify from "rehype-stringify";
import { toString } from "hast-util-to-string";
import { visit, SKIP } from "unist-util-visit";
import type { Root, Element, ElementContent } from "hast";
import type { Heading } from "../sources/types";
import { FACADE_CHROME, prepareMedia, renderMedia, type MediaOptions, type MediaReport } from "./media";
import { smartTypography } from "./typography";

export type { MediaOptions, MediaReport } from "./media";

/** An explicit allow-list: what journalism needs, nothing that runs or restyles the page. */
export const sanitizeSchema: SanitizeSchema = {
  tagNames: [
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6",
    "a", "strong", "b", "em", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup",
    "code", "pre", "kbd", "samp", "var", "abbr", "cite", "q", "dfn", "time",
    "blockquote", "ul", "ol", "li", "dl", "dt", "dd",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
    "figure", "figcaption", "img", "aside", "details", "summary", "span", "div", "section",
    "input", "audio", "video", "source", "track",
    // Bidirectional text: a phone number or a Latin name inside Arabic or Hebrew keeps its order.
    "bdi", "bdo",
  ],
  attributes: {
    // The language and direction of a passage (a quote in English inside an Arabic story); no style.
    "*": [["dir", "ltr", "rtl", "auto"], "lang"],
    // data-embed marks a link lib/html/media.ts made from an <iframe>, <script>, embed code or
    // WordPress embed block; only its own values pass, and the step after sanitising removes it.
    a: ["href", "title", ["dataEmbed", "iframe", "script", "object", "wp", "quote"]],
    // srcset/sizes are filtered again after sanitising (allowed hosts only: lib/html/media.ts).
    img: ["src", "alt", "title", "width", "height", "srcSet", "sizes"],
    audio: ["src"],
    video: ["src", "width", "height", "poster"],
    source: ["src", "type"],
    track: ["src", "kind", "srcLang", "label"],
    // WordPress's gallery and pull quote blocks, mapped to these two classes before sanitising.
    figure: [["className", "gallery", "pullquote"]],
    div: [["className", "gallery"]],
    ol: ["start", "reversed"],
    td: ["align", "colSpan", "rowSpan"],
    th: ["align", "colSpan", "rowSpan", "scope"],
    abbr: ["title"],
    time: ["dateTime"],
    q: ["cite"],
    blockquote: ["cite", ["className", "pullquote"]],
    code: [["className", /^language-[\w-]+$/]],
    // GFM task lists only.
    input: [["type", "checkbox"], ["disabled", true], "checked"],
    li: [["className", "task-list-item"]],
    ul: [["className", "contains-task-list", "gallery"]],
  },
  required: { input: { type: "checkbox", disabled: true } },
  protocols: {
    href: ["http", "https", "mailto", "tel"],
    src: ["http", "https"],
    cite: ["http", "https"],
    poster: ["http", "https"],
  },
  // Elements whose *content* must go too, not only the tag. (Embeds never reach the sanitiser as
  // elements: lib/html/media.ts turned them into links before; this is the second line.)
  strip: ["script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math"],
  clobberPrefix: "user-content-",
  clobber: ["id", "name"],
};

/** A body has one h1 (the headline, rendered by the page): demote headings by one level from h1. */
const demoteH1: Plugin<[], Root> = () => (tree) => {
  visit(tree, "element", (node: Element) => {
    if (node.tagName === "h1") node.tagName = "h2";
  });
};

/** Links leaving the site open no window.opener; the pipeline never trusts `target`. */
const safeExternalLinks: Plugin<[], Root> = () => (tree) => {
  visit(tree, "element", (node: Element) => {
    if (node.tagName !== "a") return;
    const href = String(node.properties?.href ?? "");
    if (/^https?:\/\//i.test(href)) node.properties = { ...node.properties, rel: ["noopener", "noreferrer"] };
  });
};

/**
 * Each h2/h3 gets a stable id (rehype-slug, after sanitising so ids keep their plain form) and a
 * self-link "#" that readers can copy; the outline is collected for the table of contents.
 */
const headingOutline: Plugin<[{ out: Heading[]; label: (heading: string) => string }], Root> = ({ out, label }) => (tree) => {
  visit(tree, "element", (node: Element) => {
    if (node.tagName !== "h2" && node.tagName !== "h3") return;
    const id = String(node.properties?.id ?? "");
    if (!id) return;
    const text = toString(node).trim();
    out.push({ id, text, depth: node.tagName === "h2" ? 2 : 3 });
    const anchor: ElementContent = {
      type: "element",
      tagName: "a",
      properties: { href: `#${id}`, className: ["heading-anchor"], ariaLabel: label(text) },
      children: [{ type: "text", value: "#" }],
    };
    node.children.push(anchor);
    return SKIP;
  });
};

export interface RenderedHtml {
  html: string;
  headings: Heading[];
  /** Plain text of the body, for reading time and search. */
  text: string;
  /** Plain text of the first paragraph, for a description derived from the body. */
  lead: string;
  /** What the media step turned into links or removed, and content errors (lib/html/media.ts). */
  media: MediaReport;
}

/** Text a reader reads: a facade's buttons, provider label and privacy note are interface, not content. */
function readableText(node: Root | Element): string {
  const strip = (n: Root | Element): Root | Element => ({
    ...n,
    children: n.children
      .filter((c) => !(c.type === "element" && (c.properties?.className as string[] | undefined)?.some?.((x) => FACADE_CHROME.has(String(x)))))
      .map((c) => (c.type === "element" ? strip(c) : c)),
  }) as Root | Element;
  return toString(strip(node)).replace(/\s+/g, " ").trim();
}

/** Reads the plain text before the outline step adds its "#" self-links. */
const collectText: Plugin<[{ out: { text: string; lead: string } }], Root> = ({ out }) => (tree) => {
  out.text = readableText(tree);
  const firstParagraph = tree.children.find(
    (n): n is Element => n.type === "element" && n.tagName === "p" && !(n.properties?.className as string[] | undefined)?.includes("embed-unknown"),
  );
  out.lead = firstParagraph ? readableText(firstParagraph) : out.text;
};

export interface RenderOptions extends MediaOptions {
  /** The accessible name of a subheading's "#" self-link, in the site's language (lib/i18n). */
  headingLinkLabel?: (heading: string) => string;
  /** The content's language (BCP 47): which quotation marks the typography step writes (lib/html/typography.ts). */
  language?: string;
}

const englishHeadingLink = (heading: string) => `Link to section: ${heading}`;

function run(parse: (p: ReturnType<typeof unified>) => ReturnType<typeof unified>, input: string, options: RenderOptions = {}): RenderedHtml {
  const headings: Heading[] = [];
  const plain = { text: "", lead: "" };
  const media: MediaReport = { notices: [], problems: [], localImages: {}, embedPreviews: {} };
  const context = { ...options, report: media };
  const processor = parse(unified())
    .use(demoteH1)
    .use(prepareMedia, context)
    .use(rehypeSanitize, sanitizeSchema)
    .use(renderMedia, context)
    .use(safeExternalLinks)
    .use(rehypeSlug)
    // After the ids (a heading's slug stays what it was with straight quotes), before the text is read.
    .use(smartTypography, { language: options.language })
    .use(collectText, { out: plain })
    .use(headingOutline, { out: headings, label: options.headingLinkLabel ?? englishHeadingLink })
    .use(rehypeStringify);
  const html = String(processor.processSync(input));
  return { html, headings, ...plain, media };
}

/** Markdown (CommonMark + GFM, raw HTML allowed) → safe HTML with heading ids. */
export function renderMarkdown(markdown: string, options?: RenderOptions): RenderedHtml {
  return run(
    (u) => u.use(remarkParse).use(remarkGfm).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeRaw) as never,
    markdown,
    options,
  );
}

/** Untrusted HTML (WordPress content, captions, bios) → the same safe HTML as markdown gives. */
export function sanitizeHtml(html: string, options?: RenderOptions): RenderedHtml {
  return run((u) => u.use(rehypeParse, { fragment: true }) as never, html, options);
}

/** Plain text of a short HTML/markdown-free string (titles from WordPress, captions). */
export function htmlToText(html: string): string {
  return sanitizeHtml(html).text;
}

/** Reading time at 230 words a minute, at least one minute. */
export function readingMinutes(text: string): number {
  const words = text.split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.round(words / 230));
}

/** A description from body text: the first ~160 characters, cut at a word boundary. */
export function deriveDescription(text: string, max = 160): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const lastSpace = cut.lastIndexOf(" ");
  return `${cut.slice(0, lastSpace > 80 ? lastSpace : max).replace(/[\s,;:.–—-]+$/, "")}…`;
}
