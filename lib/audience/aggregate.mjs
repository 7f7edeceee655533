// Reads and real-user figures, gathered in this process and written every few seconds to where every
// instance sees them (docs/decisions/0180):
// - Redis when REDIS_URL is set: one sorted set of reads per scope (the site, each section) per hour,
//   one hash of histogram buckets per hour; every instance adds to the same keys, so the ranking is
//   one for all of them;
// - otherwise this process's memory (the embedded default of a single instance), or the reader data
//   store when one is attached (attachStore).
// A write that fails (Redis down or slow) is kept and retried with the next flush, up to a bound:
// counting pauses, nothing waits for it, no reader sees an error.
//
// Plain JavaScript on globalThis: the production server (server/beacon.ts) records, the
// Next bundles (lib/audience/most-read.ts) read, in the same process.
import { UNAVAILABLE, redisConfigured, redisKeyPrefix, withRedis } from "../cluster/redis.mjs";
import { HOUR_MS, METRICS, METRIC_NAMES, WINDOW_HOURS, bucketOf, hourOf, quantile, scopesOf } from "./protocol.mjs";
import { beaconMetrics } from "../observability/metrics.mjs";
import { peekProcessSingleton, processSingleton, setProcessSingleton } from "../config/singleton.mjs";

export const FLUSH_MS = 2000;
/** Distinct (hour, scope, article) counts held while the backend is away; beyond, new reads are dropped. */
export const MAX_PENDING = 50_000;
/** Hours a key lives in Redis: the window and one more, so the oldest hour of the window is whole. */
const KEEP_SECONDS = (WINDOW_HOURS + 1) * 3600;


const readsKey = (scope, hour) => `${redisKeyPrefix()}reads:${scope}:${hour}`;
const vitalsKey = (hour) => `${redisKeyPrefix()}vitals:${hour}`;

function state() {
  return processSingleton("audience.aggregate", () => ({
    /** "hour\tscope\tslug" → reads not yet written */
    reads: new Map(),
    /** "hour\tpageType\tmetric\tbucket" → count not yet written */
    vitals: new Map(),
    dropped: 0,
    /** Beacons whose counts wait in `reads`/`vitals` (masthead_beacons_total{outcome="flushed"} once written). */
    beacons: 0,
    timer: null,
    flushing: null,
    /** The embedded backend: hour → scope → slug → count; hour → "type\tmetric\tbucket" → count. */
    memory: { reads: new Map(), vitals: new Map() },
    store: null,
    storeFailing: false,
  }));
}

function ensureTimer(s) {
  if (s.timer) return;
  s.timer = setInterval(() => void flush(), FLUSH_MS);
  s.timer.unref?.();
}

/** Adds n to a pending count; false when the bound of pending counts left it out. */
function add(map, key, n) {
  if (!map.has(key) && map.size >= MAX_PENDING) {
    state().dropped += n;
    return false;
  }
  map.set(key, (map.get(key) ?? 0) + n);
  return true;
}

/** Counts one beacon as pending, or as dropped when any of its counts was left out. */
function pending(s, kept) {
  if (kept) s.beacons++;
  else beaconMetrics().beacons.inc({ outcome: "dropped" });
}

/** One read of an article of section `sectionPath`: it counts for the site and each of its sections. */
export function recordRead(slug, sectionPath, now = Date.now()) {
  const s = state();
  const hour = hourOf(now);
  let kept = true;
  for (const scope of scopesOf(sectionPath)) kept = add(s.reads, `${hour}\t${scope}\t${slug}`, 1) && kept;
  pending(s, kept);
  ensureTimer(s);
}

/** One page view's figures: { LCP: ms, … }. */
export function recordVitals(pageType, values, now = Date.now()) {
  const s = state();
  const hour = hourOf(now);
  let kept = true;
  for (const [metric, value] of Object.entries(values)) kept = add(s.vitals, `${hour}\t${pageType}\t${metric}\t${bucketOf(metric, value)}`, 1) && kept;
  pending(s, kept);
  ensureTimer(s);
}

/** Which backend holds the figures of this process. */
export function backendName() {
  return redisConfigured() ? "redis" : state().store ? "store" : "memory";
}

