import { createRequire } from "node:module";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { redisAvailable, untilRedisReady, useTestRedis } from "../../tests/redis-server";
import MastheadCacheHandler, { deserializeEntry, entryTags, serializeEntry } from "./cache-handler.mjs";
import { UNAVAILABLE, closeRedis, expireTags, resetLocalTags, withRedis } from "./redis.mjs";
import { syncState } from "../publishing/content-git";
import { runFromRequestStart } from "./request-start.mjs";

const require = createRequire(import.meta.url);
const FileSystemCache = require("next/dist/server/lib/incremental-cache/file-system-cache.js").default;
const nodeFs = require("next/dist/server/lib/node-fs-methods.js").nodeFs;

const KEY = "/route-cache/APP_PAGE/9b743e9daa8707f5bc182a5c35fe20520f1590b5aece7865b0d1ed87a1fbc87e/$/culture/harbour-lights-festival";
const TAGS = "_N_T_/layout,_N_T_/[...path]/layout,_N_T_/[...path]/page,_N_T_/culture/harbour-lights-festival";

function page(title: string) {
  return {
    kind: "APP_PAGE",
    html: `<h1>${title}</h1>`,
    rscData: Buffer.from(`rsc ${title} \u00ff\u0000`, "latin1"),
    status: 200,
    postponed: undefined,
    headers: { "x-next-cache-tags": TAGS, "x-nextjs-stale-time": "300" },
    segmentData: new Map([["/_tree", Buffer.from("tree")], ["/_full", Buffer.from("full")]]),
  };
}

function distDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-cache-"));
  fs.mkdirSync(path.join(dir, "server"), { recursive: true });
  fs.writeFileSync(path.join(dir, "BUILD_ID"), "test-build");
  return path.join(dir, "server");
}

const handlerFor = (serverDistDir: string) =>
  new MastheadCacheHandler({ fs: nodeFs, serverDistDir, flushToDisk: true, maxMemoryCacheSize: 0, revalidatedTags: [], _requestHeaders: {}, dev: false });
const ctx = { kind: "APP_PAGE", isFallback: false, isRoutePPREnabled: false };
const setCtx = { ...ctx, cacheControl: { revalidate: 60, expire: 31536000 } };
/** Forgets this process's copies, as a second instance would not have them. */
const forgetLocal = () => {
  FileSystemCache.memoryCache = undefined;
  resetLocalTags();
};

describe("entry serialisation", () => {
  it("keeps Buffers (byte for byte) and Maps through JSON", () => {
    const entry = { lastModified: 1, value: page("Round trip") };
    const back = deserializeEntry(serializeEntry(entry));
    expect(Buffer.isBuffer(back.value.rscData)).toBe(true);
    expect(back.value.rscData.equals(entry.value.rscData)).toBe(true);
    expect(back.value.segmentData).toBeInstanceOf(Map);
    expect(back.value.segmentData.get("/_tree").toString()).toBe("tree");
    expect(back.value.html).toBe("<h1>Round trip</h1>");
  });

  it("finds a page's tags in its header and a fetch's in its context", () => {
    expect(entryTags({ value: page("x") })).toContain("_N_T_/culture/harbour-lights-festival");
    expect(entryTags({ tags: ["article:a"], value: { kind: "FETCH" } }, { tags: ["wp"], softTags: ["_N_T_/x"] }).sort()).toEqual(["_N_T_/x", "article:a", "wp"]);
  });
});

describe("without REDIS_URL: Next's own file-system cache", () => {
  it("writes to disk under the scoped key and expires by tag", async () => {
    delete process.env.REDIS_URL;
    forgetLocal();
    const dir = distDir();
    const handler = handlerFor(dir);
    await handler.set(KEY, page("On disk"), setCtx);
    expect(fs.existsSync(path.join(dir, `${KEY}.html`))).toBe(true);
    expect((await handler.get(KEY, ctx))?.value.html).toBe("<h1>On disk</h1>");
    await handler.revalidateTag(["_N_T_/culture/harbour-lights-festival"]);
    expect(await handler.get(KEY, ctx)).toBeNull();
  });

  it("does not keep a render that began before a publish expired its page (issue 28); one begun after is kept", async () => {
    delete process.env.REDIS_URL;
    forgetLocal();
    const handler = handlerFor(distDir());
    await handler.set(KEY, page("Before the edit"), setCtx);
    // A reader's request begins and its render reads the article; the publish reloads the content
    // and expires the page; then the render finishes and Next stores it (later than the expiry).
    await runFromRequestStart(async () => {
      await nextMillisecond();
      await expireTags(["_N_T_/culture/harbour-lights-festival"]);
      await nextMillisecond();
      await handler.set(KEY, page("Rendered from before the edit"), setCtx);
    });
    expect(await handler.get(KEY, ctx)).toBeNull();
    await nextMillisecond();
    await runFromRequestStart(() => handler.set(KEY, page("After the edit"), setCtx));
    expect((await handler.get(KEY, ctx))?.value.html).toBe("<h1>After the edit</h1>");
  });
});

