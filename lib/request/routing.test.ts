import { describe, expect, it } from "vitest";
import { MarkdownSource } from "../sources/markdown/source";
import { makeContentDir, validArticle } from "../../tests/fixture";
import { cachePolicy, decide, internalRoute, pageTags, resolveRequest, splitPage, type Resolution } from "./routing";
import { addArticle, emptyPlan } from "../publishing/plan";
import { deltaHeaders } from "../live/delta";
import { liveState } from "../pages/live-view";
import { TAGS_HEADER } from "./cache-tags";

const dir = makeContentDir({
  "articles/first-story.md": validArticle({ title: "First story", tags: ["Harbour", "Food & drink", "Café culture"], redirectFrom: ["old-first"] }),
  "articles/local-story.md": validArticle({ title: "Local story", section: "news/local", publishedAt: "2026-01-11T09:00:00Z" }),
  "articles/draft-story.md": validArticle({ title: "Draft", status: "draft", tags: ["Secret"] }),
  "articles/fixed-story.md": validArticle({ title: "Fixed", extra: "corrections:\n  - { date: 2026-01-12, text: A name was misspelt. }" }),
  "pages/about.md": "---\ntitle: About us\n---\nWho we are.\n",
  "articles/future-story.md": validArticle({ title: "Future", publishedAt: "2099-01-01T09:00:00Z", tags: ["Later"] }),
  ...Object.fromEntries(
    Array.from({ length: 14 }, (_, i) => [`articles/sport-${i + 1}.md`, validArticle({ title: `Sport ${i + 1}`, section: "sport", authors: ["bob"] })]),
  ),
});
const source = new MarkdownSource(dir);
const resolve = (path: string, preview = false) => resolveRequest(path, { source, preview });

describe("resolveRequest", () => {
  it("resolves home, sections, articles, authors and tags", async () => {
    expect((await resolve("/")).kind).toBe("home");
    expect(await resolve("/news")).toMatchObject({ kind: "section", page: 1, section: { path: "news" } });
    expect(await resolve("/news/world-news")).toMatchObject({ kind: "section", section: { path: "news/world-news" } });
    expect(await resolve("/news/world-news/first-story")).toMatchObject({ kind: "article", article: { slug: "first-story" } });
    expect(await resolve("/authors/ann")).toMatchObject({ kind: "author", page: 1, author: { slug: "ann" } });
    expect(await resolve("/tags/harbour")).toMatchObject({ kind: "tag", page: 1, tag: { slug: "harbour" } });
  });

  it("answers a tag's link exactly as the article links it, whatever its name", async () => {
    const article = (await source.getArticleBySlug("first-story"))!;
    for (const tag of article.tags) {
      const href = `/tags/${encodeURIComponent(tag.slug)}`;
      expect(await resolve(href), href).toMatchObject({ kind: "tag", tag: { slug: tag.slug } });
    }
    expect(article.tags.map((t) => t.slug)).toEqual(["harbour", "food-drink", "café-culture"]);
  });

  it("redirects to the canonical URL: wrong section, old slug, /page/1", async () => {
    expect(await resolve("/sport/first-story")).toEqual({ kind: "redirect", to: "/news/world-news/first-story" });
    expect(await resolve("/news/world-news/old-first")).toEqual({ kind: "redirect", to: "/news/world-news/first-story" });
    expect(await resolve("/sport/page/1")).toEqual({ kind: "redirect", to: "/sport" });
    expect(await resolve("/authors/bob/page/1")).toEqual({ kind: "redirect", to: "/authors/bob" });
    expect(await resolve("/tags/caf%C3%A9-culture/page/1")).toEqual({ kind: "redirect", to: "/tags/caf%C3%A9-culture" });
  });

  it("paginates in the path and 404s past the end or malformed", async () => {
    expect(await resolve("/sport/page/2")).toMatchObject({ kind: "section", page: 2 });
    expect(await resolve("/authors/bob/page/2")).toMatchObject({ kind: "author", page: 2 });
    for (const path of ["/sport/page/3", "/sport/page/0", "/sport/page/-1", "/sport/page/x", "/sport/page/1234567", "/authors/bob/page/3", "/tags/harbour/page/2"]) {
      expect((await resolve(path)).kind, path).toBe("notFound");
    }
  });

  it("404s unknown, malformed and internal paths", async () => {
    for (const path of ["/nope", "/news/nope", "/authors/nobody", "/tags/nothing", "/tags/secret", "/authors/ann/extra", "/news/%E0%A4%A", "/NEWS", "/_next/rt-123", "/article-pages/first-story", "/section-pages/1/news", "/author-pages/ann/1", "/tag-pages/harbour/1", "/status-pages/unavailable", "/_not-found"]) {
      expect((await resolve(path)).kind, path).toBe("notFound");
    }
  });

  it("keeps drafts and scheduled articles for preview, and says when a scheduled one goes live", async () => {
    expect(await resolve("/news/world-news/draft-story")).toEqual({ kind: "notFound" });
    expect(await resolve("/news/world-news/future-story")).toEqual({ kind: "notFound", until: "2099-01-01T09:00:00.000Z" });
    expect((await resolve("/news/world-news/draft-story", true)).kind).toBe("article");
    expect((await resolve("/news/world-news/future-story", true)).kind).toBe("article");
  });
});

