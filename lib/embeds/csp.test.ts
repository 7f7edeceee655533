import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../html/pipeline";
import { frameSourcesFromHtml, withFrameSources } from "./csp.mjs";
import { contentSecurityPolicy } from "../security-headers";

describe("frame sources from a page's HTML", () => {
  it("lists each facade's origin once, in page order", () => {
    const { html } = renderMarkdown("https://vimeo.com/1\n\nhttps://youtu.be/aqz-KE-bpKQ\n\nhttps://vimeo.com/2");
    expect(frameSourcesFromHtml(`<html><body>${html}</body></html>`)).toEqual(["https://player.vimeo.com", "https://www.youtube-nocookie.com"]);
  });

  it("is empty for a page without embeds, and ignores text or attributes that imitate a facade", () => {
    const { html } = renderMarkdown(
      'Write `<div data-embed-origin="https://platform.twitter.com">` to embed.\n\n<a title=\'<div class="x" data-embed-origin="https://platform.twitter.com">\' href="/">x</a>\n\n<div data-embed-origin="https://platform.twitter.com">y</div>',
    );
    expect(html).toContain("data-embed-origin"); // as text and an escaped attribute value
    expect(frameSourcesFromHtml(html)).toEqual([]);
  });

  it("never lists an origin that is not a known embed host", () => {
    expect(frameSourcesFromHtml('<div class="embed-frame" data-embed-origin="https://evil.example"></div><div data-embed-origin="https://flo.uri.sh"></div>')).toEqual(["https://flo.uri.sh"]);
  });
});

describe("withFrameSources", () => {
  const base = contentSecurityPolicy();
  it("replaces the base policy's frame-src 'none' with exactly the page's origins", () => {
    const csp = withFrameSources(base, ["https://www.youtube-nocookie.com", "https://flo.uri.sh"]);
    expect(csp).toContain("; frame-src https://www.youtube-nocookie.com https://flo.uri.sh;");
    expect(csp).not.toContain("frame-src 'none'");
    expect(csp.replace(/frame-src[^;]*/, "")).toBe(base.replace(/frame-src[^;]*/, ""));
  });
  it("leaves the policy alone without origins, and adds the directive when a policy has none", () => {
    expect(withFrameSources(base, [])).toBe(base);
    expect(withFrameSources("default-src 'self'", ["https://flo.uri.sh"])).toBe("default-src 'self'; frame-src https://flo.uri.sh");
  });
});
