/**
 * What the media steps (../media.ts) share: their options and report, the markers the untrusted
 * step leaves for the trusted one, the words of the facades, and where notes go.
 */
import type { Element } from "hast";
import type { EmbedPreview } from "../../embeds/oembed";
import type { EmbedKind } from "../../embeds/providers";
import { en } from "../../i18n/messages/en";
import { h, t } from "./hast";

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
  /**
   * The title and self-hosted picture kept for an embed (lib/embeds/oembed.ts), by its page URL; the
   * markdown source reads them from the cache its index update filled. Without it: today's facade.
   */
  embedPreview?: (pageUrl: string) => EmbedPreview | undefined;
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
export const english = (key: MediaTextKey, values: Record<string, string>) => en[key].replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? "");

export const OPEN: Record<EmbedKind, MediaTextKey> = { video: "embed.play", audio: "embed.listen", post: "embed.viewPost", chart: "embed.viewChart" };
export const LOAD: Record<EmbedKind, MediaTextKey> = { video: "embed.playHere", audio: "embed.playHere", post: "embed.showHere", chart: "embed.showHere" };

export interface MediaReport {
  /** Embeds shown as links, images from elsewhere, removed scripts: for the log, one line per article. */
  notices: string[];
  /** What makes a markdown body invalid (a local image that does not exist). */
  problems: string[];
  /** The local images the body uses and the sizes read for them (null: no such file). */
  localImages: Record<string, { width: number; height: number } | null>;
  /** The embeds with an oEmbed endpoint the body shows, and what they were rendered with (lib/embeds/oembed.ts previewState; "" none). */
  embedPreviews: Record<string, string>;
}

export interface MediaContext extends MediaOptions {
  report: MediaReport;
}

export type Marker = "iframe" | "script" | "object" | "wp" | "quote";

export const WHAT: Record<Marker, string> = {
  iframe: "an <iframe>",
  script: "a <script>",
  object: "an <object>/<embed>",
  wp: "a WordPress embed block",
  quote: "an embedded post",
};

export function note(ctx: MediaContext, message: string): void {
  if (!ctx.report.notices.includes(message)) ctx.report.notices.push(message);
}

export function marker(href: string, kind: Marker, title?: string): Element {
  return h("a", { href, dataEmbed: kind, ...(title?.trim() ? { title: title.trim().slice(0, 300) } : {}) }, [t(href)]);
}
