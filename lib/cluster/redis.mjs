// The process's one connection to Redis (REDIS_URL), and the shared tag-expiry state built on it.
//
// Plain JavaScript on purpose: Next loads the cache handler (./cache-handler.mjs) with a native
// import, outside its bundles, while the webhook, the bus and the rate limiter are bundled. Both
// import this file, so every piece of state is a process singleton (lib/config/singleton.mjs) and the two
// copies of the code share one client, one circuit breaker and one tag map (docs/decisions/0070).
//
// The rules for a dependency that may be down or slow (issue 16):
// - never wait on Redis for long: connect and command timeouts, no offline queue (a command sent
//   while disconnected fails at once instead of waiting for the connection to come back);
// - after a failure, leave Redis alone for a few seconds (a circuit breaker), so a slow Redis costs
//   one timeout every few seconds instead of one per request;
// - callers fall back (render, in-process cache, in-process limiter) and never fail a request;
// - say so in the log at most once a minute, and once more when Redis is back;
// - reconnect forever, in the background.
import { createClient } from "@redis/client";
import { peekProcessSingleton, processSingleton, setProcessSingleton } from "../config/singleton.mjs";
import { logger } from "../observability/log.mjs";
import { onShutdown } from "../observability/health.mjs";
import { gauge, redisMetrics } from "../observability/metrics.mjs";

export const CONNECT_TIMEOUT_MS = 1000;
export const COMMAND_TIMEOUT_MS = 500;
/** After a failed command, skip Redis this long before trying again. */
export const BREAKER_MS = 3000;
const LOG_EVERY_MS = 60_000;
const PREFIX = "masthead:";
/** Tag → "stale,expired" (epoch ms). One hash, no TTL: it must outlive every entry it judges. */
export const TAGS_KEY = `${PREFIX}tags`;
export const BUS_CHANNEL = `${PREFIX}revalidate`;


/** What a Redis operation returns when Redis could not be asked (down, slow, breaker open). */
export const UNAVAILABLE = Symbol.for("masthead.redis.unavailable");

function now() {
  return Date.now();
}

function createLogState() {
  return { lastLoggedAt: 0, suppressed: 0, down: false };
}

