import { describe, expect, it } from "vitest";
import { isOutbound, markSponsoredLinks } from "./sponsored";
import { renderMarkdown } from "./pipeline";

const SITE = "https://harbour-ledger.example";

describe("markSponsoredLinks", () => {
  it("adds rel=sponsored to every link that leaves the site, keeping noopener/noreferrer", () => {
    const { html } = renderMarkdown(
      "Book at [the school](https://sailing.example/book) or [call](tel:+441234), see [our guide](/news/local/x), [home](https://harbour-ledger.example/), [elsewhere](//other.example/p).",
    );
    const out = markSponsoredLinks(html, SITE);
    expect(out).toContain('<a href="https://sailing.example/book" rel="noopener noreferrer sponsored">the school</a>');
    expect(out).toContain('<a href="//other.example/p" rel="sponsored">elsewhere</a>');
    expect(out).toContain('<a href="/news/local/x">our guide</a>');
    expect(out).toContain('<a href="https://harbour-ledger.example/" rel="noopener noreferrer">home</a>');
    expect(out).toContain('<a href="tel:+441234">call</a>');
  });

  it("leaves a body without outbound links byte for byte as it was", () => {
    const { html } = renderMarkdown("Only [inside](/about) links & text.");
    expect(markSponsoredLinks(html, SITE)).toBe(html);
  });

  it("does not add the token twice", () => {
    const once = markSponsoredLinks('<p><a href="https://a.example/">a</a></p>', SITE);
    expect(markSponsoredLinks(once, SITE)).toBe(once);
  });

  it("tells outbound links from the site's own", () => {
    expect(isOutbound("https://a.example/x", SITE)).toBe(true);
    expect(isOutbound("HTTPS://A.EXAMPLE", SITE)).toBe(true);
    expect(isOutbound("https://harbour-ledger.example/about", SITE)).toBe(false);
    expect(isOutbound("/about", SITE)).toBe(false);
    expect(isOutbound("#top", SITE)).toBe(false);
    expect(isOutbound("mailto:a@b.example", SITE)).toBe(false);
  });
});
