/**
 * What caches in front of Masthead may keep, over real HTTP against the production server: no 404
 * lives long (issue 13.1), unknown paths are never stored one by one (13.2), a page's CSP follows
 * the page, never the request (13.3), and the per-version response cache (issue 14) answers with the
 * right encoding, ETag, 304 and HEAD, and never holds a draft.
 */
import { expect, test, type APIResponse } from "@playwright/test";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import e2e from "./env.json";
import { folderBytes, startPrivateServer, type PrivateServer } from "./support/private-server";

const ARTICLE = "/news/world-news/calder-strait-ferry-strike";
const SCHEDULED = "/culture/lighthouse-museum-2030";
const BROWSER = { Accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "Accept-Encoding": "br, gzip" };

function sharedLifetime(res: APIResponse): number | "none" {
  const cc = res.headers()["cache-control"] ?? "";
  if (/no-store|private/.test(cc)) return "none";
  const s = /s-maxage=(\d+)/.exec(cc) ?? /max-age=(\d+)/.exec(cc);
  return s ? Number(s[1]) : "none";
}

test.describe("404s are kept briefly, never for a year (issue 13.1)", () => {
  for (const [what, path, headers] of [
    ["an unknown page", "/no-such-page", BROWSER],
    ["an unknown tag", "/tags/no-such-tag", BROWSER],
    ["a page past the end", "/news/page/999", BROWSER],
    ["an unknown page asked for as RSC", "/no-such-page", { RSC: "1" }],
    ["junk under /_next", "/_next/rt-123", BROWSER],
    ["a name that merely starts like a crawler file", "/sitemapXYZ", BROWSER],
  ] as const) {
    test(`${what} (${path})`, async ({ request }) => {
      for (const method of ["GET", "HEAD"] as const) {
        const res = await request.fetch(path, { method, headers, maxRedirects: 0 });
        expect(res.status(), `${method} ${path}`).toBe(404);
        const lifetime = sharedLifetime(res);
        expect(lifetime === "none" || lifetime <= 60, `${method} ${path}: ${res.headers()["cache-control"]}`).toBe(true);
      }
    });
  }

  test("a scheduled article's URL is not kept past the time it goes live", async ({ request }) => {
    const res = await request.get(SCHEDULED, { headers: BROWSER });
    expect(res.status()).toBe(404);
    const lifetime = sharedLifetime(res);
    expect(lifetime === "none" || lifetime <= 30, res.headers()["cache-control"]).toBe(true);
    // The not-found page is the real one, in the server HTML.
    expect(await res.text()).toContain("We can’t find that page");
  });
});

