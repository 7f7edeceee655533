/** 2c. After sanitising (../media.ts): tables that scroll sideways, audio and video that load nothing until played. */
import type { Element, Root } from "hast";
import { type MediaContext, english, note } from "./context";
import { type Parent, absoluteUrl, h, hostOf, isElement, prop, t } from "./hast";
import { allowedOrigin } from "./images";
import { toString } from "hast-util-to-string";
/** A table scrolls sideways inside a focusable, named region instead of widening the page. */
export function renderTables(tree: Root): void {
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

export function renderPlayers(tree: Root, ctx: MediaContext): void {
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
