import { expect, test } from "@playwright/test";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import e2e from "./env.json";
import { rawRequest } from "./support/raw-http";

const PORT = Number(process.env.E2E_PORT) || e2e.port;
const BASE = `http://127.0.0.1:${PORT}`;
const ROOT = path.resolve(__dirname, "..");
const IMAGES = path.join(ROOT, e2e.env.CONTENT_DIR, "images");
const WEBHOOK_TOKEN = e2e.env.REVALIDATE_SECRET;

test.describe("response headers", () => {
  for (const path of ["/", "/news/world-news/calder-strait-ferry-strike", "/news", "/search?q=ferry", "/api/articles", "/api/search?q=x", "/feed.xml", "/nope"]) {
    test(`security headers on ${path}`, async ({ request }) => {
      const res = await request.get(path, { headers: { Accept: path.startsWith("/api") ? "application/json" : "text/html" } });
      const h = res.headers();
      const csp = h["content-security-policy"];
      expect(csp).toBeTruthy();
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      const scriptSrc = /script-src ([^;]*)/.exec(csp)![1];
      expect(scriptSrc).not.toContain("'unsafe-eval'");
      expect(scriptSrc).not.toContain("'unsafe-inline'");
      expect(h["x-content-type-options"]).toBe("nosniff");
      expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(h["permissions-policy"]).toContain("camera=()");
      expect(h["permissions-policy"]).toContain("geolocation=()");
      expect(h["x-frame-options"]).toBe("DENY");
      expect(h["x-powered-by"]).toBeUndefined();
      expect(h["strict-transport-security"]).toBeUndefined();
    });
  }

  test("HSTS when the request came over HTTPS, and only then, whatever the page cache holds", async ({ request }) => {
    // The first answer fills the origin's page cache; HSTS must still follow each request's scheme.
    for (const path of ["/", "/news"]) {
      expect((await request.get(path)).headers()["strict-transport-security"]).toBeUndefined();
      const https = await request.get(path, { headers: { "X-Forwarded-Proto": "https" } });
      expect(https.headers()["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
      expect((await request.get(path)).headers()["strict-transport-security"]).toBeUndefined();
    }
  });

  test("each page's CSP lists the hashes of exactly its own inline scripts", async ({ request }) => {
    const res = await request.get("/news/world-news/calder-strait-ferry-strike", { headers: { Accept: "text/html" } });
    const html = await res.text();
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g)].filter(([, attrs]) => !/type=/.test(attrs));
    expect(inline.length).toBeGreaterThan(1);
    const csp = res.headers()["content-security-policy"];
    const { createHash } = await import("node:crypto");
    for (const [, , body] of inline) {
      expect(csp).toContain(`'sha256-${createHash("sha256").update(body).digest("base64")}'`);
    }
  });
});

test.describe("the pages work with the policy on", () => {
  for (const path of ["/", "/news", "/news/world-news/calder-strait-ferry-strike", "/search?q=harbour", "/authors/maren-okafor"]) {
    test(`no CSP violations on ${path}`, async ({ page }) => {
      const violations: string[] = [];
      page.on("console", (m) => {
        if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
      });
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
      });
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      // Hydrated: the theme toggle only appears once React runs.
      await expect(page.getByRole("button", { name: "Dark theme" })).toBeVisible();
      expect(violations).toEqual([]);
    });
  }

  test("no CSP violations in preview", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": "10.33.0.1" });
    await page.goto(`/api/draft?secret=${e2e.env.PREVIEW_SECRET}&slug=draft-budget-leak`);
    await expect(page.getByRole("region", { name: "Preview" })).toBeVisible();
    await page.waitForLoadState("networkidle");
    await expect(page.getByRole("button", { name: "Dark theme" })).toBeVisible();
    expect(violations).toEqual([]);
  });
});

/** The site's own security headers, as every page carries them. */
function expectSiteHeaders(h: Record<string, string>, what: string) {
  expect(h["content-security-policy"], what).toContain("default-src 'self'");
  expect(h["content-security-policy"], what).toContain("frame-ancestors 'none'");
  expect(h["x-content-type-options"], what).toBe("nosniff");
  expect(h["x-frame-options"], what).toBe("DENY");
  expect(h["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(h["permissions-policy"], what).toContain("camera=()");
}

/** Response headers of a raw response, lower-cased. */
function headersOf(rawResponse: string): Record<string, string> {
  const head = rawResponse.split("\r\n\r\n")[0].split("\r\n").slice(1);
  return Object.fromEntries(head.map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]));
}

