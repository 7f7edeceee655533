/** The response cache: which requests it may answer, what it keeps and for how long, what a publish drops. */
import { describe, expect, it } from "vitest";
import { cacheKey, ResponseCache, sharedMaxAge } from "./response-cache";

const req = (url: string, headers: Record<string, string> = {}, method = "GET") => ({ url, method, headers });

describe("which requests the response cache may answer", () => {
  it("plain reads of a page, never preview, RSC, queries, assets or APIs", () => {
    expect(cacheKey(req("/news/local/story"))).toBe("/news/local/story");
    expect(cacheKey(req("/news", {}, "HEAD"))).toBe("/news");
    expect(cacheKey(req("/news", {}, "POST"))).toBeNull();
    expect(cacheKey(req("/news?page=2"))).toBeNull();
    expect(cacheKey(req("/news", { rsc: "1" }))).toBeNull();
    expect(cacheKey(req("/news", { "next-router-prefetch": "1" }))).toBeNull();
    expect(cacheKey(req("/news", { cookie: "theme=dark; __prerender_bypass=abc" }))).toBeNull();
    expect(cacheKey(req("/news", { cookie: "theme=dark" }))).toBe("/news");
    expect(cacheKey(req("/_next/static/chunks/a.js"))).toBeNull();
    expect(cacheKey(req("/api/articles"))).toBeNull();
  });

  it("only what a shared cache may keep", () => {
    expect(sharedMaxAge("public, max-age=0, s-maxage=60, stale-while-revalidate=300")).toBe(60);
    expect(sharedMaxAge("public, max-age=300")).toBe(300);
    expect(sharedMaxAge("private, no-store")).toBe(0);
    expect(sharedMaxAge("no-cache")).toBe(0);
    expect(sharedMaxAge(undefined)).toBe(0);
  });
});

describe("the response cache", () => {
  const entry = (tags: string[], maxAge = 60) => ({ status: 200, headers: [], bodies: { br: Buffer.alloc(100), gzip: Buffer.alloc(120) }, version: "v1", tags, maxAge });

  it("serves a version until a publish expires one of its tags", () => {
    const cache = new ResponseCache();
    cache.set("/a", entry(["site", "article:a"]));
    cache.set("/b", entry(["site", "article:b"]));
    expect(cache.get("/a")?.version).toBe("v1");
    expect(cache.purge({ tags: ["article:a"] })).toBe(1);
    expect(cache.get("/a")).toBeUndefined();
    expect(cache.get("/b")).toBeDefined();
    expect(cache.purge({ tags: [], everything: true })).toBe(1);
    expect(cache.get("/b")).toBeUndefined();
  });

  it("after its lifetime, sends one request on for the next version and the previous one to the others", () => {
    let now = 0;
    const cache = new ResponseCache({ ttlMs: 10_000, graceMs: 60_000, now: () => now });
    cache.set("/a", entry(["site"], 60));
    now = 9_000;
    expect(cache.get("/a")).toBeDefined();
    now = 11_000;
    expect(cache.get("/a")).toBeUndefined(); // this one asks Next
    expect(cache.get("/a")).toBeDefined(); // the others keep the previous version meanwhile
    now = 11_000 + 60_001;
    expect(cache.get("/a")).toBeUndefined();
    expect(cache.stats().entries).toBe(0);
  });

  it("keeps its lifetime within the response's own shared lifetime", () => {
    let now = 0;
    const cache = new ResponseCache({ ttlMs: 10_000, now: () => now });
    cache.set("/a", entry(["site"], 2));
    now = 2_500;
    expect(cache.get("/a")).toBeUndefined();
  });

  it("stays within its byte budget, dropping the least recently used", () => {
    const cache = new ResponseCache({ maxBytes: 10 * 2268 });
    for (let i = 0; i < 20; i++) cache.set(`/p${i}`, entry(["site"]));
    expect(cache.stats().bytes).toBeLessThanOrEqual(10 * 2268);
    expect(cache.get("/p0")).toBeUndefined();
    expect(cache.get("/p19")).toBeDefined();
  });

  it("does not store an answer made across a purge, nor one that may have shared its render", () => {
    const cache = new ResponseCache();
    const a = cache.begin("/a");
    const other = cache.begin("/b");
    cache.purge({ tags: ["article:a"] });
    // Asked after the purge while a render begun before it was under way: Next may give it that render.
    const b = cache.begin("/a");
    expect(cache.set("/a", { ...entry(["site"]), flight: a })).toBe(false);
    cache.end(a);
    // The older request ended first: the one that may have shared its render is still not kept.
    expect(cache.set("/a", { ...entry(["site"]), flight: b })).toBe(false);
    cache.end(b);
    // Begun after the purge, alone: kept.
    const c = cache.begin("/a");
    expect(cache.set("/a", { ...entry(["site"]), flight: c })).toBe(true);
    // Another address is judged by its own requests: one begun before the purge is still under way there.
    const d = cache.begin("/b");
    expect(cache.set("/b", { ...entry(["site"]), flight: d })).toBe(false);
    cache.end(other);
    cache.end(d);
    const e = cache.begin("/b");
    expect(cache.set("/b", { ...entry(["site"]), flight: e })).toBe(true);
    for (const f of [c, e]) cache.end(f);
    expect(cache.stats()).toMatchObject({ notKept: 3, underWay: 0 });
  });
});
