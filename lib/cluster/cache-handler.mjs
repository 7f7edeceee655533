// Next's page/data cache (next.config.ts `cacheHandler`), shared through Redis when REDIS_URL is set
// at run time, and exactly Next's own file-system cache when it is not (docs/decisions/0070).
//
// Loaded by Next with a native import (not bundled), once per request: state is module- or
// globalThis-wide. Next 16.4 gives a custom handler opaque, route-scoped keys
// ("/route-cache/APP_PAGE/<hash>/$/news/x"); prerendered pages of the build stay where `next build`
// put them and Next's FileSystemCache knows how to read them under those keys, so it stays in here:
// - REDIS_URL unset (or during `next build`): every call goes to FileSystemCache, unchanged.
// - REDIS_URL set: entries are read from and written to Redis (key: build id + Next's key); a key
//   Redis does not have falls back to the build's prerendered copy, read by FileSystemCache; an
//   in-process memory copy of what this instance wrote serves while Redis is away.
// Either way an entry is checked against the tag expiry every instance wrote (./redis.mjs), with
// Next's own rules (expired → miss, re-rendered before the reader gets it; stale → served once more
// while it re-renders), so a webhook on any instance reaches them all.
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import {
  UNAVAILABLE,
  expireTags,
  isExpiredBy,
  redisConfigured,
  redisKeyPrefix,
  tagStates,
  touchedSince,
  withRedis,
} from "./redis.mjs";
import { requestStartedAt } from "./request-start.mjs";
import { publishMetrics, redisMetrics } from "../observability/metrics.mjs";
import { contentBehind } from "../publishing/in-step.mjs";

const require = createRequire(import.meta.url);
const FileSystemCache = require("next/dist/server/lib/incremental-cache/file-system-cache.js").default;
// The tag manifest Next's IncrementalCache consults after every read; mirroring Redis's stale times
// into it gives remote "stale" invalidations Next's exact stale-while-revalidate behaviour.
const { tagsManifest } = require("next/dist/server/lib/incremental-cache/tags-manifest.external.js");

/**
 * The in-memory copies next.config leaves to us (cacheMaxMemorySize 0). With Redis they are this
 * instance's fallback while Redis is away: Next's default 50 MB. On one instance every entry is on
 * disk and the production server's response cache holds the pages readers ask for, sent before Next is
 * asked: a second copy of the same pages in memory costs RSS (each holds the HTML and the RSC
 * payload) and saves a disk read only on a response-cache miss (docs/decisions/0082).
 */
const SHARED_MEMORY_BYTES = 50 * 1024 * 1024;
const LOCAL_MEMORY_BYTES = 8 * 1024 * 1024;
/** Upper bound on how long Redis keeps an entry (Redis should also run `maxmemory-policy volatile-lru`). */
const MAX_TTL_SECONDS = 14 * 24 * 3600;
const CACHE_TAGS_HEADER = "x-next-cache-tags";
const IMPLICIT_TAG = "_N_T_";

const buildIds = new Map();
function buildIdOf(serverDistDir) {
  if (!buildIds.has(serverDistDir)) {
    let id = "unknown";
    try {
      id = fs.readFileSync(path.join(serverDistDir, "..", "BUILD_ID"), "utf8").trim();
    } catch {
      /* a build always has one; "unknown" still keeps entries apart from other builds' */
    }
    buildIds.set(serverDistDir, id);
  }
  return buildIds.get(serverDistDir);
}

// Entries hold Buffers (rscData, route bodies) and Maps (segmentData): JSON with tagged values.
function replacer(key, value) {
  const raw = this[key];
  if (Buffer.isBuffer(raw)) return { $b: raw.toString("base64") };
  if (raw instanceof Map) return { $m: [...raw] };
  return value;
}
function reviver(_key, value) {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    if (typeof value.$b === "string" && Object.keys(value).length === 1) return Buffer.from(value.$b, "base64");
    if (Array.isArray(value.$m) && Object.keys(value).length === 1) return new Map(value.$m);
  }
  return value;
}
export function serializeEntry(entry) {
  return JSON.stringify(entry, replacer);
}
export function deserializeEntry(text) {
  return JSON.parse(text, reviver);
}