test.describe("content images", () => {
  test("an SVG keeps its own sandbox policy, with the other security headers", async ({ request }) => {
    for (const file of ["/content-images/harbour-bridge.svg", "/content-images/authors/maren-okafor.svg"]) {
      const res = await request.get(file);
      expect(res.status(), file).toBe(200);
      const h = res.headers();
      const csp = h["content-security-policy"];
      expect(csp, file).toContain("default-src 'none'");
      expect(csp, file).toMatch(/(^|;\s*)sandbox(;|$)/);
      expect(csp, file).not.toContain("script-src");
      expect(h["x-content-type-options"], file).toBe("nosniff");
      expect(h["x-frame-options"], file).toBe("DENY");
      expect(h["referrer-policy"], file).toBe("strict-origin-when-cross-origin");
      expect(h["content-type"], file).toBe("image/svg+xml");
    }
    // Pages keep the site's policy.
    expectSiteHeaders((await request.get("/")).headers(), "/");
  });

  test("symbolic links are not followed out of images/, and only regular files are served", async ({ request }) => {
    const id = `${process.pid}-${Date.now()}`;
    const planted = {
      leak: path.join(IMAGES, `leak-${id}.png`), // → package.json
      outside: path.join(IMAGES, `outside-${id}`), // a folder link → the repository root
      inside: path.join(IMAGES, `alias-${id}.svg`), // → an image inside images/: fine
      folder: path.join(IMAGES, `folder-${id}.png`), // a directory with an image's name
    };
    fs.symlinkSync("../../package.json", planted.leak);
    fs.symlinkSync("../..", planted.outside);
    fs.symlinkSync("harbour-bridge.svg", planted.inside);
    fs.mkdirSync(planted.folder);
    try {
      for (const target of [`/content-images/leak-${id}.png`, `/content-images/outside-${id}/public/logo.svg`, `/content-images/folder-${id}.png`]) {
        const res = await request.get(target);
        expect(res.status(), target).toBe(404);
        expect(await res.text(), target).not.toContain('"dependencies"');
      }
      const alias = await request.get(`/content-images/alias-${id}.svg`);
      expect(alias.status()).toBe(200);
      expect(await alias.text()).toContain("<svg");
    } finally {
      for (const p of Object.values(planted)) fs.rmSync(p, { recursive: true, force: true });
    }
  });
});

test.describe("parameters named like object properties", () => {
  const cases: [string, string][] = [
    ["/api/articles?constructor=1", "constructor"],
    ["/api/articles?toString=1", "toString"],
    ["/api/articles?__defineGetter__=1", "__defineGetter__"],
    ["/api/articles?hasOwnProperty=x&section=news", "hasOwnProperty"],
    ["/api/articles?valueOf=1", "valueOf"],
    ["/api/search?q=harbour&constructor=1", "constructor"],
    ["/api/search?toString=1&q=harbour", "toString"],
  ];
  for (const [url, parameter] of cases) {
    test(`${url} → 400 naming "${parameter}"`, async ({ request }) => {
      const res = await request.get(url);
      expect(res.status()).toBe(400);
      const body = await res.json();
      expect(body.parameter).toBe(parameter);
      expect(body.error).toContain(`unknown parameter "${parameter}"`);
    });
  }

  test("__proto__ never reaches the handlers: Next drops it, the answer is as without it", async ({ request }) => {
    // Next 16.4 passes the query through a plain object before a route handler sees request.url,
    // which loses `__proto__`; our own parser would name it (lib/api/articles.test.ts).
    for (const [url, plain] of [
      ["/api/articles?__proto__=1", "/api/articles"],
      ["/api/search?q=harbour&__proto__=x", "/api/search?q=harbour"],
      ["/api/articles?section=nowhere-at-all&__proto__=1", "/api/articles?section=nowhere-at-all"],
    ]) {
      const [res, without] = [await request.get(url), await request.get(plain)];
      expect(res.status(), url).toBe(without.status());
      expect(await res.text(), url).toBe(await without.text());
    }
  });

  test("the search page and the webhook body ignore or refuse them, never 500", async ({ request }) => {
    for (const url of ["/search?constructor=1", "/search?q=harbour&__proto__=x&toString=1", "/search?hasOwnProperty=1&page=2&q=harbour"]) {
      expect((await request.get(url, { headers: { Accept: "text/html" } })).status(), url).toBe(200);
    }
    for (const body of ['{"__proto__":{"all":true}}', '{"constructor":{"all":true}}', '{"toString":"x"}', '{"slug":"x","__proto__":null}']) {
      const res = await fetch(`${BASE}/api/revalidate`, { method: "POST", headers: { Authorization: `Bearer ${WEBHOOK_TOKEN}`, "Content-Type": "application/json", "X-Forwarded-For": "10.61.0.1" }, body });
      expect(res.status, body).toBe(400);
      expect((await res.json()).revalidated, body).toBeUndefined();
    }
  });
});

