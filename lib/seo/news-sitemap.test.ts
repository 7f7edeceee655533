import { describe, expect, it } from "vitest";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { buildNewsSitemap, NEWS_MAX_URLS, newsArticles, newsLanguage } from "./news-sitemap";
import { hoursAgo, NOW, SITE } from "./test-fixtures";

const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "url" });

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml);
}

describe("buildNewsSitemap", () => {
  const articles = [
    hoursAgo("two-hours", 2, { title: "Fish & chips < 5 pounds" }),
    hoursAgo("almost-two-days", 47.9),
    hoursAgo("just-too-old", 48.1),
    hoursAgo("last-week", 24 * 7),
    hoursAgo("draft-today", 1, { status: "draft" }),
    hoursAgo("scheduled", -3),
  ];

  it("lists only visible articles published in the last 48 hours, newest first", () => {
    const urls = parse(buildNewsSitemap(SITE, articles, NOW)).urlset.url as { loc: string }[];
    expect(urls.map((u) => u.loc)).toEqual(["https://gazette.example/news/local/two-hours", "https://gazette.example/news/local/almost-two-days"]);
  });

  it("never lists a sponsored piece, however recent; every other kind of work is news to Google", () => {
    const kinds = [
      hoursAgo("paid-for", 1, { kind: "sponsored" }),
      hoursAgo("a-view", 2, { kind: "opinion" }),
      hoursAgo("a-review", 3, { kind: "review" }),
      hoursAgo("an-obituary", 4, { kind: "obituary" }),
    ];
    const slugs = newsArticles(kinds, NOW).map((a) => a.slug);
    expect(slugs).toEqual(["a-view", "a-review", "an-obituary"]);
    expect(buildNewsSitemap(SITE, kinds, NOW)).not.toContain("paid-for");
  });

  it("gives each entry its publication, date and title", () => {
    const doc = parse(buildNewsSitemap(SITE, articles, NOW)).urlset;
    expect(doc["@_xmlns:news"]).toBe("http://www.google.com/schemas/sitemap-news/0.9");
    expect(doc.url[0]["news:news"]).toEqual({
      "news:publication": { "news:name": "Test Gazette", "news:language": "en" },
      "news:publication_date": new Date(NOW.getTime() - 2 * 3_600_000).toISOString(),
      "news:title": "Fish & chips < 5 pounds",
    });
  });

  it("caps the list at 1,000 entries", () => {
    const lots = Array.from({ length: 1_200 }, (_, i) => hoursAgo(`story-${i}`, i / 100));
    const urls = parse(buildNewsSitemap(SITE, lots, NOW)).urlset.url as { loc: string }[];
    expect(urls).toHaveLength(NEWS_MAX_URLS);
    expect(urls[0].loc).toBe("https://gazette.example/news/local/story-0");
  });

  it("is still a valid, empty urlset when nothing is recent", () => {
    const xml = buildNewsSitemap(SITE, [hoursAgo("old", 100)], NOW);
    const doc = parse(xml);
    expect(doc.urlset).toBeDefined();
    expect(doc.urlset.url).toBeUndefined();
    expect(xml).toContain('xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"');
  });

  it("uses an ISO 639 language code", () => {
    expect(newsLanguage("en-GB")).toBe("en");
    expect(newsLanguage("zh-TW")).toBe("zh-tw");
    expect(newsLanguage("zh")).toBe("zh-cn");
  });

  it("takes the window from `now`, not the wall clock", () => {
    expect(newsArticles(articles, new Date(NOW.getTime() + 24 * 3_600_000)).map((a) => a.slug)).toEqual(["scheduled", "two-hours"]);
  });

  it("names the publication's language from site.yml (an Arabic edition: ar)", () => {
    const doc = parse(buildNewsSitemap({ ...SITE, language: "ar-u-nu-latn", name: "سجلّ المرفأ" }, [hoursAgo("recent", 2)], NOW));
    expect(doc.urlset.url[0]["news:news"]["news:publication"]).toEqual({ "news:name": "سجلّ المرفأ", "news:language": "ar" });
  });
});