/** The tags an entry answers to: its render's tags (pages, routes) or its fetch/unstable_cache tags. */
export function entryTags(entry, ctx = {}) {
  const tags = new Set([...(entry?.tags ?? []), ...(ctx.tags ?? []), ...(ctx.softTags ?? [])]);
  const header = entry?.value?.headers?.[CACHE_TAGS_HEADER];
  if (typeof header === "string") for (const tag of header.split(",")) if (tag) tags.add(tag);
  return [...tags];
}

function ttlSeconds(ctx) {
  const expire = ctx?.cacheControl?.expire;
  return Math.max(1, Math.min(typeof expire === "number" && expire > 0 ? expire : MAX_TTL_SECONDS, MAX_TTL_SECONDS));
}

function mirrorIntoNext(states) {
  for (const [tag, value] of states) {
    const current = tagsManifest.get(tag) ?? {};
    const next = { ...current };
    if ((value.stale ?? 0) > (current.stale ?? 0)) next.stale = value.stale;
    if ((value.expired ?? 0) > (current.expired ?? 0)) next.expired = value.expired;
    if (next.stale !== current.stale || next.expired !== current.expired) tagsManifest.set(tag, next);
  }
}

const building = () => process.env.NEXT_PHASE === "phase-production-build";

export default class MastheadCacheHandler {
  constructor(ctx) {
    this.shared = redisConfigured() && !building();
    this.buildId = buildIdOf(ctx.serverDistDir ?? ".");
    this.local = new FileSystemCache({
      ...ctx,
      maxMemoryCacheSize: this.shared ? SHARED_MEMORY_BYTES : LOCAL_MEMORY_BYTES,
      // Shared mode: Redis is the store; this instance's copies stay in memory (the fallback).
      flushToDisk: this.shared ? false : ctx.flushToDisk,
    });
  }

  redisKey(key) {
    return `${redisKeyPrefix()}${this.buildId}:${key}`;
  }

  async get(key, ctx) {
    let entry = null;
    if (this.shared) {
      const stored = await withRedis("cache read", (client) => client.get(this.redisKey(key)));
      redisMetrics().cache.inc({ outcome: stored === UNAVAILABLE ? "error" : typeof stored === "string" ? "hit" : "miss" });
      if (stored !== UNAVAILABLE && typeof stored === "string") {
        try {
          entry = deserializeEntry(stored);
        } catch {
          entry = null;
        }
      }
    }
    // Not in Redis (or Redis away): the build's prerendered copy, or this instance's memory copy.
    entry ??= await this.local.get(key, ctx);
    if (!entry) return null;
    const states = await tagStates(entryTags(entry, ctx));
    if (isExpiredBy(states, entry.lastModified ?? 0)) return null;
    mirrorIntoNext(states);
    return entry;
  }

  async set(key, data, ctx) {
    // A render that began before a publish expired one of its tags read the content the publish
    // replaced; stored now, it would be dated after the expiry and count as fresh. It is still sent
    // to its readers, not kept: the previous entry stays expired and the next request renders anew
    // (docs/decisions/0300). Outside a request of the production server (a build) nothing is known.
    const began = requestStartedAt();
    if (began !== undefined && data) {
      const tags = entryTags({ value: data, tags: ctx?.fetchCache ? ctx.tags : undefined }, ctx);
      if (tags.length > 0 && touchedSince(await tagStates(tags), began)) {
        publishMetrics().notKept.inc();
        return;
      }
    }
    await this.local.set(key, data, ctx);
    // Behind the other instances, this one renders from an old copy of the content: kept to itself.
    if (!this.shared || !data || contentBehind()) return;
    const entry = {
      value: data,
      lastModified: Date.now(),
      cacheControl: ctx?.fetchCache ? undefined : ctx?.cacheControl,
      tags: ctx?.fetchCache ? ctx.tags ?? [] : undefined,
    };
    await withRedis("cache write", (client) => client.set(this.redisKey(key), serializeEntry(entry), { EX: ttlSeconds(ctx) }));
  }

  async revalidateTag(tags, durations) {
    await Promise.all([this.local.revalidateTag(tags, durations), expireTags(tags, durations)]);
  }

  resetRequestCache() {
    this.local.resetRequestCache?.();
  }
}

export { IMPLICIT_TAG };