/** Logs a Redis problem at most once a minute per process, counting what it did not print. */
export function reportRedisProblem(what, error, log = createLogState()) {
  const state = peekProcessSingleton("redis")?.log ?? log;
  state.down = true;
  redisMetrics().failures.inc({ what: String(what).split(/[\s:(]/)[0] || "call" });
  const t = now();
  if (t - state.lastLoggedAt < LOG_EVERY_MS) {
    state.suppressed++;
    return;
  }
  const suppressed = state.suppressed;
  const more = suppressed ? ` (${state.suppressed} more Redis failures since the last message)` : "";
  state.lastLoggedAt = t;
  state.suppressed = 0;
  const message = error instanceof Error ? error.message || error.name : String(error);
  logger("redis").warn(
    { event: "redis.unavailable", what, err: error instanceof Error ? error : undefined, suppressed },
    `Redis is unavailable (${what}: ${message}); serving from this instance until it returns${more}.`,
  );
}

function connect(state) {
  const client = createClient(state.options);
  client.on("error", (error) => reportRedisProblem("connection", error));
  client.on("ready", () => {
    if (state.client !== client) return;
    state.openUntil = 0;
    if (state.log.down) logger("redis").warn({ event: "redis.available" }, "Redis is available again; the shared cache, bus and limits are back.");
    state.log = createLogState();
    for (const listener of state.onReady) Promise.resolve().then(listener).catch(() => {});
  });
  // The first connection is not awaited: a server starts (and serves) without Redis.
  client.connect().catch((error) => reportRedisProblem("connect", error));
  state.client = client;
}

function createState(url) {
  const state = {
    url,
    client: null,
    subscriber: null,
    openUntil: 0,
    log: createLogState(),
    onReady: new Set(),
    options: {
      url,
      disableOfflineQueue: true,
      commandOptions: { timeout: COMMAND_TIMEOUT_MS },
      socket: {
        connectTimeout: CONNECT_TIMEOUT_MS,
        // Forever, backing off to two seconds: an instance must recover by itself.
        reconnectStrategy: (retries) => Math.min(100 + retries * 200, 2000),
      },
    },
  };
  connect(state);
  // SIGTERM (server/shutdown.ts): closed after every flush, once no request needs it.
  onShutdown("redis", closeRedis, { stage: "close" });
  gauge({
    name: "masthead_redis_up",
    help: "1 when this instance's Redis connection is ready and its breaker closed, else 0 (only with REDIS_URL).",
    collect() {
      const current = peekProcessSingleton("redis");
      this.set(current?.client?.isReady && now() >= current.openUntil ? 1 : 0);
    },
  });
  return state;
}

class RedisTimeoutError extends Error {
  constructor(what) {
    super(`no answer within ${COMMAND_TIMEOUT_MS} ms (${what})`);
    this.name = "RedisTimeoutError";
  }
}

// node-redis's own command timeout only covers commands still waiting to be written: one already
// sent to a Redis that stopped answering (frozen, overloaded, a dead link without a reset) waits
// for ever. So the deadline is ours, and a connection that missed one is replaced (its waiting
// commands fail at once) by a fresh one that reconnects in the background.
function replace(state, client) {
  if (state.client !== client) return;
  connect(state);
  try {
    client.destroy();
  } catch {
    /* already closed */
  }
}

/** The process's Redis state, or null when REDIS_URL is unset (the embedded default). */
export function redisState() {
  const url = process.env.REDIS_URL;
  if (!url) return null;
  const current = peekProcessSingleton("redis");
  if (current && current.url === url) return current;
  const state = createState(url);
  setProcessSingleton("redis", state);
  return state;
}

export function redisConfigured() {
  return Boolean(process.env.REDIS_URL);
}

/** Runs fn(client) when Redis can be asked; UNAVAILABLE otherwise or on any failure. Never throws. */
export async function withRedis(what, fn) {
  const state = redisState();
  if (!state) return UNAVAILABLE;
  if (!state.client.isReady || now() < state.openUntil) {
    if (!state.client.isReady) reportRedisProblem(what, new Error("not connected"));
    return UNAVAILABLE;
  }
  const client = state.client;
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new RedisTimeoutError(what)), COMMAND_TIMEOUT_MS);
  });
  try {
    return await Promise.race([fn(client), deadline]);
  } catch (error) {
    state.openUntil = now() + BREAKER_MS;
    if (error instanceof RedisTimeoutError) replace(state, client);
    reportRedisProblem(what, error);
    return UNAVAILABLE;
  } finally {
    clearTimeout(timer);
  }
}

/** Calls listener each time the connection becomes ready (again). */
export function onRedisReady(listener) {
  const state = redisState();
  if (!state) return () => {};
  state.onReady.add(listener);
  return () => state.onReady.delete(listener);
}

/** A second connection in subscriber mode (pub/sub needs its own); resubscribes on reconnect. */
export function redisSubscriber() {
  const state = redisState();
  if (!state) return null;
  if (!state.subscriber) {
    const subscriber = state.client.duplicate();
    subscriber.on("error", (error) => reportRedisProblem("subscriber", error));
    subscriber.connect().catch((error) => reportRedisProblem("subscriber connect", error));
    state.subscriber = subscriber;
  }
  return state.subscriber;
}

/** Closes both connections (tests, shutdown). */
export async function closeRedis() {
  const state = peekProcessSingleton("redis");
  if (!state) return;
  setProcessSingleton("redis", undefined);
  await Promise.allSettled([state.client?.destroy?.(), state.subscriber?.destroy?.()]);
}

// ---------------------------------------------------------------------------------------------
// Tag expiry, the way Next's own cache keeps it (tags-manifest: `stale` and `expired` times), but
// kept in Redis for every instance and mirrored in this process for when Redis is away.

function tagState() {
  return processSingleton("tagExpiry", () => ({ local: new Map(), pending: new Map(), flushing: null, listening: false }));
}

function merge(a, b) {
  if (!a) return b;
  if (!b) return a;
  return { stale: Math.max(a.stale ?? 0, b.stale ?? 0) || undefined, expired: Math.max(a.expired ?? 0, b.expired ?? 0) || undefined };
}

function parseTagValue(value) {
  if (typeof value !== "string") return undefined;
  const [stale, expired] = value.split(",").map((n) => (n === "" ? undefined : Number(n)));
  return { stale, expired };
}