test.describe("the revalidation webhook", () => {
  test("the right token is never refused, however many wrong ones came first", async () => {
    const headers = { "X-Forwarded-For": `10.62.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`, "Content-Type": "application/json" };
    const post = (token: string) => fetch(`${BASE}/api/revalidate`, { method: "POST", headers: { ...headers, Authorization: `Bearer ${token}` }, body: "{}" });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await post("wrong-token-wrong-token")).status);
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
    // Past the limit, the editor's CMS still gets through the gate ({} then fails validation: 400).
    const editor = await post(WEBHOOK_TOKEN);
    expect(editor.status).toBe(400);
    expect((await editor.json()).error).toContain("name what changed");
  });

  /** Sends the head of a POST and `body`, then waits for the answer without finishing the body. */
  function postWithoutEnd(head: string, body: Buffer): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(PORT, "127.0.0.1");
      let text = "";
      socket.on("data", (c) => {
        text += c.toString("latin1");
        if (/\r\n\r\n/.test(text)) {
          socket.destroy();
          resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text });
        }
      });
      socket.on("error", reject);
      socket.on("close", () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text }));
      socket.write(head);
      socket.write(body);
    });
  }

  const authorised = `POST /api/revalidate HTTP/1.1\r\nHost: 127.0.0.1:${PORT}\r\nAuthorization: Bearer ${WEBHOOK_TOKEN}\r\nContent-Type: application/json\r\nX-Forwarded-For: 10.63.0.1\r\n`;

  test("a body announced larger than 4 KB is refused before it is read", async () => {
    // 64 MB announced, 1 KB sent: the answer must come without waiting for the rest.
    const res = await postWithoutEnd(`${authorised}Content-Length: ${64 * 1024 * 1024}\r\n\r\n`, Buffer.alloc(1024, 0x20));
    expect(res.status).toBe(413);
    expect(headersOf(res.text)["cache-control"]).toBe("no-store");
  });

  test("a chunked body is read only up to 4 KB", async () => {
    const chunk = Buffer.alloc(2048, 0x20);
    const chunks = Buffer.concat([0, 1, 2, 3].map(() => Buffer.concat([Buffer.from("800\r\n"), chunk, Buffer.from("\r\n")])));
    const res = await postWithoutEnd(`${authorised}Transfer-Encoding: chunked\r\n\r\n`, chunks);
    expect(res.status).toBe(413);
  });

  test("the 4 KB limit counts bytes, not characters", async () => {
    const json = JSON.stringify({ slug: "x", pad: "é".repeat(1000) }); // > 2,000 bytes in UTF-8, unknown key
    const under = await fetch(`${BASE}/api/revalidate`, { method: "POST", headers: { Authorization: `Bearer ${WEBHOOK_TOKEN}`, "X-Forwarded-For": "10.64.0.1" }, body: json });
    expect(under.status).toBe(400);
    const over = await fetch(`${BASE}/api/revalidate`, { method: "POST", headers: { Authorization: `Bearer ${WEBHOOK_TOKEN}`, "X-Forwarded-For": "10.64.0.1" }, body: JSON.stringify({ pad: "é".repeat(2100) }) });
    expect(over.status).toBe(413); // 4,2xx bytes although fewer than 4,096 characters
  });
});

test.describe("answers made by the server itself", () => {
  test("the 400 for an address that is not UTF-8 carries the security headers and is not cached", async () => {
    const { status, body } = await raw("GET", "/news/%ff%fe");
    expect(status).toBe(400);
    const h = headersOf(body);
    expectSiteHeaders(h, "400");
    expect(h["cache-control"]).toBe("no-store");
  });

  test("the 431 for oversized headers carries the security headers and is not cached", async () => {
    const { status, body } = await raw("GET", "/", `X-Padding: ${"a".repeat(20_000)}\r\n`);
    expect(status).toBe(431);
    const h = headersOf(body);
    expectSiteHeaders(h, "431");
    expect(h["cache-control"]).toBe("no-store");
  });

  test("a request Node cannot parse gets a 400 with the security headers", async () => {
    const { status, body } = await raw("GET", "/ HTTP/1.1\r\nBad Header Line\r\nX: y");
    expect(status).toBe(400);
    expectSiteHeaders(headersOf(body), "malformed");
  });
});

/** One raw HTTP/1.1 request, so paths can carry bytes a URL library would refuse or normalise. */
async function raw(method: string, target: string, extraHeaders = "", body = ""): Promise<{ status: number; body: string }> {
  const answer = await rawRequest(PORT, target, { method, headers: extraHeaders, body });
  return { status: answer.status, body: answer.text };
}

