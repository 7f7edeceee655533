import { describe, expect, it } from "vitest";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { buildChildSitemap, buildSitemap, childSitemapNumber, planSitemap, sitemapEntries, type SitemapInput } from "./sitemap";
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

  it("becomes an index of children of at most maxPerFile URLs past the threshold", () => {
    const many = Array.from({ length: 23 }, (_, i) => makeArticle({ slug: `story-${i}`, publishedAt: new Date(Date.UTC(2026, 9, 1 + i)).toISOString() }));
    const big: SitemapInput = { ...input, articles: many };
    const total = sitemapEntries(big).length; // 23 articles + home + 3 sections + 2 authors + 1 tag = 30
    expect(total).toBe(30);

    const index = parse(buildSitemap(big, 7)).sitemapindex;
    expect(index.sitemap.map((s: { loc: string }) => s.loc)).toEqual([1, 2, 3, 4, 5].map((n) => `https://gazette.example/sitemaps/${n}.xml`));
    for (const s of index.sitemap) expect(s.lastmod).toMatch(/^\d{4}-/);

    const children = [1, 2, 3, 4, 5].map((n) => parse(buildChildSitemap(big, n, 7)!).urlset.url as { loc: string }[]);
    expect(children.map((c) => c.length)).toEqual([7, 7, 7, 7, 2]);
    // Together the children hold every URL exactly once.
    const all = children.flat().map((u) => u.loc);
    expect(new Set(all).size).toBe(total);
    expect(all).toEqual(sitemapEntries(big).map((e) => e.loc));
    expect(buildChildSitemap(big, 6, 7)).toBeNull();
    expect(buildChildSitemap(big, 0, 7)).toBeNull();
  });

  it("stays a single urlset at exactly the threshold, and has no children then", () => {
    const n = sitemapEntries(input).length;
    expect(planSitemap(sitemapEntries(input), n).kind).toBe("urlset");
    expect(planSitemap(sitemapEntries(input), n - 1).kind).toBe("index");
    expect(buildChildSitemap(input, 1)).toBeNull();
  });

  it("defaults to the protocol's 50,000 URLs per file", () => {
    const entries = Array.from({ length: 50_001 }, (_, i) => ({ loc: `https://gazette.example/${i}` }));
    const plan = planSitemap(entries);
    expect(plan.kind).toBe("index");
    if (plan.kind === "index") expect(plan.children.map((c) => c.length)).toEqual([50_000, 1]);
    expect(planSitemap(entries.slice(0, 50_000)).kind).toBe("urlset");
  });
});

describe("childSitemapNumber", () => {
  it("accepts only <n>.xml with a positive n", () => {
    expect(childSitemapNumber("1.xml")).toBe(1);
    expect(childSitemapNumber("12.xml")).toBe(12);
    for (const bad of ["0.xml", "01.xml", "-1.xml", "1", "a.xml", "1.xml.gz"]) expect(childSitemapNumber(bad)).toBeNull();
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
