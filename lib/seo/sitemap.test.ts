import { describe, expect, it } from "vitest";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { buildSitemap, sitemapEntries, type SitemapInput } from "./sitemap";
import { ADA, AUTHORS, INES, makeArticle, NOW, SECTIONS, SPORT, SITE } from "./test-fixtures";

const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "url" || name === "sitemap" });

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml);
}

const visibleOld = makeArticle({ slug: "bridge", publishedAt: "2026-09-04T09:00:00.000Z", updatedAt: "2026-09-05T08:00:00.000Z" });
const visibleNew = makeArticle({
  slug: "regatta",
  section: SPORT,
  authors: [ADA],
  tags: [{ slug: "sailing", name: "Sailing & boats" }],
  publishedAt: "2026-11-26T10:00:00.000Z",
});
const draft = makeArticle({ slug: "secret-subsidy", status: "draft", tags: [{ slug: "secrets", name: "Secrets" }] });
const scheduled = makeArticle({ slug: "museum-2030", publishedAt: "2030-01-15T09:00:00.000Z" });

const input: SitemapInput = { siteUrl: SITE.url, articles: [visibleOld, draft, visibleNew, scheduled], sections: SECTIONS, authors: AUTHORS, now: NOW };

describe("sitemapEntries", () => {
  it("writes a tag's URL as its page is addressed: percent-encoded, as tagPath does", () => {
    const cafe = makeArticle({ slug: "cafe-opens", tags: [{ slug: "café-culture", name: "Café culture" }] });
    const locs = sitemapEntries({ ...input, articles: [cafe] }).map((e) => e.loc);
    expect(locs).toContain("https://gazette.example/tags/caf%C3%A9-culture");
    expect(locs.join(" ")).not.toContain("/tags/café");
  });

  const entries = sitemapEntries(input);
  const locs = entries.map((e) => e.loc);

  it("lists home, every section, visible articles, authors and tags with visible articles", () => {
    expect(locs).toEqual([
      "https://gazette.example/",
      "https://gazette.example/news",
      "https://gazette.example/news/local",
      "https://gazette.example/sport",
      "https://gazette.example/sport/regatta",
      "https://gazette.example/news/local/bridge",
      "https://gazette.example/authors/ada-fenwick",
      "https://gazette.example/authors/ines-calloway",
      "https://gazette.example/tags/harbour",
      "https://gazette.example/tags/sailing",
    ]);
  });

  it("never lists a draft or scheduled article, nor a tag only they use", () => {
    expect(locs.join(" ")).not.toMatch(/secret-subsidy|museum-2030|tags\/secrets/);
  });

  it("dates each page by its newest visible article", () => {
    const lastmod = Object.fromEntries(entries.map((e) => [e.loc.replace(SITE.url, ""), e.lastmod]));
    expect(lastmod["/"]).toBe("2026-11-26T10:00:00.000Z");
    expect(lastmod["/news"]).toBe("2026-09-05T08:00:00.000Z"); // from its subsection, not the scheduled one
    expect(lastmod["/news/local/bridge"]).toBe("2026-09-05T08:00:00.000Z");
    expect(lastmod[`/authors/${INES.slug}`]).toBe("2026-09-05T08:00:00.000Z");
    expect(lastmod["/tags/sailing"]).toBe("2026-11-26T10:00:00.000Z");
  });

  it("lists published standing pages dated by their own updatedAt, and /corrections by its newest correction", () => {
    const withPages = sitemapEntries({
      ...input,
      pages: [
        { url: "/ethics", updatedAt: "2026-10-01T00:00:00.000Z", status: "published" },
        { url: "/about", status: "published" },
        { url: "/unfinished", status: "draft" },
      ],
      corrections: { lastmod: "2026-11-25T16:20:00.000Z" },
    });
    expect(withPages.slice(-3)).toEqual([
      { loc: "https://gazette.example/about" },
      { loc: "https://gazette.example/ethics", lastmod: "2026-10-01T00:00:00.000Z" },
      { loc: "https://gazette.example/corrections", lastmod: "2026-11-25T16:20:00.000Z" },
    ]);
    expect(withPages.map((e) => e.loc)).not.toContain("https://gazette.example/unfinished");
    expect(locs).not.toContain("https://gazette.example/corrections");
  });

  it("makes a scheduled article appear once its time has come", () => {
    const later = sitemapEntries({ ...input, now: new Date("2030-01-15T09:00:00Z") }).map((e) => e.loc);
    expect(later).toContain("https://gazette.example/news/local/museum-2030");
    expect(later.join(" ")).not.toContain("secret-subsidy");
  });
});

describe("buildSitemap", () => {
  it("is a well-formed urlset with lastmod while it fits", () => {
    const doc = parse(buildSitemap(input));
    expect(doc.urlset["@_xmlns"]).toBe("http://www.sitemaps.org/schemas/sitemap/0.9");
    expect(doc.urlset.url).toHaveLength(10);
    for (const url of doc.urlset.url) expect(url.lastmod).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it("escapes XML in URLs", () => {
    const odd = makeArticle({ slug: "odd", url: "/news/local/odd?a=1&b=<2>" });
    const xml = buildSitemap({ ...input, articles: [odd] });
    expect(xml).toContain("odd?a=1&amp;b=&lt;2&gt;");
    expect(parse(xml).urlset.url.map((u: { loc: string }) => u.loc)).toContain("https://gazette.example/news/local/odd?a=1&b=<2>");
  });
});

describe("hreflang alternates in the sitemap", () => {
  const translated = makeArticle({ slug: "pact", translations: [{ language: "ar", url: "https://ar.gazette.example/akhbar/pact" }] });
  const withEditions: SitemapInput = { ...input, articles: [translated, visibleOld], language: "en", editions: [{ language: "ar", url: "https://ar.gazette.example" }] };

  it("adds xhtml:link alternates (x-default included) to translated articles and the home page only", () => {
    const xml = buildSitemap(withEditions);
    const doc = parser.parse(xml);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(doc.urlset["@_xmlns:xhtml"]).toBe("http://www.w3.org/1999/xhtml");
    const byLoc = new Map((doc.urlset.url as { loc: string; "xhtml:link"?: unknown }[]).map((u) => [u.loc, u["xhtml:link"]]));
    expect(byLoc.get(`${SITE.url}/news/local/pact`)).toEqual([
      { "@_rel": "alternate", "@_hreflang": "en", "@_href": `${SITE.url}/news/local/pact` },
      { "@_rel": "alternate", "@_hreflang": "ar", "@_href": "https://ar.gazette.example/akhbar/pact" },
      { "@_rel": "alternate", "@_hreflang": "x-default", "@_href": `${SITE.url}/news/local/pact` },
    ]);
    expect(byLoc.get(`${SITE.url}/`)).toHaveLength(3);
    expect(byLoc.get(`${SITE.url}/news/local/bridge`)).toBeUndefined();
  });

  it("a site without editions or translations keeps the plain urlset", () => {
    expect(buildSitemap(input)).not.toContain("xhtml");
  });
});
