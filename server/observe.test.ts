/** The production server's request observation (observe.ts), over real HTTP. */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../lib/observability/log";
import { loggedPath, requestId, requestObserver, routeKind, STALE } from "./observe";

const servers: ReturnType<typeof createServer>[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _e, cb) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      cb();
    },
  });
  const seen: Record<string, unknown>[] = [];
  const observe = requestObserver({ log: createLogger({ destination, env: {} }), onDone: (r) => seen.push({ ...r }) });
  const headersSeen: string[] = [];
  const server = createServer((req, res) => {
    observe(req, res);
    headersSeen.push(String(req.headers["x-request-id"]));
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const until = async (n: number) => {
    for (let i = 0; i < 200 && lines.length < n; i++) await new Promise((r) => setTimeout(r, 10));
  };
  return { base, lines, seen, headersSeen, until };
}

describe("one log line per request", () => {
  it("names the request, the path without its query, the status, the cache outcome and the route kind", async () => {
    const { base, lines, until } = await serve((_req, res) => {
      res.setHeader("surrogate-key", "site article:a-story section:news");
      res.setHeader("x-masthead-cache", "hit");
      res.end("ok");
    });
    await (await fetch(`${base}/news/a-story?utm_source=x&email=jane@example.org`, { headers: { "x-request-id": "edge-42" } })).text();
    await until(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "info", event: "request", requestId: "edge-42", method: "GET", path: "/news/a-story", status: 200, cache: "hit", kind: "article" });
    expect(typeof lines[0].ms).toBe("number");
    expect(JSON.stringify(lines[0])).not.toContain("utm_source");
  });

  it("makes a request id when the edge sent none (or an implausible one) and hands it to the application", async () => {
    const { base, lines, headersSeen, until } = await serve((_req, res) => res.end());
    await (await fetch(`${base}/a`)).text();
    await (await fetch(`${base}/b`, { headers: { "x-request-id": "jane@example.org" } })).text();
    await until(2);
    expect(headersSeen[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(headersSeen[1]).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.map((l) => l.requestId)).toEqual(headersSeen);
  });

  it("logs a server error at level error, and a response the client abandoned", async () => {
    const { base, lines, until } = await serve((req, res) => {
      if (req.url === "/fail") {
        res.statusCode = 503;
        res.end();
      } else res.write("partial"); // never ends
    });
    await (await fetch(`${base}/fail`)).text();
    const controller = new AbortController();
    const response = await fetch(`${base}/slow`, { signal: controller.signal });
    controller.abort();
    await response.text().catch(() => {});
    await until(2);
    expect(lines[0]).toMatchObject({ level: "error", status: 503, cache: "none" });
    expect(lines[1]).toMatchObject({ path: "/slow", aborted: true });
  });

  it("writes a counted beacon and a health probe at debug only; a refused beacon at info", async () => {
    const { base, lines, seen, until } = await serve((req, res) => {
      res.statusCode = req.url === "/api/beacon?bad" ? 400 : req.url === "/readyz" ? 503 : 204;
      res.end();
    });
    for (const path of ["/api/beacon", "/api/beacon", "/readyz", "/api/beacon?bad"]) await (await fetch(base + path, { method: path === "/readyz" ? "GET" : "POST" })).text();
    await until(1);
    // Every one is observed (and counted in the metrics), but only the refused beacon is a line.
    await expect.poll(() => seen.length).toBe(4);
    expect(seen.map((r) => r.kind)).toEqual(["beacon", "beacon", "health", "beacon"]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "info", kind: "beacon", status: 400, path: "/api/beacon" });
  });

  it("says stale for a hit on a version past its lifetime", async () => {
    const { base, seen, until } = await serve((_req, res) => {
      (res as unknown as Record<symbol, boolean>)[STALE] = true;
      res.setHeader("x-masthead-cache", "hit");
      res.end();
    });
    await (await fetch(`${base}/`)).text();
    await until(1);
    expect(seen[0]).toMatchObject({ cache: "stale" });
  });
});

describe("route kinds and paths", () => {
  it("bounded names from the path, the status and the page's cache tags", () => {
    expect(routeKind("/_next/static/chunks/a.js", undefined, 200)).toBe("asset");
    expect(routeKind("/_next/image", undefined, 200)).toBe("image");
    expect(routeKind("/content-images/a.jpg", undefined, 200)).toBe("image");
    expect(routeKind("/readyz", undefined, 503)).toBe("health");
    expect(routeKind("/api/revalidate", undefined, 401)).toBe("webhook");
    expect(routeKind("/api/search", "site", 200)).toBe("api");
    expect(routeKind("/api/beacon", undefined, 204)).toBe("beacon");
    expect(routeKind("/api/beacons", undefined, 404)).toBe("api");
    expect(routeKind("/old-slug", undefined, 301)).toBe("redirect");
    expect(routeKind("/nope", undefined, 404)).toBe("not-found");
    expect(routeKind("/news/x", "site list article:x section:news", 200)).toBe("article");
    expect(routeKind("/news", "site list section:news", 200)).toBe("section");
    expect(routeKind("/", "site list home", 200)).toBe("home");
    expect(routeKind("/news/feed.xml", "site feed section:news", 200)).toBe("feed");
    expect(routeKind("/sitemap/2026-01.xml", "site sitemap:2026-01", 200)).toBe("sitemap");
    expect(routeKind("/authors/jane", "site author:jane", 200)).toBe("author");
    expect(routeKind("/search", undefined, 200)).toBe("search");
    expect(routeKind("/weird", undefined, 200)).toBe("other");
  });

  it("ids and paths as they may be logged", () => {
    expect(requestId("abc-123")).toBe("abc-123");
    expect(requestId("x".repeat(200))).not.toBe("x".repeat(200));
    expect(requestId(undefined)).toMatch(/^[0-9a-f-]{36}$/);
    expect(loggedPath("/a?b=c")).toBe("/a");
    expect(loggedPath(`/${"a".repeat(400)}`)).toHaveLength(257);
  });
});
