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
 *
 * The steps live in media/: untrusted.ts (1), embeds.ts, images.ts and players.ts (2), over the
 * helpers of hast.ts and the options, report and words of context.ts.
 */
import type { Root } from "hast";
import type { Plugin } from "unified";
import { isElement, type Parent } from "./media/hast";
import type { MediaContext } from "./media/context";
import { renderEmbeds } from "./media/embeds";
import { renderImages } from "./media/images";
import { renderPlayers, renderTables } from "./media/players";

export type { MediaContext, MediaOptions, MediaReport, MediaTextKey } from "./media/context";
export { prepareMedia } from "./media/untrusted";

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
