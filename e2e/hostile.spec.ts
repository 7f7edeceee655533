/**
 * Issue 27, "Hostile traffic, round three", at the origin (server/main.ts): bodies on pages, dot
 * segments, backslashes and long paths, internal headers, cache-busting queries, search under load,
 * encoded unreserved characters, and what the server tells caches about API answers and OG cards.
 * The same items through the shipped Varnish are in e2e-cluster/hostile-edge.spec.ts.
 */
import { expect, test } from "@playwright/test";
import net from "node:net";
import e2e from "./env.json";
import { startPrivateServer, type PrivateServer } from "./support/private-server";
import { parseAnswer, rawRequest, type RawAnswer } from "./support/raw-http";

const PORT = Number(process.env.E2E_PORT) || e2e.port;
const ARTICLE = "/news/world-news/calder-strait-ferry-strike";
const BROWSER = { Accept: "text/html,application/xhtml+xml", "Accept-Encoding": "br, gzip" };

interface Answer extends Omit<RawAnswer, "body" | "text"> {
  /** Whether the server answered before the whole body was sent. */
  early: boolean;
}

/**
 * Sends a request head and the first `sent` bytes of the body it announces, and resolves with the
 * answer as soon as its head arrives — without ever sending the rest.
 */
function answerBeforeBody(head: string, sent: Buffer, port = PORT): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let text = "";
    const done = () => {
      socket.destroy();
      const { status, head, headers } = parseAnswer(text);
      resolve({ status, head, headers, early: true });
    };
    socket.setTimeout(15_000, () => socket.destroy(new Error("no answer before the body")));
    socket.on("data", (c) => {
      text += c.toString("latin1");
      if (text.includes("\r\n\r\n")) done();
    });
    socket.on("error", reject);
    socket.on("close", () => (text ? done() : reject(new Error("closed without an answer"))));
    socket.write(head);
    socket.write(sent);
  });
}

/** One raw request (paths a URL library would normalise), the whole answer as latin1 text. */
async function raw(target: string, { method = "GET", headers = "", port = PORT } = {}): Promise<Answer & { body: string }> {
  return { ...(await rawRequest(port, target, { method, headers })), early: false };
}