/**
 * Attaches the reader data store (lib/audience/store.ts; attached at start when REDIS_URL is unset):
 * an object with add(readRows, vitalRows) — all or nothing —, topReads(scope, fromHour, limit) and
 * vitals(fromHour). null detaches it (this process's memory again).
 */
export function attachStore(store) {
  state().store = store;
}

function oldestHour(now) {
  return hourOf(now) - WINDOW_HOURS + 1;
}

/** Writes what was gathered. Resolves when done (or kept for the next attempt); never rejects. */
export function flush(now = Date.now()) {
  const s = state();
  if (s.flushing) return s.flushing;
  if (s.reads.size === 0 && s.vitals.size === 0) return Promise.resolve();
  const reads = s.reads;
  const vitals = s.vitals;
  const beacons = s.beacons;
  s.reads = new Map();
  s.vitals = new Map();
  s.beacons = 0;
  s.flushing = write(reads, vitals, now)
    .then((ok) => {
      if (ok) {
        beaconMetrics().beacons.inc({ outcome: "flushed" }, beacons);
        return;
      }
      s.beacons += beacons;
      // Put back what could not be written, except hours that left the window meanwhile.
      const oldest = oldestHour(Date.now());
      for (const [key, n] of reads) if (Number(key.split("\t", 1)[0]) >= oldest) add(s.reads, key, n);
      for (const [key, n] of vitals) if (Number(key.split("\t", 1)[0]) >= oldest) add(s.vitals, key, n);
    })
    .catch(() => {})
    .finally(() => {
      s.flushing = null;
    });
  return s.flushing;
}

async function write(reads, vitals, now) {
  const backend = backendName();
  if (backend === "redis") {
    const result = await withRedis("audience flush", async (client) => {
      const multi = client.multi();
      const keys = new Set();
      for (const [key, n] of reads) {
        const [hour, scope, slug] = key.split("\t");
        const k = readsKey(scope, hour);
        multi.zIncrBy(k, n, slug);
        keys.add(k);
      }
      for (const [key, n] of vitals) {
        const [hour, type, metric, bucket] = key.split("\t");
        const k = vitalsKey(hour);
        multi.hIncrBy(k, `${type}\t${metric}\t${bucket}`, n);
        keys.add(k);
      }
      for (const k of keys) multi.expire(k, KEEP_SECONDS);
      return multi.exec();
    });
    return result !== UNAVAILABLE;
  }
  if (backend === "store") {
    const s = state();
    const readRows = [...reads].map(([key, n]) => {
      const [hour, scope, slug] = key.split("\t");
      return { hour: Number(hour), scope, slug, count: n };
    });
    const vitalRows = [...vitals].map(([key, n]) => {
      const [hour, pageType, metric, bucket] = key.split("\t");
      return { hour: Number(hour), pageType, metric, bucket: Number(bucket), count: n };
    });
    try {
      // One transaction: all of this flush is written, or none of it (and it is retried whole).
      await s.store.add(readRows, vitalRows);
      if (s.storeFailing) console.log("Read counts are written to the reader data store again.");
      s.storeFailing = false;
      return true;
    } catch (error) {
      // Said once per outage, not every flush.
      if (s.storeFailing) return false;
      s.storeFailing = true;
      console.warn(`Read counts could not be written to the reader data store (${error instanceof Error ? error.message : error}); kept for the next attempt.`);
      return false;
    }
  }
  const { memory } = state();
  for (const [key, n] of reads) {
    const [hour, scope, slug] = key.split("\t");
    const h = Number(hour);
    if (!memory.reads.has(h)) memory.reads.set(h, new Map());
    const scopes = memory.reads.get(h);
    if (!scopes.has(scope)) scopes.set(scope, new Map());
    const counts = scopes.get(scope);
    counts.set(slug, (counts.get(slug) ?? 0) + n);
  }
  for (const [key, n] of vitals) {
    const [hour, ...rest] = key.split("\t");
    const h = Number(hour);
    if (!memory.vitals.has(h)) memory.vitals.set(h, new Map());
    const fields = memory.vitals.get(h);
    const field = rest.join("\t");
    fields.set(field, (fields.get(field) ?? 0) + n);
  }
  const oldest = oldestHour(now);
  for (const h of memory.reads.keys()) if (h < oldest) memory.reads.delete(h);
  for (const h of memory.vitals.keys()) if (h < oldest) memory.vitals.delete(h);
  return true;
}