/**
 * A request announcing `bytes` of body, sent in 1 MB pieces until the server answers (a server that
 * refuses early need not be fed the rest; one that reads it all gets it all).
 */
function rawWithBody(method: string, target: string, extraHeaders: string, bytes: number): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve) => {
    const socket = net.connect(PORT, "127.0.0.1");
    const chunks: Buffer[] = [];
    let sent = 0;
    const piece = Buffer.alloc(64 * 1024, 0x41);
    const finish = () => {
      const text = Buffer.concat(chunks).toString("latin1");
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0), body: text, sent });
    };
    socket.setTimeout(30_000, () => socket.destroy());
    socket.on("data", (c) => chunks.push(c));
    socket.on("error", () => socket.destroy());
    socket.on("close", finish);
    const feed = () => {
      while (sent < bytes && chunks.length === 0 && !socket.destroyed) {
        const n = Math.min(piece.length, bytes - sent);
        sent += n;
        if (!socket.write(n === piece.length ? piece : piece.subarray(0, n))) return void socket.once("drain", feed);
      }
    };
    socket.write(`${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${PORT}\r\nConnection: close\r\n${extraHeaders}\r\n`);
    feed();
  });
}

function hostileTargets(): string[] {
  const traversal = ["..", "%2e%2e", "%2E%2E", "..%2f", "%2e%2e%2f", "..%5c", "%2e%2e%5c", "..\\", "%252e%252e%252f", "....//", "%c0%ae%c0%ae", "..%00", "%2e%2e%2f%2e%2e%2f"];
  const secrets = ["/.env", "/.env.local", "/.git/config", "/.git/HEAD", "/package.json", "/package-lock.json", "/next.config.ts", "/tsconfig.json", "/content/site.yml", "/content/articles/draft-budget-leak.md", "/content/authors/maren-okafor.md", "/.next/BUILD_ID", "/node_modules/next/package.json", "/proxy.ts", "/app/layout.tsx", "/scripts/wordpress/.env.wordpress", "/etc/passwd"];
  const prefixes = ["", "/news", "/news/world-news", "/content-images", "/_next/static", "/authors", "/tags", "/api/articles", "/feeds", "/og", "/sitemaps", "/section-pages"];
  const targets = new Set<string>();
  for (const p of prefixes) {
    for (const t of traversal) {
      for (const s of ["/etc/passwd", "/.env", "/package.json", "/content/site.yml"]) targets.add(`${p}/${t}${s}`);
      targets.add(`${p}/${t}/${t}/${t}/.git/config`);
    }
  }
  for (const s of secrets) targets.add(s);
  for (const p of ["/news", "/content-images/x", "/authors/maren-okafor", "/api/articles"]) {
    targets.add(`${p}%00`);
    targets.add(`${p}/%00.md`);
    targets.add(`${p}/%ff%fe`);
    targets.add(`${p}/%c3%28`);
    targets.add(`${p}/\u00ff\u00fe`);
    targets.add(`${p}/%e2%80%ae%e2%80%8bevil`);
    targets.add(`${p}/%d0%b0uthors`); // Cyrillic a
    targets.add(`${p}/${"a".repeat(4000)}`);
    targets.add(`${p}?${"q=x&".repeat(800)}`);
  }
  for (const n of ["99999999999999999999", "1e9", "0x10", "-0", "2147483648", "%31", "1%00", "１"]) {
    targets.add(`/news/page/${n}`);
    targets.add(`/authors/maren-okafor/page/${n}`);
    targets.add(`/tags/harbour/page/${n}`);
    targets.add(`/api/articles?cursor=${n}`);
  }
  for (const q of ["secret[]=x&slug=y", "secret=x&secret=y", "slug[]=a", "secret[a]=b", "__proto__=1", "constructor[prototype]=x"]) {
    targets.add(`/api/draft?${q}`);
    targets.add(`/api/articles?${q}`);
    targets.add(`/api/search?q=x&${q}`);
  }
  targets.add(`/search?q=${"%e2%80%ae".repeat(300)}`);
  targets.add(`/search?q=${"x".repeat(8000)}`);
  targets.add("/api/search?q=%ff%fe");
  targets.add("/news/%2e%2e/%2e%2e/package.json");
  targets.add("//evil.example/%2e%2e");
  targets.add("/\\evil.example");
  return [...targets];
}

interface Hostile {
  method: string;
  target: string;
  headers?: string;
  body?: string;
  /** A body of this many bytes, sent whole (made when sent). */
  bodyBytes?: number;
}

