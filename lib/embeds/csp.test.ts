import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../html/pipeline";
import { frameSourcesFromHtml } from "./csp.mjs";
import { pagePolicy } from "../../server/finish";
import { contentSecurityPolicy } from "../request/security-headers";

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

describe("the page's CSP (server/finish.ts pagePolicy)", () => {
  const base = contentSecurityPolicy();
  it("replaces the base policy's frame-src 'none' with exactly the page's embed origins", () => {
    const { html } = renderMarkdown("https://youtu.be/aqz-KE-bpKQ\n\nhttps://public.flourish.studio/visualisation/1/");
    const csp = pagePolicy(base, html);
    expect(csp).toContain("; frame-src https://www.youtube-nocookie.com https://flo.uri.sh;");
    expect(csp).not.toContain("frame-src 'none'");
    expect(csp.replace(/frame-src[^;]*/, "")).toBe(base.replace(/frame-src[^;]*/, ""));
  });
  it("keeps frame-src 'none' on a page without embeds", () => {
    const { html } = renderMarkdown("Just text, and a [link](https://www.youtube.com/watch?v=aqz-KE-bpKQ) in it.");
    expect(pagePolicy(base, html)).toBe(base);
  });
});
