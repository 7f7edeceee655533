/** The production server's pure parts (scripts/server/*.mjs): what a page is stored and sent as. */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cacheKey, ResponseCache, sharedMaxAge } from "../scripts/server/response-cache.mjs";
import { etagFor, extendDirective, inlineScriptHashes, matchesIfNoneMatch, pagePolicy, settleStatusAndPolicy } from "../scripts/server/finish.mjs";
import { negotiate } from "../scripts/server/encoding.mjs";
import { malformedPath, trailingSlash } from "../scripts/server/urls.mjs";
import { ownAnswers } from "../scripts/server/own-answers.mjs";

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
});

describe("finishing a response", () => {
  const fakeRes = (status: number, headers: Record<string, string>) => {
    const h = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    return {
      statusCode: status,
      getHeader: (n: string) => h.get(n.toLowerCase()),
      setHeader: (n: string, v: string) => h.set(n.toLowerCase(), v),
      removeHeader: (n: string) => h.delete(n.toLowerCase()),
      h,
    };
  };

  it("turns the proxy's policy into Cache-Control, and never keeps a 404 long", () => {
    const page = fakeRes(200, { "cache-control": "s-maxage=31536000", "x-masthead-cache-control": "public, max-age=0, s-maxage=60" });
    settleStatusAndPolicy(page);
    expect(page.h.get("cache-control")).toBe("public, max-age=0, s-maxage=60");
    expect(page.h.has("x-masthead-cache-control")).toBe(false);
    const missing = fakeRes(404, { "cache-control": "s-maxage=31536000, stale-while-revalidate", "surrogate-key": "site" });
    settleStatusAndPolicy(missing);
    expect(missing.h.get("cache-control")).toBe("public, max-age=0, s-maxage=30");
    // Kept: a publish at that address must purge the 404 from the edge (issue 27, item 6).
    expect(missing.h.get("surrogate-key")).toBe("site");
    const api404 = fakeRes(404, { "cache-control": "no-store" });
    settleStatusAndPolicy(api404);
    expect(api404.h.get("cache-control")).toBe("no-store");
  });

  it("answers a failed render with 503, Retry-After and no-store, whatever the client asked", () => {
    const failed = fakeRes(500, { "cache-control": "s-maxage=60", "x-masthead-cache-control": "public, s-maxage=60" });
    settleStatusAndPolicy(failed);
    expect(failed.statusCode).toBe(503);
    expect(failed.h.get("retry-after")).toBe("30");
    expect(failed.h.get("cache-control")).toBe("no-store");
  });

  it("lists exactly the executable inline scripts of the page in its CSP", () => {
    const html = `<script>a()</script><script type="application/ld+json">{"x":1}</script><script src="/x.js"></script><script type="module">b()</script>`;
    // The hashes of exactly `a()` and `b()`, the two bodies a browser would execute — not the JSON-LD.
    const [a, b] = ["a()", "b()"].map((body) => `'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);
    expect(inlineScriptHashes(html)).toEqual([a, b]);
    const csp = pagePolicy("default-src 'self'; script-src 'self' 'sha256-x'; frame-src 'none'", html);
    expect(csp).toBe(`default-src 'self'; script-src 'self' 'sha256-x' ${a} ${b}; frame-src 'none'`);
    expect(extendDirective("frame-src 'none'", "frame-src", ["https://a.example"])).toBe("frame-src https://a.example");
    expect(extendDirective("script-src 'self' 'sha256-x'", "script-src", ["'sha256-x'"])).toBe("script-src 'self' 'sha256-x'");
  });

  it("gives each encoding its own ETag and matches If-None-Match", () => {
    expect(etagFor("abc", "br")).toBe('"abc-br"');
    expect(etagFor("abc", "gzip")).toBe('"abc-gz"');
    expect(etagFor("abc", null)).toBe('"abc"');
    expect(matchesIfNoneMatch('"x", W/"abc-br"', '"abc-br"')).toBe(true);
    expect(matchesIfNoneMatch('"abc-gz"', '"abc-br"')).toBe(false);
  });

  it("negotiates br, then gzip, honouring q=0", () => {
    expect(negotiate("gzip, deflate, br")).toBe("br");
    expect(negotiate("gzip")).toBe("gzip");
    expect(negotiate("br;q=0, gzip")).toBe("gzip");
    expect(negotiate("identity")).toBeNull();
    expect(negotiate(undefined)).toBeNull();
    expect(negotiate("*")).toBe("br");
  });
});

describe("addresses the server answers itself", () => {
  it("redirects a trailing slash to the canonical path, never off-site", () => {
    expect(trailingSlash("/news/")).toBe("/news");
    expect(trailingSlash("/news/?a=1")).toBe("/news?a=1");
    expect(trailingSlash("//evil.example/")).toBe("/evil.example");
    expect(trailingSlash("/")).toBeNull();
    expect(trailingSlash("/news")).toBeNull();
  });

  it("refuses paths that are not UTF-8", () => {
    expect(malformedPath("/caf%C3%A9")).toBe(false);
    expect(malformedPath("/%E0%A4%A")).toBe(true);
  });
});

describe("the start-up warm-up (scripts/server/warm-up.mjs)", () => {
  it("loads the webhook, then re-renders the home page, the newest ordinary article and its section, never storing them", async () => {
    const { createServer } = await import("node:http");
    const fs = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const { warmUp } = await import("../scripts/server/warm-up.mjs");
    const distDir = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-warm-up-"));
    fs.writeFileSync(path.join(distDir, "prerender-manifest.json"), JSON.stringify({ preview: { previewModeId: "the-build-id" } }));
    const seen: { url: string; revalidate?: string }[] = [];
    const server = createServer((request, response) => {
      seen.push({ url: request.url ?? "", revalidate: request.headers["x-prerender-revalidate"] as string | undefined });
      if (request.url === "/api/revalidate") return response.writeHead(405).end();
      if (request.url?.startsWith("/api/articles")) return response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ items: [{ slug: "storm-live", url: "/news/local/storm-live", liveLabel: "Live" }, { slug: "gone", url: "/news/gone" }, { slug: "harbour-wall", url: "/news/local/harbour-wall" }] }));
      if (request.url?.startsWith("/article-pages/gone")) return response.writeHead(404).end();
      response.writeHead(200, { "content-type": "text/html" }).end("<p>page</p>");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as { port: number };
      expect(await warmUp({ base: `http://127.0.0.1:${port}`, distDir })).toEqual({ pages: ["/", "/article-pages/harbour-wall", "/section-pages/1/news/local"] });
    } finally {
      server.close();
    }
    expect(seen).toEqual([
      { url: "/api/revalidate" },
      // A query string: the response cache of scripts/server.mjs never stores these answers.
      { url: "/?warm-up", revalidate: "the-build-id" },
      { url: "/api/articles?limit=10" },
      // Internal routes (Next runs no proxy for a revalidation); a running live blog is skipped, an
      // article that is not there is passed over.
      { url: "/article-pages/gone?warm-up", revalidate: "the-build-id" },
      { url: "/article-pages/harbour-wall?warm-up", revalidate: "the-build-id" },
      { url: "/section-pages/1/news/local?warm-up", revalidate: "the-build-id" },
    ]);
    expect(cacheKey(req("/?warm-up"))).toBeNull();
  });
});