/** 40 bodies of 10 MB, POST and PUT, to pages (issue 27, item 1). */
/**
 * Bodies announced at 64 MB each: more than the kernel's buffers on both ends of a loopback connection
 * can hold (tcp_wmem 4 MB + tcp_rmem 32 MB at most), so a server that reads a body before answering
 * makes the client send all of it, and one that answers first does not.
 */
const BODY_ON_PAGE_BYTES = 64 * 1024 * 1024;

function bodiesOnPages(): Hostile[] {
  const pages = ["/news", "/", "/news/world-news/calder-strait-ferry-strike", "/search?q=harbour", "/tags/harbour"];
  return Array.from({ length: 40 }, (_, n) => ({
    method: n % 2 ? "PUT" : "POST",
    target: pages[n % pages.length],
    headers: `Content-Type: application/octet-stream\r\nContent-Length: ${BODY_ON_PAGE_BYTES}\r\n`,
    bodyBytes: BODY_ON_PAGE_BYTES,
  }));
}

/**
 * Issue 27's vectors: large POST bodies on pages, image URLs with queries and odd widths, dot
 * segments, backslashes, cache-busting and tracking queries, long paths, encoded spellings.
 */
function roundThree(runId: string): Hostile[] {
  const requests: Hostile[] = [];
  for (let n = 0; n < 50; n++) {
    requests.push({ method: "GET", target: `/_next/image?url=%2Fcontent-images%2Ffleet%2Fbuoys.png%3Fjunk%3D${runId}${n}&w=640&q=75` });
    requests.push({ method: "GET", target: `/_next/image?url=%2Fog%2Fcalder-strait-ferry-strike.png%3Fcb%3D${runId}${n}&w=640&q=75` });
    requests.push({ method: "GET", target: `/news/world-news/calder-strait-ferry-strike?cb=${runId}${n}` });
    requests.push({ method: "GET", target: `/news?utm_source=${runId}${n}&fbclid=${n}` });
    requests.push({ method: "GET", target: `/search?q=harbour&cb=${runId}${n}` });
    requests.push({ method: "GET", target: `/_next/static/../../fz-${runId}-${n}` });
  }
  for (const [w, q] of [["641", "75"], ["3841", "75"], ["640", "76"], ["640", "100"], ["99999", "1"], ["0", "0"]]) {
    requests.push({ method: "GET", target: `/_next/image?url=%2Fcontent-images%2Fharbour-bridge.svg&w=${w}&q=${q}` });
  }
  for (const target of [
    "/_next/static/%2e%2e/%2e%2e/no-such-page",
    "/news/x/..",
    "/news/./x",
    "/og/..%2f..%2fpackage.json",
    "/\\evil.example/",
    "/%5Cevil.example/",
    "/news/\\\\evil",
    `/${"a".repeat(10_000)}/`,
    `/news/?${"cb=1&".repeat(1000)}`,
    "/%6Eews",
    "/news/world%2Dnews/",
    "/search?q=%20%20harbour%20%20&page=2&utm_source=x",
  ]) {
    requests.push({ method: "GET", target });
  }
  return requests;
}

/**
 * Hostile requests beyond odd paths: property-named and repeated parameters, forged preview
 * cookies, Next's internal headers, RSC and server-action headers, absurd sizes, other methods.
 */
