/** The production server's door (gate.ts, queries.ts, internal-headers.ts, bodies.ts): issue 27. */
import { describe, expect, it } from "vitest";
import { PassThrough } from "node:stream";
import { gate, MAX_BODY_BYTES } from "./gate";
import fs from "node:fs";
import path from "node:path";
import { normaliseQuery, PAGE_PARAMETERS } from "./queries";
import { isInternalHeader } from "./internal-headers";
import { readBody } from "./bodies";
import { clientOf, isSearch, isSearchPageKey } from "./search";

const at = (url: string, method = "GET", headers: Record<string, string> = {}) => gate({ url, method, headers });

describe("the door", () => {
  it("refuses dot segments in every spelling, backslashes and long addresses", () => {
    for (const url of ["/a/../b", "/_next/static/%2e%2e/x", "/x/.%2E", "/news/x/..", "/news/./x", "/a/..%2fb", "/og/%2E%2E/x.png"]) expect(at(url)?.status, url).toBe(400);
    for (const url of ["/\\evil.example/", "/%5cevil", "/news/%5C%5Cx"]) expect(at(url)?.status, url).toBe(400);
    expect(at(`/${"a".repeat(2000)}`)?.status).toBe(414);
    expect(at(`/news?${"a".repeat(5000)}`)?.status).toBe(414);
    expect(at("/news/%ff")?.status).toBe(400);
    // Dots inside a segment are fine.
    expect(at("/content-images/a.b.png")).toBeNull();
    expect(at("/news/...")).toBeNull();
  });

  it("pages take GET and HEAD only; API bodies are bounded by their announced length", () => {
    expect(at("/news", "POST", { "content-length": "10485760" })).toMatchObject({ status: 405, headers: { allow: "GET, HEAD", connection: "close" } });
    expect(at("/news", "OPTIONS")).toMatchObject({ status: 405 });
    expect(at("/news", "HEAD")).toBeNull();
    expect(at("/api/revalidate", "POST", { "content-length": "100" })).toBeNull();
    expect(at("/api/revalidate", "POST", { "transfer-encoding": "chunked" })).toBeNull();
    expect(at("/api/revalidate", "POST", { "content-length": String(MAX_BODY_BYTES + 1) })).toMatchObject({ status: 413 });
    expect(at("/api/revalidate", "POST", { "content-length": "1e9" })).toMatchObject({ status: 413 });
  });

  it("one spelling per address: unreserved characters plain, no trailing slash, never //host", () => {
    expect(at("/%6Eews")).toEqual({ status: 301, location: "/news" });
    expect(at("/news/world%2dnews/?utm_source=x")).toEqual({ status: 301, location: "/news/world-news?utm_source=x" });
    expect(at("//evil.example/")).toEqual({ status: 301, location: "/evil.example" });
    expect(at("/caf%C3%A9")).toBeNull(); // not unreserved: left as it is
  });

  it("pages get no query; search keeps q and page, normalised; APIs and Next's own get theirs", () => {
    expect(at("/news/x?utm_source=a&fbclid=b&cb=1")).toEqual({ url: "/news/x" });
    expect(at("/news?")).toEqual({ url: "/news" });
    expect(at("/search?utm_source=x&q=+Ferry++strike+&page=2&cb=1")).toEqual({ url: "/search?q=Ferry%20strike&page=2" });
    expect(at("/search?q=ferry%20strike")).toBeNull();
    expect(at("/search?page=3")).toEqual({ url: "/search" });
    expect(at("/search?q=x&page=1")).toEqual({ url: "/search?q=x" });
    expect(at("/api/search?q=x&cb=1")).toBeNull();
    expect(at("/_next/image?url=%2Fx.png&w=64&q=75")).toBeNull();
    expect(normaliseQuery("/news", "_rsc=abc&cb=1", { rsc: "1" })).toBe("/news?_rsc=abc");
    expect(normaliseQuery("/news", "_rsc=abc", {})).toBe("/news");
    expect(at("/support/thank-you?utm_source=x&session_id=cs_test_a1B2")).toEqual({ url: "/support/thank-you?session_id=cs_test_a1B2" });
    expect(at("/support/thank-you?session_id=%3Cscript%3E")).toEqual({ url: "/support/thank-you" });
  });
});