test.describe("1. bodies: pages take none, and every body is bounded", () => {
  const TEN_MB = 10 * 1024 * 1024;
  for (const path of ["/news", ARTICLE, "/", "/search?q=harbour", "/og/calder-strait-ferry-strike.png", "/_next/image?url=%2Fcontent-images%2Fharbour-bridge.svg&w=640&q=75"]) {
    test(`a POST of 10 MB to ${path} is refused with 405 before its body is read`, async () => {
      const res = await answerBeforeBody(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\nContent-Length: ${TEN_MB}\r\n\r\n`, Buffer.alloc(1024, 0x41));
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe("GET, HEAD");
      expect(res.headers.connection).toBe("close");
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    });
  }

  test("PUT, PATCH, DELETE and OPTIONS on a page, chunked or not, are 405 too", async () => {
    for (const method of ["PUT", "PATCH", "DELETE", "OPTIONS"]) {
      const res = await answerBeforeBody(`${method} /news HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n`, Buffer.from("400\r\n" + "x".repeat(1024) + "\r\n"));
      expect(res.status, method).toBe(405);
    }
  });

  test("an API route never sees an announced body over 1 MB (413), and still takes a small one", async () => {
    const big = await answerBeforeBody(`POST /api/draft/exit HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${TEN_MB}\r\n\r\n`, Buffer.alloc(1024, 0x61));
    expect(big.status).toBe(413);
    expect(big.headers.connection).toBe("close");
    const small = await fetch(`http://127.0.0.1:${PORT}/api/draft/exit`, { method: "POST", body: new URLSearchParams({ returnTo: "/news" }), redirect: "manual" });
    expect(small.status).toBe(303);
    expect(small.headers.get("location")).toBe("/news");
  });

  test("the preview exit form reads at most 4 KB of a chunked body", async () => {
    const chunk = `800\r\n${"a".repeat(2048)}\r\n`;
    const res = await answerBeforeBody(`POST /api/draft/exit HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n`, Buffer.from(chunk.repeat(4)));
    expect(res.status).toBe(413);
  });
});

test.describe("7, 8. dot segments, backslashes and long paths are refused before routing", () => {
  for (const target of [
    "/_next/static/../../no-such-page",
    "/_next/static/%2e%2e/%2e%2e/no-such-page",
    "/_next/static/.%2E/.%2e/no-such-page",
    "/news/x/..",
    "/news/./world-news",
    "/news/..%2f..%2fpackage.json",
    "/og/%2E%2E/x.png",
  ]) {
    test(`dot segments: ${target} → 400, not cached, no internal header`, async () => {
      const res = await raw(target);
      expect(res.status).toBe(400);
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(res.headers["x-masthead-cache-control"]).toBeUndefined();
      expect(res.headers["content-security-policy"]).toContain("default-src");
    });
  }

  for (const target of ["/\\evil.example/", "/%5Cevil.example/", "/news/\\\\evil.example", "/%5c%5cevil.example"]) {
    test(`a backslash is refused, never copied into a Location: ${target}`, async () => {
      const res = await raw(target);
      expect(res.status).toBe(400);
      expect(res.headers.location).toBeUndefined();
    });
  }

  test("a 10 KB path is a 414, and no redirect ever carries more than 4 KB", async () => {
    const long = await raw(`/${"a".repeat(10_000)}/`);
    expect(long.status).toBe(414);
    expect(long.headers.location).toBeUndefined();
    const query = await raw(`/news/?${"utm_source=x&".repeat(400)}`);
    expect(query.status).toBe(414);
    // A legitimate trailing slash is still redirected to the one address, query kept.
    const slash = await raw("/news/?utm_source=x");
    expect(slash.status).toBe(301);
    expect(slash.headers.location).toBe("/news?utm_source=x");
  });
});

test.describe("9. internal headers never reach readers", () => {
  let server: PrivateServer;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    // As in production: without MASTHEAD_DEBUG_HEADERS (the shared e2e server has it on).
    server = await startPrivateServer({ portOffset: 5, env: { MASTHEAD_DEBUG_HEADERS: "0", MASTHEAD_WARM_UP: "0" } });
  });
  test.afterAll(async () => server?.stop());

  test("pages, 404s, rewrites and assets carry none of Next's or Masthead's internal headers", async () => {
    const port = Number(new URL(server.base).port);
    const internal = /^(x-middleware-|x-nextjs-|x-matched-path|x-masthead-|x-invoke-)/;
    for (const target of [ARTICLE, ARTICLE, "/news", "/", "/authors/maren-okafor", "/tags/harbour", "/no-such-page", "/search?q=harbour", "/api/articles", "/og/calder-strait-ferry-strike.png", "/feed.xml"]) {
      const res = await raw(target, { headers: "Accept: text/html\r\nAccept-Encoding: br\r\n", port });
      expect(res.status, target).toBeLessThan(500);
      const leaked = Object.keys(res.headers).filter((name) => internal.test(name));
      expect(leaked, target).toEqual([]);
    }
  });

  test("client-side navigations still get the headers Next's router reads", async () => {
    const res = await fetch(`${server.base}${ARTICLE}`, { headers: { RSC: "1" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-middleware-rewrite")).toBeNull();
    expect(res.headers.get("x-matched-path")).toBeNull();
    expect(res.headers.get("x-masthead-cache-control")).toBeNull();
  });
});

test.describe("3. a query string no page reads never busts the cache", () => {
  test("an article with utm_*, fbclid or cb=N is the cached version of the article", async ({ request }) => {
    const plain = await request.get(ARTICLE, { headers: BROWSER });
    expect(plain.status()).toBe(200);
    for (const query of ["cb=1", "cb=2", "utm_source=x&utm_medium=y", "fbclid=abc", "_rsc=zzz", "x=%00", "page=2"]) {
      const res = await request.get(`${ARTICLE}?${query}`, { headers: BROWSER });
      expect(res.status(), query).toBe(200);
      // Answered under the page's own key: a hit, or the one refresh when its 10 s are over — never
      // "bypass" (before: every query string bypassed the response cache and rendered).
      expect(res.headers()["x-masthead-cache"], query).not.toBe("bypass");
      expect(res.headers().etag, query).toBe((await request.get(ARTICLE, { headers: BROWSER })).headers().etag);
    }
  });

  test("the search page keys on its normalised query only", async ({ request }) => {
    const first = await request.get("/search?q=ferry%20%20strike", { headers: BROWSER });
    expect(first.status()).toBe(200);
    expect(await first.text()).toContain("Calder Strait");
    for (const spelling of ["/search?q=ferry+strike", "/search?utm_source=x&q=+ferry++strike+", "/search?q=ferry%20strike&cb=9&q=other"]) {
      const res = await request.get(spelling, { headers: BROWSER });
      expect(res.headers()["x-masthead-cache"], spelling).not.toBe("bypass");
      expect(res.headers().etag, spelling).toBe(first.headers().etag);
    }
    // Another query is another page.
    const other = await request.get("/search?q=harbour", { headers: BROWSER });
    expect(other.headers().etag).not.toBe(first.headers().etag);
  });
});

test.describe("4. search is shared briefly and bounded per client", () => {
  test("a search page is public for a short while and tagged so any publish drops it", async ({ request }) => {
    const res = await request.get("/search?q=lighthouse", { headers: BROWSER });
    expect(res.headers()["cache-control"]).toMatch(/^public, max-age=0, s-maxage=30\b/);
    expect(res.headers()["surrogate-key"].split(" ")).toEqual(expect.arrayContaining(["site", "list"]));
  });

  test("a preview reader's search is never shared", async ({ request }) => {
    const res = await request.get("/search?q=lighthouse", { headers: { ...BROWSER, Cookie: "__prerender_bypass=forged" } });
    expect(res.headers()["cache-control"]).not.toMatch(/public/);
  });

  test("uncached searches past the limit get 429 with Retry-After; cached ones and other clients do not", async ({ request }) => {
    const client = `10.27.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 40; i++) {
      const res = await request.get(`/api/search?q=zz${Date.now().toString(36)}x${i}`, { headers: { "X-Forwarded-For": client } });
      statuses.push(res.status());
      if (res.status() === 429) retryAfter ??= res.headers()["retry-after"];
    }
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // The same client still reads cached pages and cached searches.
    await request.get("/search?q=harbour", { headers: BROWSER });
    expect((await request.get(ARTICLE, { headers: { ...BROWSER, "X-Forwarded-For": client } })).status()).toBe(200);
    expect((await request.get("/search?q=harbour", { headers: { ...BROWSER, "X-Forwarded-For": client } })).status()).toBe(200);
    // Another client is not affected.
    expect((await request.get(`/api/search?q=zzfresh${Date.now()}`, { headers: { "X-Forwarded-For": "10.27.251.1" } })).status()).toBe(200);
  });
});

test.describe("10. one spelling per address", () => {
  test("percent-encoded unreserved characters are a 301 to the plain address", async () => {
    for (const [target, location] of [
      ["/%6Eews", "/news"],
      ["/news/world%2Dnews", "/news/world-news"],
      ["/%6e%65%77%73/?utm_source=x", "/news?utm_source=x"],
    ]) {
      const res = await raw(target);
      expect(res.status, target).toBe(301);
      expect(res.headers.location, target).toBe(location);
    }
  });
});

test.describe("6. API answers, OG cards and 404s carry the cache tags of their articles", () => {
  test("/api/articles and /api/search name every article they list; a 404 what may appear there; an OG card its article", async ({ request }) => {
    const articles = await request.get("/api/articles?limit=5");
    const tags = articles.headers()["surrogate-key"]?.split(" ") ?? [];
    const { items } = await articles.json();
    expect(items.length).toBeGreaterThan(0);
    expect(tags).toEqual(expect.arrayContaining(["site", "list", ...items.map((i: { slug: string }) => `article:${encodeURIComponent(i.slug)}`)]));
    const search = await request.get("/api/search?q=ferry");
    const found = (await search.json()).items as { slug: string }[];
    expect(search.headers()["surrogate-key"]?.split(" ")).toEqual(expect.arrayContaining(["site", "list", ...found.map((i) => `article:${encodeURIComponent(i.slug)}`)]));
    // A 404 names what may appear at its address: the publish that puts it there purges the 404.
    const missing = await request.get("/news/world-news/a-story-not-yet-published", { headers: BROWSER });
    expect(missing.status()).toBe(404);
    expect(missing.headers()["surrogate-key"]?.split(" ")).toEqual(expect.arrayContaining(["article:a-story-not-yet-published"]));
    const tagPage = await request.get("/tags/a-tag-not-yet-used", { headers: BROWSER });
    expect(tagPage.status()).toBe(404);
    expect(tagPage.headers()["surrogate-key"]?.split(" ")).toEqual(expect.arrayContaining(["tag:a-tag-not-yet-used"]));
    const card = await request.get("/og/calder-strait-ferry-strike.png");
    expect(card.status()).toBe(200);
    expect(card.headers()["surrogate-key"]?.split(" ")).toEqual(expect.arrayContaining(["site", "article:calder-strait-ferry-strike"]));
  });
});