function hostileRequests(planted: string[], runId: string): Hostile[] {
  const requests: Hostile[] = [...hostileTargets().map((target) => ({ method: "GET", target })), ...roundThree(runId)];
  // Addresses no one has asked for before (unique per run), as someone filling the disk would send
  // them: under unanchored matcher exclusions, in sections, with a forged preview cookie.
  for (let n = 0; n < 100; n++) {
    for (const target of [`/_next/fz${runId}-${n}`, `/sitemap${runId}${n}`, `/news/fz-${runId}-${n}`]) requests.push({ method: "GET", target });
    requests.push({ method: "GET", target: `/fz-${runId}-${n}`, headers: "Cookie: __prerender_bypass=x\r\n" });
    requests.push({ method: "GET", target: `/news/local/fz-${runId}-${n}`, headers: "Accept: text/html\r\nCookie: __prerender_bypass=x\r\n" });
  }
  const pages = [
    "/",
    "/news",
    "/news/world-news/calder-strait-ferry-strike",
    "/news/local/draft-budget-leak",
    "/culture/lighthouse-museum-2030",
    "/search?q=harbour",
    "/authors/maren-okafor",
    "/tags/harbour",
    "/api/articles",
    "/api/search?q=harbour",
    "/api/draft?secret=nope-nope-nope-nope&slug=draft-budget-leak",
    "/api/draft/exit",
    "/api/revalidate",
    "/api/donate?provider=x&amount=1",
    "/feed.xml",
    "/sitemap.xml",
    "/content-images/harbour-bridge.svg",
    ...planted.map((name) => `/content-images/${name}`),
    "/og/calder-strait-ferry-strike.png",
    "/_next/image?url=%2Fcontent-images%2Fharbour-bridge.svg&w=640&q=75",
    "/_next/image?url=http%3A%2F%2F169.254.169.254%2Flatest%2F&w=64&q=75",
    "/_next/image?url=%2F..%2Fpackage.json&w=64&q=75",
    "/_next/image?url=%2Fcontent-images%2F..%2F..%2Fpackage.json&w=64&q=75",
  ];
  const forgedToken = `v1.${"A".repeat(22)}.9999999999.${"A".repeat(43)}`;
  const headerSets = [
    "Cookie: __prerender_bypass=x\r\n",
    `Cookie: __prerender_bypass=x; masthead-preview=${forgedToken}\r\n`,
    `Cookie: masthead-preview=${forgedToken}\r\n`,
    `Cookie: ${"a=b; ".repeat(1500)}z=1\r\n`,
    'Cookie: theme="><script>alert(1)</script>; __proto__=x; constructor=y\r\n',
    "Accept: */*\r\n",
    "Accept: text/html\r\nAccept-Encoding: br, gzip, deflate, zstd, *;q=0\r\n",
    "RSC: 1\r\nNext-Router-State-Tree: %5B%22%22%2C%7B%7D%5D\r\n",
    "RSC: 1\r\nNext-Router-Prefetch: 1\r\nNext-Router-Segment-Prefetch: /_tree\r\n",
    "RSC: 1\r\nNext-Router-State-Tree: not-json\r\n",
    "x-middleware-subrequest: middleware:middleware:middleware:middleware:middleware\r\n",
    "x-middleware-subrequest: proxy:proxy:proxy:proxy:proxy\r\n",
    "X-Forwarded-For: ' OR 1=1 --, <script>, ::ffff:127.0.0.1\r\nX-Forwarded-Host: evil.example\r\nX-Forwarded-Proto: gopher\r\n",
    "X-Invoke-Path: /api/revalidate\r\nX-Matched-Path: /api/revalidate\r\nX-Invoke-Status: 500\r\nx-invoke-query: %7B%7D\r\n",
    "x-now-route-matches: 1=%2e%2e\r\nx-nextjs-data: 1\r\nx-middleware-prefetch: 1\r\n",
    'If-None-Match: "x"\r\nIf-Modified-Since: garbage\r\nRange: bytes=999999-0\r\n',
    "Next-Action: 0000000000000000000000000000000000000000\r\n",
    `Accept-Language: ${"x-".repeat(1500)}\r\nUser-Agent: ${"\u00ff".repeat(500)}\r\n`,
  ];
  for (const target of pages) for (const headers of headerSets) requests.push({ method: "GET", target, headers });
  const bodies = [
    { type: "application/json", body: '{"__proto__":{"all":true},"constructor":{"prototype":{"x":1}}}' },
    { type: "application/x-www-form-urlencoded", body: "returnTo=https%3A%2F%2Fevil.example&__proto__=x&returnTo=%2F%2Fevil" },
    { type: "multipart/form-data; boundary=zz", body: "--zz\r\nContent-Disposition: form-data; name=\"returnTo\"\r\n\r\n//evil\r\n--zz" },
    { type: "text/plain", body: "\u0000\u00ff".repeat(100) },
  ];
  for (const method of ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "TRACK", "PROPFIND", "CONNECT"]) {
    for (const [i, target] of pages.entries()) {
      const { type, body } = bodies[i % bodies.length];
      const extra = i % 3 === 0 ? "Next-Action: 7f00000000000000000000000000000000000000\r\n" : i % 3 === 1 ? "Origin: https://evil.example\r\nSec-Fetch-Site: cross-site\r\n" : "";
      requests.push({ method, target, headers: `Content-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body, "latin1")}\r\n${extra}`, body });
    }
  }
  const keys = ["constructor", "__proto__", "toString", "prototype", "hasOwnProperty", "q", "section", "author", "tag", "cursor", "limit", "page", "slug", "secret", "returnTo", "_rsc", "__nextDataReq", "nxtPpath", "__nextLocale"];
  const values = ["", "%00", "%5B%5D", "-1", "1e309", "%ff", "a".repeat(300), "%2F%2Fevil.example"];
  for (const endpoint of ["/api/articles", "/api/search?q=harbour", "/search", "/api/donate", "/news", "/api/draft"]) {
    for (const [i, key] of keys.entries()) {
      const value = values[i % values.length];
      const join = endpoint.includes("?") ? "&" : "?";
      requests.push({ method: "GET", target: `${endpoint}${join}${key}=${value}` });
      requests.push({ method: "GET", target: `${endpoint}${join}${key}[]=${value}&${key}=2` });
    }
  }
  return requests;
}

