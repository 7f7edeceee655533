/**
 * 2a. After sanitising (../media.ts): a click-to-load facade for a link to a known provider that
 * stands alone or was an embed; a visible "Embedded content from <host>" link for an embed from
 * anywhere else; a provider's link in place for one inside a line of text.
 */
import type { Element, ElementContent, RootContent } from "hast";
import { type Embed, matchEmbed } from "../../embeds/providers";
import { type EmbedPreview, hasPreviewEndpoint, previewState } from "../../embeds/oembed";
import { getImageProps } from "next/image";
import { LOAD, type Marker, type MediaContext, OPEN, WHAT, english, marker, note } from "./context";
import { type Parent, h, hostOf, isBlank, isElement, prop, t } from "./hast";
import { toString } from "hast-util-to-string";
/** The article column's width (components/ArticlePage.tsx: max-w-3xl), as for body images. */
const FRAME_SIZES = "(min-width: 768px) 768px, 100vw";
/** An audio facade's cover art: a small square beside its words (app/globals.css .embed-audio .embed-thumb). */
const COVER_SIZES = "(min-width: 640px) 128px, 96px";
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

/** The preview kept for an embed (its title and self-hosted picture), recorded in the report either way. */
function previewOf(embed: Embed, ctx: MediaContext): EmbedPreview | undefined {
  if (!ctx.embedPreview || !hasPreviewEndpoint(embed)) return undefined;
  const preview = ctx.embedPreview(embed.pageUrl);
  ctx.report.embedPreviews[embed.pageUrl] = previewState(preview);
  return preview;
}

function facade(embed: Embed, candidate: Candidate, caption: Element[], ctx: MediaContext): Element {
  const text = ctx.mediaText ?? english;
  const preview = previewOf(embed, ctx);
  // An embedded post's title: its own words (the first paragraph), not the attribution after them.
  const quoteSource = candidate.quote?.find((c): c is Element => isElement(c, "p")) ?? (candidate.quote ? h("div", {}, candidate.quote) : undefined);
  const quoteText = quoteSource ? toString(quoteSource).replace(/\s+/g, " ").trim() : "";
  // The author's words first (an <iframe title>), then the provider's (oEmbed). Either is text, never markup.
  const own = candidate.title || (quoteText ? `${quoteText.slice(0, 90)}${quoteText.length > 90 ? "…" : ""}` : "") || preview?.title || "";
  // Without a title of its own, the provider's name is the title (no separate label above it).
  const title = own || embed.name;
  const named = own ? `${own} (${embed.name})` : embed.name;
  const provider = { provider: embed.name };
  const by = preview?.author ? [h("span", { className: ["embed-author"], dir: "auto" }, [t(preview.author)])] : [];
  const body: ElementContent[] = own ? [h("p", { className: ["embed-provider"] }, [t(embed.name), ...(by.length ? [t(" · "), ...by] : [])])] : [];
  if (candidate.quote?.length) body.push(h("blockquote", { className: ["embed-quote"] }, candidate.quote));
  // dir=auto: a title in another script keeps its own direction (an English title in an Arabic story).
  else body.push(h("p", { className: ["embed-title"], dir: "auto" }, [t(title)]));
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
      ...(preview?.thumbnail ? { dataEmbedPicture: "" } : {}),
    },
    [...(preview?.thumbnail ? [thumbnail(preview.thumbnail, embed.kind === "audio" ? COVER_SIZES : FRAME_SIZES)] : []), h("div", { className: ["embed-facade"] }, body)],
  );
  return h("figure", { className: ["embed", `embed-${embed.kind}`], dataEmbedProvider: embed.provider }, [frame, ...caption]);
}

/**
 * The provider's picture, served by this site (lib/embeds/oembed.ts): sized (no shift), lazy, through
 * next/image like body images; decorative (the title beside it names the video or the track). A
 * video's fills the facade; an audio's cover art sits beside the words (`sizes` says how wide).
 */
function thumbnail(picture: NonNullable<EmbedPreview["thumbnail"]>, sizes: string): Element {
  const { props } = getImageProps({ src: picture.src, alt: "", width: picture.width, height: picture.height, sizes, loading: "lazy" });
  return h("img", {
    className: ["embed-thumb"],
    src: props.src,
    alt: "",
    width: picture.width,
    height: picture.height,
    ...(props.srcSet ? { srcSet: props.srcSet, sizes: props.sizes ?? sizes } : {}),
    loading: "lazy",
    decoding: "async",
  });
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

export function renderEmbeds(parent: Parent, ctx: MediaContext): void {
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