/**
 * The most-read articles of a scope ("site" or "section:<path>") over the last 24 hours, most read
 * first (ties: the slug, so every instance orders them alike): [{ slug, reads }]. null when the
 * backend cannot be asked now (Redis down): callers keep what they showed.
 */
export async function topReads(scope, limit, now = Date.now()) {
  const first = oldestHour(now);
  const last = hourOf(now);
  const backend = backendName();
  let entries;
  if (backend === "redis") {
    const keys = [];
    for (let h = first; h <= last; h++) keys.push(readsKey(scope, h));
    const result = await withRedis("most read", async (client) => {
      const dest = `${redisKeyPrefix()}reads:top:${scope}`;
      const [, , top] = await client.multi().zUnionStore(dest, keys).expire(dest, 60).zRangeWithScores(dest, 0, limit - 1, { REV: true }).exec();
      return top;
    });
    if (result === UNAVAILABLE) return null;
    entries = result.map(({ value, score }) => ({ slug: String(value), reads: Number(score) }));
  } else if (backend === "store") {
    try {
      entries = await state().store.topReads(scope, first, limit);
    } catch {
      return null;
    }
  } else {
    const totals = new Map();
    for (const [h, scopes] of state().memory.reads) {
      if (h < first) continue;
      for (const [slug, n] of scopes.get(scope) ?? []) totals.set(slug, (totals.get(slug) ?? 0) + n);
    }
    entries = [...totals].map(([slug, reads]) => ({ slug, reads }));
  }
  return entries.sort((a, b) => b.reads - a.reads || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0)).slice(0, limit);
}

/**
 * The real-user figures of the last 24 hours: { [pageType]: { [metric]: { count, p75, buckets } } }.
 * null when the backend cannot be asked now.
 */
export async function vitalsSummary(now = Date.now()) {
  const first = oldestHour(now);
  const last = hourOf(now);
  const counts = new Map(); // "type\tmetric\tbucket" → n
  const backend = backendName();
  const addField = (field, n) => counts.set(field, (counts.get(field) ?? 0) + Number(n));
  if (backend === "redis") {
    const result = await withRedis("vitals read", async (client) => {
      const multi = client.multi();
      for (let h = first; h <= last; h++) multi.hGetAll(vitalsKey(h));
      return multi.exec();
    });
    if (result === UNAVAILABLE) return null;
    for (const hash of result) for (const [field, n] of Object.entries(hash ?? {})) addField(field, n);
  } else if (backend === "store") {
    try {
      for (const row of await state().store.vitals(first)) addField(`${row.pageType}\t${row.metric}\t${row.bucket}`, row.count);
    } catch {
      return null;
    }
  } else {
    for (const [h, fields] of state().memory.vitals) if (h >= first) for (const [field, n] of fields) addField(field, n);
  }
  const summary = {};
  for (const [field, n] of counts) {
    const [type, metric, bucket] = field.split("\t");
    if (!METRIC_NAMES.includes(metric)) continue;
    summary[type] ??= {};
    summary[type][metric] ??= { count: 0, p75: null, buckets: new Array(METRICS[metric].buckets.length + 1).fill(0) };
    const b = Number(bucket);
    if (b >= 0 && b < summary[type][metric].buckets.length) summary[type][metric].buckets[b] += n;
  }
  for (const metrics of Object.values(summary)) {
    for (const [metric, h] of Object.entries(metrics)) {
      h.count = h.buckets.reduce((a, b) => a + b, 0);
      h.p75 = quantile(metric, h.buckets, 0.75);
    }
  }
  return summary;
}

/** What is waiting to be written, and what was dropped while the backend was away (tests, metrics). */
export function pendingStats() {
  const s = state();
  return { reads: s.reads.size, vitals: s.vitals.size, dropped: s.dropped };
}

/** Forgets everything of this process (tests). */
export function resetAggregate() {
  const s = peekProcessSingleton("audience.aggregate");
  if (s?.timer) clearInterval(s.timer);
  setProcessSingleton("audience.aggregate", undefined);
}

export { HOUR_MS };