// Keeps the later time of each tag, so replaying writes queued during an outage can never undo a
// newer invalidation made by another instance meanwhile.
const MERGE_TAGS = `
for i = 1, #ARGV, 3 do
  local tag, stale, expired = ARGV[i], tonumber(ARGV[i + 1]) or 0, tonumber(ARGV[i + 2]) or 0
  local current = redis.call('HGET', KEYS[1], tag)
  if current then
    local s, e = string.match(current, '^(%d*),(%d*)$')
    stale = math.max(stale, tonumber(s) or 0)
    expired = math.max(expired, tonumber(e) or 0)
  end
  redis.call('HSET', KEYS[1], tag, (stale > 0 and string.format('%d', stale) or '') .. ',' .. (expired > 0 and string.format('%d', expired) or ''))
end
return 1`;

function tagArgs(entries) {
  const args = [];
  for (const [tag, value] of entries) args.push(tag, String(value.stale ?? ""), String(value.expired ?? ""));
  return args;
}

async function flushPendingTags() {
  const state = tagState();
  if (state.pending.size === 0) return;
  const batch = [...state.pending];
  const result = await withRedis("tag replay", (client) => client.eval(MERGE_TAGS, { keys: [TAGS_KEY], arguments: tagArgs(batch) }));
  if (result === UNAVAILABLE) return;
  for (const [tag, value] of batch) if (state.pending.get(tag) === value) state.pending.delete(tag);
}

/**
 * Expires tags now — in this process at once, and in Redis for every instance (queued and replayed
 * on reconnect when Redis is away). `durations` follows Next's revalidateTag: none → expired now;
 * `{ expire: s }` → stale now, expired in s seconds.
 */
export async function expireTags(tags, durations) {
  const list = [...new Set(typeof tags === "string" ? [tags] : tags)].filter(Boolean);
  if (list.length === 0) return;
  const state = tagState();
  const t = now();
  const changes = [];
  for (const tag of list) {
    const existing = state.local.get(tag) ?? {};
    const next = durations
      ? { ...existing, stale: t, expired: durations.expire !== undefined ? t + durations.expire * 1000 : existing.expired }
      : { ...existing, expired: t };
    state.local.set(tag, next);
    changes.push([tag, next]);
  }
  if (!redisConfigured()) return;
  if (!state.listening) {
    state.listening = true;
    onRedisReady(() => flushPendingTags());
  }
  const result = await withRedis("tag write", (client) => client.eval(MERGE_TAGS, { keys: [TAGS_KEY], arguments: tagArgs(changes) }));
  if (result === UNAVAILABLE) for (const [tag, value] of changes) state.pending.set(tag, merge(state.pending.get(tag), value));
}

/** The expiry of each tag: Redis (every instance's invalidations) merged with this process's. */
export async function tagStates(tags) {
  const state = tagState();
  const out = new Map();
  const list = [...new Set(tags)].filter(Boolean);
  for (const tag of list) {
    const local = state.local.get(tag);
    if (local) out.set(tag, local);
  }
  if (list.length === 0 || !redisConfigured()) return out;
  const remote = await withRedis("tag read", (client) => client.hmGet(TAGS_KEY, list));
  if (remote === UNAVAILABLE) return out;
  list.forEach((tag, i) => {
    const value = parseTagValue(remote[i]);
    if (value) out.set(tag, merge(out.get(tag), value));
  });
  return out;
}

/**
 * Next's rule — an entry made at `lastModified` is expired when a tag expired after it (and by now) —
 * except that an entry stored in the same millisecond as the expiry counts as expired too: its render
 * may have started before the change (Next compares strictly; one extra render is the cheaper mistake).
 */
export function isExpiredBy(states, lastModified, at = now()) {
  for (const value of states.values()) {
    if (typeof value.expired === "number" && value.expired <= at && value.expired >= lastModified) return true;
  }
  return false;
}

/** …and stale (served once more while it re-renders) when a tag went stale after it. */
export function isStaleBy(states, lastModified) {
  for (const value of states.values()) if (typeof value.stale === "number" && value.stale >= lastModified) return true;
  return false;
}

/**
 * True when one of the tags went stale or expired at `since` or later (and by now): what was rendered
 * from a start at `since` may hold content that expiry replaced (a render spanning a publish).
 */
export function touchedSince(states, since, at = now()) {
  for (const value of states.values()) {
    for (const t of [value.stale, value.expired]) if (typeof t === "number" && t >= since && t <= at) return true;
  }
  return false;
}

/** Forgets this process's tag state (tests). */
export function resetLocalTags() {
  setProcessSingleton("tagExpiry", undefined);
}

export function redisKeyPrefix() {
  return PREFIX;
}