/** Resolves once the clock has moved on (an expiry and a write in one millisecond count as overlapping anyway). */
async function nextMillisecond() {
  const t = Date.now();
  while (Date.now() <= t) await new Promise((r) => setImmediate(r));
}

describe.skipIf(!redisAvailable())("with REDIS_URL: shared through a real Redis", () => {
  const redis = useTestRedis(3507);
  beforeEach(async () => {
    forgetLocal();
    for (let i = 0; i < 200 && (await withRedis("ping", (c) => c.ping())) === UNAVAILABLE; i++) await new Promise((r) => setTimeout(r, 25));
    await withRedis("flush", (c) => c.flushAll());
  });

  it("an entry one instance renders is served by another, under the build id and Next's key", async () => {
    await handlerFor(distDir()).set(KEY, page("Rendered on A"), setCtx);
    expect(await withRedis("keys", (c) => c.exists(`masthead:test-build:${KEY}`))).toBe(1);
    forgetLocal();
    const onB = await handlerFor(distDir()).get(KEY, ctx);
    expect(onB?.value.html).toBe("<h1>Rendered on A</h1>");
    expect(onB?.value.segmentData.get("/_full").toString()).toBe("full");
    expect(onB?.cacheControl).toEqual({ revalidate: 60, expire: 31536000 });
  });

  it("a path revalidated on one instance is a miss on every other", async () => {
    await handlerFor(distDir()).set(KEY, page("Old"), setCtx);
    forgetLocal();
    // Instance A's webhook: revalidatePath("/culture/harbour-lights-festival").
    await handlerFor(distDir()).revalidateTag(["_N_T_/culture/harbour-lights-festival"]);
    forgetLocal();
    expect(await handlerFor(distDir()).get(KEY, ctx)).toBeNull();
    // Re-rendered afterwards: fresh again for everyone.
    await new Promise((r) => setTimeout(r, 2));
    await handlerFor(distDir()).set(KEY, page("New"), setCtx);
    forgetLocal();
    expect((await handlerFor(distDir()).get(KEY, ctx))?.value.html).toBe("<h1>New</h1>");
  });

  it("an instance behind the others (a commit it could not fetch) keeps its renders to itself", async () => {
    const behind = syncState();
    behind.missed.push({ change: { slug: "harbour-lights-festival" }, plan: {}, commit: "f".repeat(40) });
    try {
      const handler = handlerFor(distDir());
      await handler.set(KEY, page("Rendered from an old copy"), setCtx);
      expect(await withRedis("keys", (c) => c.exists(`masthead:test-build:${KEY}`))).toBe(0);
      // This instance still serves it from its own memory (whoever asks it gets an answer).
      expect((await handler.get(KEY, ctx))?.value.html).toBe("<h1>Rendered from an old copy</h1>");
    } finally {
      behind.missed.length = 0;
    }
    // In step again: shared as before.
    await handlerFor(distDir()).set(KEY, page("Rendered in step"), setCtx);
    expect(await withRedis("keys", (c) => c.exists(`masthead:test-build:${KEY}`))).toBe(1);
  });

  it("with Redis frozen, serves and expires this instance's own copy at once", async () => {
    const handler = handlerFor(distDir());
    await handler.set(KEY, page("Local copy"), setCtx);
    redis().freeze();
    try {
      const started = Date.now();
      expect((await handler.get(KEY, ctx))?.value.html).toBe("<h1>Local copy</h1>");
      await handler.set(KEY, page("Written while frozen"), setCtx);
      expect((await handler.get(KEY, ctx))?.value.html).toBe("<h1>Written while frozen</h1>");
      await new Promise((r) => setTimeout(r, 2)); // an expiry in the same millisecond as the write does not count (Next's rule)
      await expireTags(["_N_T_/culture/harbour-lights-festival"]);
      expect(await handler.get(KEY, ctx)).toBeNull();
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      redis().thaw();
    }
  });
});