test.describe("the CSP follows the response, never the request (issue 13.3)", () => {
  const inlineHashes = (html: string) =>
    [...html.matchAll(/<script(?![^>]*\bsrc\s*=)([^>]*)>([\s\S]*?)<\/script>/gi)]
      .filter(([, attrs]) => !/\btype\s*=/.test(attrs) || /\btype\s*=\s*["']?(?:text\/javascript|module)/.test(attrs))
      .map(([, , body]) => `'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);

  for (const accept of ["*/*", "text/html", "application/json", ""]) {
    test(`Accept: ${accept || "(none)"} gets the page's full policy`, async ({ request }) => {
      const res = await request.get(ARTICLE, { headers: accept ? { Accept: accept } : {} });
      expect(res.status()).toBe(200);
      const html = await res.text();
      const scriptSrc = /script-src([^;]*)/.exec(res.headers()["content-security-policy"])![1].trim().split(/\s+/);
      const hashes = inlineHashes(html);
      expect(hashes.length).toBeGreaterThan(2);
      for (const h of hashes) expect(scriptSrc).toContain(h);
      expect(res.headers()["vary"] ?? "").not.toMatch(/\baccept\b(?!-)/i);
    });
  }

  test("every client gets the same policy for the same page", async ({ request }) => {
    const policies = new Set<string>();
    for (const headers of [BROWSER, { Accept: "*/*" }, { Accept: "*/*", "Accept-Encoding": "gzip" }, {}] as Record<string, string>[]) {
      const csp = (await request.get(ARTICLE, { headers })).headers()["content-security-policy"];
      // A missing policy is no policy to compare: each one must be the page's, with its script hashes.
      expect(csp, JSON.stringify(headers)).toMatch(/script-src [^;]*'sha256-/);
      policies.add(csp);
    }
    expect(policies.size).toBe(1);
  });
});

test.describe("the per-version response cache (issue 14)", () => {
  test("sends brotli to browsers that take it, gzip otherwise, each with its own ETag, and Vary: Accept-Encoding", async ({ request }) => {
    await request.get(ARTICLE, { headers: BROWSER });
    const br = await request.get(ARTICLE, { headers: BROWSER });
    const gz = await request.get(ARTICLE, { headers: { ...BROWSER, "Accept-Encoding": "gzip" } });
    const plain = await request.get(ARTICLE, { headers: { ...BROWSER, "Accept-Encoding": "identity" } });
    expect(br.headers()["content-encoding"]).toBe("br");
    expect(gz.headers()["content-encoding"]).toBe("gzip");
    expect(plain.headers()["content-encoding"]).toBeUndefined();
    const etags = [br, gz, plain].map((r) => r.headers()["etag"]);
    expect(new Set(etags).size).toBe(3);
    for (const r of [br, gz, plain]) {
      expect(r.headers()["vary"]).toMatch(/Accept-Encoding/i);
      expect(await r.text()).toContain("Ferry workers across the Calder Strait walk out over pay");
    }
    expect(br.headers()["x-masthead-cache"]).toBe("hit");
  });

  test("answers 304 to a matching If-None-Match, and HEAD with the GET's headers and no body", async ({ request }) => {
    // The article's "Most read" box moves while other tests send beacons: a new render between two of
    // these requests is a new version (a new ETag, other inline-script hashes in its CSP). So the whole
    // exchange is tried again until it happens within one version; a server that never answers 304,
    // or whose HEAD differs from its GET, fails every try.
    await expect(async () => {
      const first = await request.get(ARTICLE, { headers: BROWSER });
      const etag = first.headers()["etag"];
      const again = await request.get(ARTICLE, { headers: { ...BROWSER, "If-None-Match": etag } });
      expect(again.status()).toBe(304);
      expect(await again.body()).toHaveLength(0);
      expect(again.headers()["etag"]).toBe(etag);
      // An ETag of the other encoding is another representation: the full page.
      const other = await request.get(ARTICLE, { headers: { ...BROWSER, "Accept-Encoding": "gzip", "If-None-Match": etag } });
      expect(other.status()).toBe(200);
      const head = await request.head(ARTICLE, { headers: BROWSER });
      expect(head.status()).toBe(200);
      for (const name of ["content-security-policy", "content-length", "etag", "cache-control", "content-type"]) {
        expect(head.headers()[name], name).toBe(first.headers()[name]);
      }
    }).toPass({ timeout: 30_000 });
  });

  test("home, section, author and tag pages are stored and tagged too", async ({ request }) => {
    for (const [p, tag] of [["/", "home"], ["/news", "section:news"], ["/authors/ines-calloway", "author:ines-calloway"], ["/tags/harbour", "tag:harbour"]]) {
      await request.get(p, { headers: BROWSER });
      const res = await request.get(p, { headers: BROWSER });
      expect(res.headers()["x-masthead-cache"], p).toBe("hit");
      expect(res.headers()["surrogate-key"].split(" "), p).toContain(tag);
      expect(res.headers()["cache-control"], p).toMatch(/^public, max-age=0, s-maxage=60, stale-while-revalidate=\d+, stale-if-error=\d+$/);
    }
  });

  test("never stores or serves a page for a preview cookie or an RSC request from the cache; a query no page reads is the cached page (issue 27)", async ({ request }) => {
    await request.get(ARTICLE, { headers: BROWSER });
    for (const headers of [
      { ...BROWSER, Cookie: "__prerender_bypass=forged" },
      { ...BROWSER, RSC: "1" },
    ]) {
      const res = await request.get(ARTICLE, { headers });
      expect(res.headers()["x-masthead-cache"]).not.toBe("hit");
    }
    expect((await request.get(`${ARTICLE}?utm_source=x`, { headers: BROWSER })).headers()["x-masthead-cache"]).not.toBe("bypass");
  });
});

test.describe("unknown paths never fill the disk (issue 13.2)", () => {
  let server: PrivateServer;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    server = await startPrivateServer({ portOffset: 60 });
  });
  test.afterAll(() => server?.stop());

  test("500 unique junk paths, with and without a forged preview cookie, grow the route cache by at most a few KB", async () => {
    test.setTimeout(180_000);
    const cacheDir = path.join(server.app, ".next", "server");
    // Warm up what legitimately renders once, so only junk is measured.
    await fetch(`${server.base}/no-such-page`);
    const before = folderBytes(cacheDir);
    const junk = (i: number) => [`/_next/rt-${i}`, `/sitemapXYZ${i}`, `/favicon${i}`, `/news/no-such-story-${i}`, `/junk-${i}/deeper/still`][i % 5];
    for (let i = 0; i < 500; i++) {
      const headers: Record<string, string> = { Accept: "text/html" };
      if (i % 2) headers.Cookie = "__prerender_bypass=x";
      const res = await fetch(`${server.base}${junk(i)}`, { headers });
      expect(res.status, junk(i)).toBe(404);
      await res.arrayBuffer();
    }
    const grown = folderBytes(cacheDir) - before;
    expect(grown, `the route cache grew by ${grown} bytes`).toBeLessThan(8 * 1024);
    expect(fs.existsSync(cacheDir)).toBe(true);
  });
});

test("draft mode is never stored: another reader never sees a draft, and preview never sees a stored page", async ({ browser, request, baseURL }) => {
  const DRAFT = "/news/local/draft-budget-leak";
  const context = await browser.newContext();
  const page = await context.newPage();
  const res = await page.goto(`/api/draft?secret=${e2e.env.PREVIEW_SECRET}&slug=draft-budget-leak`);
  expect(res?.status()).toBe(200);
  await expect(page).toHaveURL(new RegExp(`${DRAFT}$`));
  expect(res?.headers()["cache-control"]).toMatch(/private|no-store/);
  expect(res?.headers()["x-masthead-cache"]).not.toBe("hit");
  await context.close();
  const reader = await request.get(`${baseURL}${DRAFT}`, { headers: BROWSER });
  expect(reader.status()).toBe(404);
});
