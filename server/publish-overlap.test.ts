/**
 * A render that began before a publish and finished after it (issue 28: an edit of a cached article
 * stayed old for two seconds after the folder watch published it): the production server's pieces
 * over real HTTP — the response cache and the delivery of server/main.ts, a publish's `applyPlan` —
 * with Next replaced by a page whose render the test holds open, reading the content when it begins
 * and sharing one render between the requests that arrive meanwhile, as Next does.
 */
import http from "node:http";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cacheKey, ResponseCache } from "./response-cache";
import { createDelivery, type Asked } from "./deliver";
import { ownAnswers } from "./own-answers";
import { CACHE_STATE_HEADER } from "./internal-headers";
import { TAGS_HEADER } from "./finish";
import { registerResponseCache } from "../lib/publishing/response-cache-bridge";
import { applyPlan } from "../lib/publishing/apply";

const PAGE = "/news/local/harbour-bridge-reopens";
const PLAN = { tags: ["article:harbour-bridge-reopens"], paths: [PAGE], everything: false };

/** What the content source holds now (a publish changes it before it expires the pages). */
let title = "Harbour bridge reopens";
/** Renders in progress share one result (Next's batching of concurrent requests for one page). */
let inProgress: Promise<string> | null = null;
/** While set, a render waits for it after reading the content. */
let hold: { promise: Promise<void>; release: () => void } | null = null;
let rendersBegun = 0;

function holdRenders() {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  hold = { promise, release };
  return () => {
    hold = null;
    release();
  };
}

async function render(): Promise<string> {
  rendersBegun++;
  const read = title;
  if (hold) await hold.promise;
  // Long enough to be compressed and stored (deliver.ts keeps nothing of 1 KB or less).
  return `<!DOCTYPE html><html><head><title>${read}</title></head><body><h1>${read}</h1>${"<p>The harbour bridge story.</p>".repeat(60)}</body></html>`;
}

const cache = new ResponseCache();
const dist = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-overlap-"));
const { send, finish, begin } = createDelivery({ cache, own: ownAnswers(dist) });

// The request path of server/main.ts: the response cache first, else "Next", finished and maybe stored.
const server = http.createServer(async (req, res) => {
  const key = cacheKey(req);
  const asked: Asked = { acceptEncoding: req.headers["accept-encoding"], head: false };
  const entry = key ? cache.get(key) : undefined;
  if (entry) return void send(req, res, entry, asked, "hit");
  if (key) asked.flight = begin(res, key);
  inProgress ??= render().finally(() => (inProgress = null));
  const html = await inProgress;
  res.statusCode = 200;
  res.setHeader("content-type", "text/html; charset=utf-8");
  res.setHeader("cache-control", "public, max-age=0, s-maxage=60, stale-while-revalidate=300");
  res.setHeader(TAGS_HEADER, `site ${PLAN.tags[0]}`);
  await finish(req, res, Buffer.from(html), key, asked);
});

let base = "";
beforeAll(async () => {
  registerResponseCache(cache);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dist, { recursive: true, force: true });
});
afterEach(() => {
  cache.clear();
  hold?.release();
  hold = null;
  title = "Harbour bridge reopens";
});

async function readWithPolicy(): Promise<{ title: string; state: string | null; cacheControl: string }> {
  const res = await fetch(base + PAGE, { headers: { accept: "text/html", "accept-encoding": "br, gzip" } });
  const body = await res.text();
  return { title: /<h1>(.*?)<\/h1>/.exec(body)?.[1] ?? "", state: res.headers.get(CACHE_STATE_HEADER), cacheControl: res.headers.get("cache-control") ?? "" };
}

async function read(): Promise<{ title: string; state: string | null }> {
  const { title, state } = await readWithPolicy();
  return { title, state };
}

/** Waits until `count` renders have read the content (no timing: the renders say so). */
async function untilRendersBegun(count: number) {
  for (let i = 0; rendersBegun < count; i++) {
    if (i > 10_000) throw new Error("the render never began");
    await new Promise((r) => setTimeout(r, 1));
  }
}

/** An editor's publish: the content changes, then the page's tags are expired (lib/publishing/publish.ts). */
async function publish(newTitle: string) {
  title = newTitle;
  await applyPlan(PLAN);
}

describe("a page rendered across a publish", () => {
  it("is kept when no publish happened meanwhile (the cache still works)", async () => {
    const release = holdRenders();
    const first = read();
    await untilRendersBegun(rendersBegun + 1);
    release();
    expect(await first).toEqual({ title: "Harbour bridge reopens", state: "miss" });
    expect(await read()).toEqual({ title: "Harbour bridge reopens", state: "hit" });
  });

  it("is sent to the reader who asked, but the next reader gets the edit", async () => {
    // A reader asks; the render reads the content just before the edit lands.
    const release = holdRenders();
    const during = read();
    await untilRendersBegun(rendersBegun + 1);
    await publish("Harbour bridge reopens after repairs");
    release();
    expect((await during).title).toBe("Harbour bridge reopens");
    expect(await read()).toEqual({ title: "Harbour bridge reopens after repairs", state: "miss" });
    expect(await read()).toEqual({ title: "Harbour bridge reopens after repairs", state: "hit" });
  });

  it("is kept by no cache in front either (the edge's purge came before it was sent)", async () => {
    const notKept = cache.stats().notKept;
    const release = holdRenders();
    const during = readWithPolicy();
    await untilRendersBegun(rendersBegun + 1);
    await publish("Harbour bridge reopens after repairs");
    release();
    const old = await during;
    expect(old.title).toBe("Harbour bridge reopens");
    expect(old.cacheControl).toMatch(/\bno-store\b/);
    expect(cache.stats().notKept).toBe(notKept + 1);
    // The render begun after the publish keeps its shared lifetime.
    const fresh = await readWithPolicy();
    expect(fresh.title).toBe("Harbour bridge reopens after repairs");
    expect(fresh.cacheControl).toMatch(/s-maxage=60/);
  });

  it("is not kept from a reader who arrived after the publish and was given that same render", async () => {
    const misses = cache.stats().misses;
    const release = holdRenders();
    const before = read();
    await untilRendersBegun(rendersBegun + 1);
    await publish("Harbour bridge reopens after repairs");
    // Asked after the publish, answered by the render in progress (the old title): not stored either.
    const after = read();
    // The second request has reached the render in progress once the cache counts its miss.
    for (let i = 0; cache.stats().misses < misses + 2; i++) {
      if (i > 10_000) throw new Error("the second request never arrived");
      await new Promise((r) => setTimeout(r, 1));
    }
    release();
    expect((await before).title).toBe("Harbour bridge reopens");
    expect((await after).title).toBe("Harbour bridge reopens");
    expect((await read()).title).toBe("Harbour bridge reopens after repairs");
  });
});