describe("internal headers", () => {
  it("are Next's routing headers and ours; Next's router keeps its own on RSC answers", () => {
    for (const name of ["x-middleware-rewrite", "X-Middleware-Skip", "x-matched-path", "x-nextjs-cache", "x-masthead-cache-control", "x-nextjs-rewritten-path"]) expect(isInternalHeader(name, {}, {}), name).toBe(true);
    expect(isInternalHeader("x-nextjs-rewritten-path", { rsc: "1" }, {})).toBe(false);
    expect(isInternalHeader("x-masthead-cache", {}, {})).toBe(true);
    expect(isInternalHeader("x-masthead-cache", {}, { MASTHEAD_DEBUG_HEADERS: "1" })).toBe(false);
    for (const name of ["content-type", "surrogate-key", "cache-control", "etag", "vary"]) expect(isInternalHeader(name, {}, {}), name).toBe(false);
  });
});

describe("reading a body in the server", () => {
  const request = (headers: Record<string, string>) => Object.assign(new PassThrough(), { headers });

  it("refuses an announced length over the limit without reading", async () => {
    await expect(readBody(request({ "content-length": "5000" }) as never, { maxBytes: 4096 })).rejects.toMatchObject({ status: 413 });
  });

  it("stops a streamed body at the limit, and reads one within it", async () => {
    const big = request({ "transfer-encoding": "chunked" });
    const reading = readBody(big as never, { maxBytes: 4096 });
    big.write(Buffer.alloc(3000));
    big.write(Buffer.alloc(3000));
    await expect(reading).rejects.toMatchObject({ status: 413 });
    const small = request({});
    const ok = readBody(small as never, { maxBytes: 4096 });
    small.end(Buffer.from("hello"));
    expect((await ok).toString()).toBe("hello");
  });
});

describe("search", () => {
  it("knows its addresses and its clients", () => {
    expect(isSearch("/search?q=x")).toBe(true);
    expect(isSearch("/api/search?q=x")).toBe(true);
    expect(isSearch("/searching")).toBe(false);
    expect(isSearchPageKey("/search?q=x")).toBe(true);
    expect(isSearchPageKey(null)).toBe(false);
    const req = { headers: { "x-forwarded-for": "6.6.6.6, 10.0.0.1" }, socket: { remoteAddress: "127.0.0.1" } };
    expect(clientOf(req, { TRUST_PROXY: "1" })).toBe("forwarded:10.0.0.1");
    expect(clientOf(req, {})).toBe("peer:127.0.0.1");
  });
});

describe("a 404's tags", () => {
  it("name what may appear at its address, so a publish there purges the 404", async () => {
    const { notFoundTags } = await import("../lib/request/routing");
    expect(notFoundTags("/news/world-news/grain-ships-rerouted")).toEqual(["site", "article:grain-ships-rerouted"]);
    expect(notFoundTags("/tags/new-tag")).toEqual(["site", "tag:new-tag"]);
    expect(notFoundTags("/tags/new-tag/page/2")).toEqual(["site", "tag:new-tag"]);
    expect(notFoundTags("/authors/someone")).toEqual(["site", "author:someone"]);
    expect(notFoundTags("/about")).toEqual(["site", "page:about"]);
    expect(notFoundTags("/article-pages/x")).toEqual([]);
    expect(notFoundTags("/news/Not A Slug")).toEqual([]);
    expect(notFoundTags("/")).toEqual([]);
  });
});

describe("pages that read a query parameter", () => {
  it("are each listed in PAGE_PARAMETERS (keep the VCL in step by hand), or the door drops what they read", () => {
    const root = path.resolve(__dirname, "..");
    const readers = fs
      .readdirSync(path.join(root, "app"), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name === "page.tsx" && /\bsearchParams\b/.test(fs.readFileSync(path.join(e.parentPath, e.name), "utf8")))
      .map((e) => `/${path.relative(path.join(root, "app"), e.parentPath).split(path.sep).join("/")}`)
      .sort();
    expect(readers.length).toBeGreaterThan(0);
    expect(readers).toEqual(Object.keys(PAGE_PARAMETERS).sort());
  });
});