describe("the server's Node flags (scripts/server/node-args.mjs)", () => {
  it("caps V8's heap at 256 MB unless told otherwise, and refuses nonsense", async () => {
    const { serverNodeArgs } = await import("../scripts/server/node-args.mjs");
    expect(serverNodeArgs({})).toEqual(["--max-old-space-size=256"]);
    expect(serverNodeArgs({ MASTHEAD_HEAP_MB: "512" })).toEqual(["--max-old-space-size=512"]);
    expect(serverNodeArgs({ MASTHEAD_HEAP_MB: "0" })).toEqual([]);
    expect(serverNodeArgs({ NODE_OPTIONS: "--max-old-space-size=1024" })).toEqual([]);
    expect(() => serverNodeArgs({ MASTHEAD_HEAP_MB: "64" })).toThrow(/MASTHEAD_HEAP_MB/);
    expect(() => serverNodeArgs({ MASTHEAD_HEAP_MB: "lots" })).toThrow(/MASTHEAD_HEAP_MB/);
  });
});

describe("the server's own answers (400, 405, 301, Node's rejections)", () => {
  /** An app folder with two builds whose site-wide headers differ, as the English and Arabic sites' do. */
  function twoBuilds(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-own-"));
    for (const [dist, policy] of [[".next", "default-src 'self'; form-action https://en.example"], [".next-ar", "default-src 'self'; form-action https://ar.example"]]) {
      fs.mkdirSync(path.join(dir, dist));
      const headers = [{ source: "/:path*", regex: "^(?:/(.*))?$", headers: [{ key: "Content-Security-Policy", value: policy }, { key: "X-Frame-Options", value: "DENY" }] }];
      fs.writeFileSync(path.join(dir, dist, "routes-manifest.json"), JSON.stringify({ headers }));
    }
    return dir;
  }
  afterEach(() => {
    delete process.env.MASTHEAD_DIST_DIR;
  });

  it("carry the security headers of the build being served (MASTHEAD_DIST_DIR), never another's", () => {
    const dir = twoBuilds();
    expect(ownAnswers(dir).headers()["content-security-policy"]).toContain("https://en.example");
    process.env.MASTHEAD_DIST_DIR = ".next-ar";
    const headers = ownAnswers(dir).headers();
    expect(headers["content-security-policy"]).toBe("default-src 'self'; form-action https://ar.example");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["cache-control"]).toBe("no-store");
  });

  it("fall back to a closed policy when the build has no manifest", () => {
    process.env.MASTHEAD_DIST_DIR = ".next-missing";
    expect(ownAnswers(twoBuilds()).headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});