/** The resident memory of the e2e server (found by its command line), in bytes; null when not found. */
function serverRss(): number | null {
  for (const pid of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      if (!cmdline.some((a) => a.endsWith("masthead-server.mjs")) || cmdline[cmdline.indexOf("--port") + 1] !== String(PORT)) continue;
      const rss = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
      if (rss) return Number(rss) * 1024;
    } catch {
      /* gone meanwhile */
    }
  }
  return null;
}

/** The files and bytes of Next's image cache. */
function imageCache(): { files: number; bytes: number } {
  const dir = path.join(ROOT, ".next", "cache", "images");
  let files = 0;
  let bytes = 0;
  if (fs.existsSync(dir)) {
    for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      files++;
      try {
        bytes += fs.statSync(path.join(entry.parentPath, entry.name)).size;
      } catch {
        /* replaced meanwhile */
      }
    }
  }
  return { files, bytes };
}

/** Every file under the folders the server writes its caches to, with its size. */
function cacheFiles(): Map<string, number> {
  const files = new Map<string, number>();
  for (const dir of [path.join(ROOT, ".next", "server"), path.join(ROOT, ".next", "cache", "images")]) {
    if (!fs.existsSync(dir)) continue;
    for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) {
        const file = path.join(entry.parentPath, entry.name);
        try {
          files.set(file, fs.statSync(file).size);
        } catch {
          /* replaced meanwhile */
        }
      }
    }
  }
  return files;
}

/** Of the cache files created since `before`: all bytes, and the bytes of stored error pages. */
function cacheGrowth(before: Map<string, number>): { bytes: number; errorBytes: number; errorEntries: string[] } {
  let bytes = 0;
  const byEntry = new Map<string, number>();
  for (const [file, size] of cacheFiles()) {
    if (before.has(file)) continue;
    bytes += size;
    // An entry is <path>.html, .rsc, .meta and <path>.segments/…; its .meta has the status.
    const entry = file.replace(/\.segments\/.*$/, "").replace(/\.(html|rsc|meta|body|json)$/, "");
    byEntry.set(entry, (byEntry.get(entry) ?? 0) + size);
  }
  let errorBytes = 0;
  const errorEntries: string[] = [];
  for (const [entry, size] of byEntry) {
    try {
      const status = JSON.parse(fs.readFileSync(`${entry}.meta`, "utf8")).status;
      if (status >= 400) {
        errorBytes += size;
        errorEntries.push(path.relative(ROOT, entry));
      }
    } catch {
      /* not a page entry */
    }
  }
  return { bytes, errorBytes, errorEntries };
}

