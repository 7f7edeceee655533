import { describe, expect, it } from "vitest";
import { wordpressPost } from "../../../tests/wordpress-post";
import { WordPressSource } from "./source";
import type { CacheFunction } from "./client";
import { clearResolutionCache } from "../../request/resolution-cache";

const json = (body: unknown, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json", ...headers } });
const noCache: CacheFunction = (load) => load;

/** A WordPress answering categories, one post, its author and media, recording what it was asked. */
function fakeWordPress(content: string) {
  const asked: string[] = [];
  const fetch = (async (input: string | URL | Request) => {
    const url = new URL(String(input));
    asked.push(`${url.pathname}${url.search}`);
    if (url.pathname.endsWith("/categories")) return json([{ id: 2, slug: "news", name: "News", parent: 0, count: 1 }], { "X-WP-Total": "1", "X-WP-TotalPages": "1" });
    if (url.pathname.endsWith("/users")) return json([{ id: 1, slug: "ann", name: "Ann" }]);
    if (url.pathname.endsWith("/tags")) return json([]);
    if (url.pathname.endsWith("/media")) {
      return json([{ id: 31, source_url: "https://cms.example/wp-content/uploads/old.jpg", media_details: { width: 1600, height: 1067 } }]);
    }
    // As WordPress does: the author embedded when `_embed` asks for it.
    return json([wordpressPost(content, { embedded: url.searchParams.has("_embed") })]);
  }) as typeof globalThis.fetch;
  return { fetch, asked };
}

describe("WordPress source: body media", () => {
  it("asks WordPress for the media details of body images it sent without a size, once, and sizes them", async () => {
    const { fetch, asked } = fakeWordPress('<p>Text.</p><img src="https://cms.example/wp-content/uploads/old.jpg" alt="Old" class="wp-image-31">');
    const warnings: string[] = [];
    const source = new WordPressSource({ url: "https://cms.example", fetch, cache: noCache, sleep: async () => {}, warn: (m) => warnings.push(m) });
    const article = (await source.getArticleBySlug("old-post"))!;
    expect(article.body).toContain('width="1600" height="1067"');
    expect(asked.filter((a) => a.startsWith("/wp-json/wp/v2/media"))).toEqual(["/wp-json/wp/v2/media?include=31&per_page=1"]);
    expect(warnings).toEqual([]);
  });

  it("reads a page of posts' authors with one request for the page, not WordPress's _embed per post", async () => {
    const { fetch, asked } = fakeWordPress("<p>Text.</p>");
    const source = new WordPressSource({ url: "https://cms.example", fetch, cache: noCache, sleep: async () => {}, warn: () => {} });
    const list = await source.listArticles({ perPage: 20 });
    expect(list.items.map((a) => [a.slug, a.authors.map((au) => au.name)])).toEqual([["old-post", ["Ann"]]]);
    expect(asked.filter((a) => a.startsWith("/wp-json/wp/v2/posts"))).toEqual(["/wp-json/wp/v2/posts?orderby=date&order=desc&page=1&per_page=20"]);
    expect(asked.filter((a) => a.startsWith("/wp-json/wp/v2/users"))).toEqual(["/wp-json/wp/v2/users?include=1&per_page=1"]);
    // One post (an article page) is one round trip: there WordPress embeds.
    await source.getArticleBySlug("old-post");
    expect(asked.filter((a) => a.includes("_embed"))).toHaveLength(1);
  });

  it("answers a list's last update from the posts' dates alone, with the author's id from the authors list just read", async () => {
    const { fetch, asked } = fakeWordPress("<p>Text.</p>");
    const source = new WordPressSource({ url: "https://cms.example", fetch, cache: noCache, sleep: async () => {}, warn: () => {} });
    expect((await source.getAuthors()).map((a) => a.slug)).toEqual(["ann"]);
    expect(await source.lastUpdated({ author: "ann" })).toBe("2026-10-01T08:00:00.000Z");
    const posts = asked.filter((a) => a.startsWith("/wp-json/wp/v2/posts"));
    expect(posts).toHaveLength(1);
    expect(new URL(`https://cms.example${posts[0]}`).searchParams.get("_fields")).toContain("modified_gmt");
    expect(posts[0]).not.toContain("_embed");
    // No lookup of ann's id: the authors list had it.
    expect(asked.filter((a) => a.startsWith("/wp-json/wp/v2/users?") && a.includes("slug="))).toEqual([]);
    expect(await source.lastUpdated({ author: "nobody" })).toBeNull();
    // The id is one of the memos the webhook clears: after a publish it is looked up again.
    clearResolutionCache();
    expect(await source.lastUpdated({ author: "ann" })).toBe("2026-10-01T08:00:00.000Z");
    expect(asked.filter((a) => a.startsWith("/wp-json/wp/v2/users?") && a.includes("slug=ann"))).toHaveLength(1);
  });

  it("asks nothing more when WordPress sent the sizes, and logs an unknown embed once per post", async () => {
    const { fetch, asked } = fakeWordPress('<p>Text.</p><img src="https://cms.example/u/a.jpg" width="10" height="10" alt="" class="wp-image-31"><iframe src="https://ads.example/x"></iframe>');
    const warnings: string[] = [];
    const source = new WordPressSource({ url: "https://cms.example", fetch, cache: noCache, sleep: async () => {}, warn: (m) => warnings.push(m) });
    await source.getArticleBySlug("old-post");
    await source.getArticleBySlug("old-post");
    expect(asked.some((a) => a.includes("/media"))).toBe(false);
    expect(warnings).toEqual(['WordPress post 8 "old-post": an <iframe> from ads.example is shown as a link']);
  });
});