describe("standing pages and corrections", () => {
  it("resolves /<page slug> and /corrections, paginated in the path", async () => {
    expect(await resolve("/about")).toMatchObject({ kind: "page", page: { slug: "about" } });
    expect(await resolve("/corrections")).toEqual({ kind: "corrections", page: 1 });
    expect(await resolve("/corrections/page/1")).toEqual({ kind: "redirect", to: "/corrections" });
    for (const path of ["/corrections/page/2", "/about/page/2", "/about/more", "/nope"]) expect((await resolve(path)).kind, path).toBe("notFound");
    expect(internalRoute(await resolve("/about"))).toBe("/standing-pages/about");
    expect(internalRoute(await resolve("/corrections"))).toBe("/correction-pages/1");
    expect(pageTags(await resolve("/about"))).toEqual(["site", "page:about"]);
    expect(pageTags(await resolve("/corrections"))).toEqual(["site", "corrections"]);
  });
});

describe("splitPage", () => {
  it("parses the page part of a path", () => {
    expect(splitPage(["news", "page", "2"])).toEqual({ base: ["news"], page: 2, explicitFirst: false });
    expect(splitPage(["news", "page", "1"])).toEqual({ base: ["news"], page: 1, explicitFirst: true });
    expect(splitPage(["news"])).toEqual({ base: ["news"], page: 1, explicitFirst: false });
    expect(splitPage(["news", "page", "02"])).toBeNull();
  });
});

describe("what the proxy does with an answer", () => {
  const now = new Date("2099-01-01T08:59:50Z");
  it("rewrites to the internal route, with a shared lifetime and the page's tags", async () => {
    const article = await resolve("/news/world-news/first-story");
    expect(internalRoute(article)).toBe("/article-pages/first-story");
    expect(internalRoute(await resolve("/sport/page/2"))).toBe("/section-pages/2/sport");
    expect(internalRoute(await resolve("/tags/caf%C3%A9-culture"))).toBe("/tag-pages/caf%C3%A9-culture/1");
    expect(decide(article, false)).toEqual({
      status: 200,
      rewrite: "/article-pages/first-story",
      cacheControl: "public, max-age=0, s-maxage=60, stale-while-revalidate=300, stale-if-error=86400",
      tags: ["site", "article:first-story"],
    });
    expect(pageTags(await resolve("/news"))).toEqual(["site", "section:news"]);
    expect(pageTags({ kind: "home" })).toEqual(["site", "home"]);
  });

  it("never lets a cache keep a 404 past a scheduled article's publication, nor anything in preview", () => {
    const scheduled: Resolution = { kind: "notFound", until: "2099-01-01T09:00:00.000Z" };
    expect(cachePolicy(scheduled, { now })).toBe("public, max-age=0, s-maxage=10");
    expect(cachePolicy(scheduled, { now: new Date("2099-01-01T08:59:59.500Z") })).toBe("no-store");
    expect(cachePolicy({ kind: "notFound" })).toBe("public, max-age=0, s-maxage=30");
    expect(cachePolicy({ kind: "home" }, { preview: true })).toBe("private, no-store");
    expect(decide({ kind: "home" }, true).tags).toEqual([]);
    expect(decide({ kind: "redirect", to: "/x" }, false)).toMatchObject({ status: 301, location: "/x" });
  });
});

