import { describe, expect, it } from "vitest";
import type { ContentSource } from "../sources/types";
import { WordPressSource } from "../sources/wordpress/source";
import { MarkdownSource } from "../sources/markdown/source";
import { isLargeArchive, loadPagesSitemap } from "./load";
import { makeContentDir, validArticle } from "../../tests/fixture";

/** A source with `total` visible articles that keeps up to `max` in one sitemap. */
const archive = (total: number, max: number) =>
  ({ sitemapSingleMax: max, listArticles: async () => ({ items: [], page: 1, perPage: 1, total, totalPages: total }) }) as unknown as ContentSource;

describe("when /sitemap.xml becomes an index of months", () => {
  it("follows what the source reads cheaply in one request: 5,000 from the markdown index, one REST page from WordPress", async () => {
    expect(await isLargeArchive(archive(100, 100))).toBe(false);
    expect(await isLargeArchive(archive(101, 100))).toBe(true);
    expect(new MarkdownSource("content").sitemapSingleMax).toBe(5000);
    // 3,000 WordPress posts were one urlset read 50 at a time: 17 s for the first crawler.
    expect(new WordPressSource({ url: "https://cms.example" }).sitemapSingleMax).toBe(100);
  });
});

describe("the pages child of the sitemap index", () => {
  it("writes a tag's URL percent-encoded, as tagPath does and as the tag page is addressed", async () => {
    const source = new MarkdownSource(makeContentDir({ "articles/cafe.md": validArticle({ title: "Café", tags: ["Café culture"] }) }));
    const xml = await loadPagesSitemap(source);
    expect(xml).toContain("/tags/caf%C3%A9-culture</loc>");
    expect(xml).not.toContain("/tags/café");
  });
});