const STACK_TRACE = [/\n\s+at \S+ \(?[^\n]*:\d+:\d+\)?/, /\b(?:TypeError|ReferenceError|RangeError|SyntaxError)\b/, /node_modules\//, /\/work\/|\/home\/|\/root\//];
const LEAKS = [/PREVIEW_SECRET/, /e2e-(?:preview|revalidate)-secret/, /"dependencies"\s*:/, /\[core\]/, /root:x:0:0/, /^section:\s/m, /^publishedAt:\s/m, /zephyrine/, /quillmorrow/, /application password/i, /"compilerOptions"/];

test.describe("hostile input", () => {
  test.describe.configure({ mode: "serial" });
  test.setTimeout(600_000);
  let growth: ReturnType<typeof cacheGrowth> | undefined;
  let memory: { before: number | null; after: number | null } | undefined;
  let images: { before: ReturnType<typeof imageCache>; after: ReturnType<typeof imageCache> } | undefined;

  test("over a thousand hostile requests: never a 5xx, a stack trace, a file or a secret", async () => {
    // Links out of images/ that must never be followed (issue 13, item 5).
    const id = `${process.pid}-${Date.now()}`;
    const planted = { [`fuzz-package-${id}.png`]: "../../package.json", [`fuzz-passwd-${id}.svg`]: "/etc/passwd", [`fuzz-root-${id}`]: "../.." };
    for (const [name, to] of Object.entries(planted)) fs.symlinkSync(to, path.join(IMAGES, name));
    const before = cacheFiles();
    const imagesBefore = imageCache();
    const requests = hostileRequests([...Object.keys(planted).slice(0, 2), `fuzz-root-${id}/package.json`, `fuzz-root-${id}/public/logo.svg`], Date.now().toString(36));
    expect(requests.length).toBeGreaterThanOrEqual(1000);
    const failures: string[] = [];
    let rssBefore: number | null = null;
    let rssAfterBodies: number | null = null;
    try {
      // The bodies first, on their own, so the server's memory is compared across them alone.
      rssBefore = serverRss();
      await send(bodiesOnPages(), failures);
      rssAfterBodies = serverRss();
      await send(requests, failures);
    } finally {
      for (const name of Object.keys(planted)) fs.rmSync(path.join(IMAGES, name), { force: true });
    }
    growth = cacheGrowth(before);
    memory = { before: rssBefore, after: rssAfterBodies };
    images = { before: imagesBefore, after: imageCache() };
    const mb = (n: number | null) => (n === null ? "?" : `${Math.round(n / 1024 / 1024)} MB`);
    const summary =
      `${requests.length + 40} requests; ${growth.bytes} bytes in new cache files, ${growth.errorBytes} of them in ${growth.errorEntries.length} stored error pages; ` +
      `server RSS ${mb(memory.before)} → ${mb(memory.after)} across 40 bodies of 64 MB (at most ${mb(Math.max(0, ...bodySent))} of one sent before its answer), ${mb(serverRss())} at the end; image cache ${images.before.files} → ${images.after.files} files`;
    test.info().annotations.push({ type: "cache growth", description: summary });
    console.log(`hostile input: ${summary}`);
    expect(failures).toEqual([]);
  });

  const bodySent: number[] = [];

  async function send(requests: Hostile[], failures: string[]) {
    for (let i = 0; i < requests.length; i += 8) {
      await Promise.all(
        requests.slice(i, i + 8).map(async ({ method, target, headers = "", body = "", bodyBytes }) => {
          const what = `${method} ${target.slice(0, 90)} ${headers.slice(0, 60).replace(/\r\n/g, " | ")}`;
          // One client of its own, so the search limit it meets is its own (a hostile one sets its own).
          const client = /x-forwarded-for/i.test(headers) ? "" : `X-Forwarded-For: 10.251.${i % 250}.${(i >> 8) % 250}\r\n`;
          const { status, body: response, sent } = bodyBytes ? await rawWithBody(method, target, headers + client, bodyBytes) : { ...(await raw(method, target, headers + client, body)), sent: 0 };
          if (status === 0 || status >= 500) failures.push(`${status} ${what}`);
          // Answered before the client had sent the whole body: the server did not wait to read it.
          if (bodyBytes && sent >= bodyBytes) failures.push(`the answer waited for all ${bodyBytes} bytes of the body: ${what}`);
          if (bodyBytes) bodySent.push(sent);
          for (const pattern of [...STACK_TRACE, ...LEAKS]) if (pattern.test(response)) failures.push(`${pattern} in ${what}`);
        }),
      );
    }
  }

  test("the hostile requests leave the caches about as they were", async () => {
    expect(growth, "the fuzz test ran").toBeDefined();
    // No error page stored per junk path; legitimate first renders by the other tests running
    // alongside (a tag page, a later page of a list) stay far below 2 MB.
    expect(growth!.errorEntries.slice(0, 10), `${growth!.errorEntries.length} error pages stored`).toEqual([]);
    expect(growth!.errorBytes).toBeLessThanOrEqual(8 * 1024);
    expect(growth!.bytes).toBeLessThanOrEqual(2 * 1024 * 1024);
  });

  test("the hostile requests leave the server's memory and the image cache about as they were", async () => {
    expect(memory?.before, "the e2e server's RSS was found").toBeTruthy();
    // 40 bodies of 64 MB were announced to pages: none may have been buffered (issue 27, item 1 — before,
    // the server's RSS grew by ~220 MB across 40 bodies of 10 MB and kept it). The server is shared with
    // the other tests' renders, which grew it by up to ~70 MB in the same seconds on a busy CI machine
    // (stop 35), so the bound is well above that and far below 40 × 64 MB.
    expect(memory!.after! - memory!.before!).toBeLessThan(192 * 1024 * 1024);
    // 100 image URLs with junk queries and odd sizes: none may have become a transform on disk.
    expect(images!.after.files - images!.before.files).toBeLessThanOrEqual(4);
  });

  test("wrong methods on API routes answer 405", async () => {
    for (const [method, path] of [
      ["POST", "/api/articles"],
      ["DELETE", "/api/search?q=x"],
      ["PUT", "/api/draft"],
      ["GET", "/api/draft/exit"],
      ["GET", "/api/revalidate"],
      ["PATCH", "/api/revalidate"],
    ]) {
      const { status, body } = await raw(method, path, method === "GET" ? "" : "Content-Length: 0\r\n");
      expect(status, `${method} ${path}`).toBe(405);
      expect(body).toMatch(/allow: /i);
    }
  });
});