describe("live blogs", () => {
  const minute = (m: number) => new Date(Date.parse("2026-01-10T06:00:00Z") + m * 60_000).toISOString();
  const update = (fm: string) => `---\n${fm}\n---\nThe wind picked up along the quay.\n`;
  const liveDir = makeContentDir({
    "articles/storm-live.md": validArticle({ title: "Storm live", publishedAt: "2026-01-10T06:00:00Z", extra: "live: true" }),
    "articles/vote-live.md": validArticle({ title: "Vote live", section: "news/local", publishedAt: "2026-01-09T18:00:00Z", extra: "live: true\nliveEndedAt: 2026-01-09T22:00:00Z\nredirectFrom: [council-vote-live]" }),
    "articles/soon-over.md": validArticle({ title: "Ends later", publishedAt: "2026-01-10T06:00:00Z", extra: "live: true\nliveEndedAt: 2099-01-01T00:00:00Z" }),
    "live/storm-live/pin.md": update(`publishedAt: ${minute(1)}\npinned: true`),
    // 21 more: the oldest ten fill page 2, the newest eleven stay on the article URL.
    ...Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`live/storm-live/u${String(i + 1).padStart(2, "0")}.md`, update(`publishedAt: ${minute(10 + i)}`)])),
    // A draft and a future update count for preview only: with them, preview has a page 3.
    ...Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`live/storm-live/draft-${i}.md`, update(`publishedAt: ${minute(40 + i)}\nstatus: draft`)])),
    "live/storm-live/later.md": update("publishedAt: 2099-01-01T00:00:00Z"),
    "live/vote-live/only.md": update("publishedAt: 2026-01-09T18:05:00Z"),
  });
  const liveSource = new MarkdownSource(liveDir);
  const at = (path: string, preview = false) => resolveRequest(path, { source: liveSource, preview });

  it("resolves the article URL and its archived pages, counted from the start of the coverage", async () => {
    expect(await at("/news/world-news/storm-live")).toMatchObject({ kind: "live", page: 1, article: { slug: "storm-live" } });
    expect(await at("/news/world-news/storm-live/page/2")).toMatchObject({ kind: "live", page: 2 });
    expect(await at("/news/world-news/storm-live/page/1")).toEqual({ kind: "redirect", to: "/news/world-news/storm-live" });
    expect(await at("/news/local/vote-live")).toMatchObject({ kind: "live", page: 1 });
    for (const path of ["/news/world-news/storm-live/page/3", "/news/world-news/storm-live/page/0", "/news/local/vote-live/page/2", "/news/world-news/storm-live/page/x", "/news/world-news/storm-live/more"]) {
      expect((await at(path)).kind, path).toBe("notFound");
    }
    // Drafts make more pages in preview only.
    expect(await at("/news/world-news/storm-live/page/3", true)).toMatchObject({ kind: "live", page: 3 });
  });

  it("redirects a wrong section or an old slug to the same page of the live blog", async () => {
    expect(await at("/sport/storm-live/page/2")).toEqual({ kind: "redirect", to: "/news/world-news/storm-live/page/2" });
    expect(await at("/sport/storm-live")).toEqual({ kind: "redirect", to: "/news/world-news/storm-live" });
    expect(await at("/news/local/council-vote-live")).toEqual({ kind: "redirect", to: "/news/local/vote-live" });
    expect((await at("/sport/storm-live/page/9")).kind).toBe("notFound");
  });

  it("gives ordinary articles and standing pages no pages", async () => {
    expect((await at("/news/world-news/first-story/page/2")).kind).toBe("notFound");
    expect((await at("/news/world-news/first-story/page/1")).kind).toBe("notFound");
    expect((await resolve("/about/page/2")).kind).toBe("notFound");
  });

  it("renders on its own internal route, tagged with the article", async () => {
    const front = await at("/news/world-news/storm-live");
    expect(internalRoute(front)).toBe("/live-pages/storm-live/1");
    expect(internalRoute(await at("/news/world-news/storm-live/page/2"))).toBe("/live-pages/storm-live/2");
    expect(pageTags(front)).toEqual(["site", "article:storm-live"]);
    expect(decide(front, false)).toMatchObject({ status: 200, rewrite: "/live-pages/storm-live/1", tags: ["site", "article:storm-live"] });
    expect((await resolve("/live-pages/storm-live/1")).kind).toBe("notFound");
  });

  it("is refreshed page by page by the webhook, and its delta endpoint carries the tag the webhook expires", async () => {
    const article = (await liveSource.getArticleBySlug("storm-live"))!;
    const plan = emptyPlan();
    await addArticle(plan, liveSource, article);
    expect([...plan.paths]).toEqual(expect.arrayContaining(["/live-pages/storm-live/1", "/live-pages/storm-live/2", "/live-pages/storm-live/3"]));
    expect(plan.tags.has("article:storm-live")).toBe(true);
    const state = liveState(article, (await liveSource.getLiveUpdates("storm-live"))!, { now: new Date("2026-01-10T12:00:00Z") });
    expect(deltaHeaders(state)[TAGS_HEADER].split(" ")).toEqual(["site", "article:storm-live"]);
    expect(deltaHeaders(state)["Cache-Control"]).toBe("public, max-age=0, s-maxage=5, stale-while-revalidate=5, stale-if-error=86400");
    expect(deltaHeaders(state, { preview: true })).toEqual({ "Cache-Control": "private, no-store" });
  });

  it("keeps a running blog's front page a few seconds; its archived pages and ended blogs like any article", async () => {
    const now = new Date("2026-01-10T12:00:00Z");
    const running = "public, max-age=0, s-maxage=5, stale-while-revalidate=5, stale-if-error=86400";
    const article = "public, max-age=0, s-maxage=60, stale-while-revalidate=300, stale-if-error=86400";
    expect(cachePolicy(await at("/news/world-news/storm-live"), { now })).toBe(running);
    expect(cachePolicy(await at("/news/world-news/soon-over"), { now })).toBe(running);
    expect(cachePolicy(await at("/news/world-news/storm-live/page/2"), { now })).toBe(article);
    expect(cachePolicy(await at("/news/local/vote-live"), { now })).toBe(article);
    expect(cachePolicy(await at("/news/world-news/storm-live"), { now, preview: true })).toBe("private, no-store");
  });
});
