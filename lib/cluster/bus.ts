/**
 * The revalidation bus: a webhook to ANY instance makes EVERY instance serve the new version
 * (issue 16, docs/decisions/0071). Redis pub/sub when REDIS_URL is set; with it unset there is one
 * instance and the bus carries nothing (the edge purge still runs when EDGE_PURGE_URL is set).
 *
 * The receiving instance, after its own reload and `revalidateTag`/`revalidatePath` calls, calls
 * fanOut(body, plan): it expires the plan's tags (Next's and the response cache's) here and in
 * Redis at once, publishes {body, plan}, then purges the edge. Every other instance, on the
 * message, reloads its own content source (all instances read the same CONTENT_DIR), expires the
 * same tags again — idempotent, and it invalidates anything a peer re-rendered from its old content
 * between the first expiry and its reload — purges its response cache, and purges the edge itself.
 */
import { randomUUID } from "node:crypto";
import { BUS_CHANNEL, UNAVAILABLE, expireTags, onRedisReady, redisConfigured, redisSubscriber, reportRedisProblem, withRedis } from "./redis.mjs";
import { purgeEdge } from "./edge";
import { getContentSource } from "../content/source";
import { isContentValidationError } from "../content/errors";
import { resetSiteCache } from "../site";
import { clearResolutionCache } from "../resolution-cache";
import { revalidateBody, type Plan, type RevalidateBody } from "../revalidation";
import { purgeResponseCache } from "../response-cache";

/**
 * What travels on the bus (JSON). `origin` lets an instance ignore its own messages; `plan` is
 * lib/revalidation.ts's Plan as planToJson gives it (tags, internal routes, everything).
 */
export interface RevalidationMessage {
  v: 1;
  origin: string;
  body: RevalidateBody;
  plan: WirePlan;
  sentAt: number;
}
export interface WirePlan {
  tags: string[];
  paths: string[];
  everything: boolean;
}

const BUS_STATE = Symbol.for("masthead.bus");
/** Messages published while Redis was away, replayed when it returns (newest kept). */
const MAX_UNSENT = 50;

interface BusState {
  instance: string;
  started: boolean;
  queue: Promise<void>;
  unsent: RevalidationMessage[];
  /** For tests and logs: the last message applied from a peer. */
  lastApplied?: { sentAt: number; appliedAt: number };
}

function bus(): BusState {
  const g = globalThis as typeof globalThis & { [BUS_STATE]?: BusState };
  g[BUS_STATE] ??= { instance: randomUUID(), started: false, queue: Promise.resolve(), unsent: [] };
  return g[BUS_STATE];
}

const IMPLICIT_TAG = "_N_T_";

/**
 * The tags Next's cache knows a plan by: its own tags, plus the implicit tag `revalidatePath` uses
 * for each path (Next 16.4: `_N_T_` + the path without trailing slash; "/" also as "/index"), plus
 * the root layout's when everything changed (`revalidatePath("/", "layout")`).
 */
export function nextCacheTags(plan: { tags: Iterable<string>; paths: Iterable<string>; everything: boolean }): string[] {
  const tags = new Set(plan.tags);
  for (const path of plan.paths) {
    const normalized = path.length > 1 ? path.replace(/\/+$/, "") : path;
    tags.add(`${IMPLICIT_TAG}${normalized}`);
    if (normalized === "/") tags.add(`${IMPLICIT_TAG}/index`);
  }
  if (plan.everything) tags.add(`${IMPLICIT_TAG}/layout`);
  return [...tags];
}

function toMessage(body: RevalidateBody, plan: Plan): RevalidationMessage {
  return {
    v: 1,
    origin: bus().instance,
    body,
    plan: { tags: [...plan.tags].sort(), paths: [...plan.paths].sort(), everything: plan.everything },
    sentAt: Date.now(),
  };
}

/** Expires a plan in this process and (through ./redis.mjs) for every instance. */
async function applyLocally(message: RevalidationMessage): Promise<void> {
  await expireTags(nextCacheTags(message.plan));
  purgeResponseCache({ tags: message.plan.tags, everything: message.plan.everything });
}

async function publish(message: RevalidationMessage): Promise<boolean> {
  const sent = await withRedis("bus publish", (client) => client.publish(BUS_CHANNEL, JSON.stringify(message)));
  return sent !== UNAVAILABLE;
}

async function replayUnsent(): Promise<void> {
  const state = bus();
  while (state.unsent.length) {
    const message = state.unsent[0];
    if (!(await publish(message))) return;
    state.unsent.shift();
  }
}

/**
 * Called by the webhook after its local reload and revalidation: makes the change effective here
 * now (Next applies its own revalidateTag calls only after the response), tells every other
 * instance, and purges the edge. A scheduled publication (lib/scheduler.ts) is not broadcast: every
 * instance's own scheduler fires for it. Never throws: the webhook's answer does not depend on Redis
 * or the edge.
 */
export async function fanOut(body: RevalidateBody, plan: Plan, { scheduled = false } = {}): Promise<void> {
  const message = toMessage(body, plan);
  try {
    await applyLocally(message);
    if (redisConfigured() && !scheduled && !(await publish(message))) {
      const state = bus();
      state.unsent.push(message);
      if (state.unsent.length > MAX_UNSENT) state.unsent.shift();
    }
  } catch (error) {
    console.error("Revalidation fan-out failed:", error instanceof Error ? error.message : error);
  }
  await purgeEdge(message.plan);
}

/** Parses a bus message; null for anything that is not one of ours. */
export function parseMessage(text: string): RevalidationMessage | null {
  try {
    const value = JSON.parse(text) as Partial<RevalidationMessage>;
    if (value.v !== 1 || typeof value.origin !== "string" || typeof value.sentAt !== "number") return null;
    const body = revalidateBody.safeParse(value.body);
    const plan = value.plan;
    if (!body.success || !plan || !Array.isArray(plan.tags) || !Array.isArray(plan.paths) || typeof plan.everything !== "boolean") return null;
    if (![...plan.tags, ...plan.paths].every((s) => typeof s === "string" && s.length <= 512)) return null;
    return { v: 1, origin: value.origin, body: body.data, plan: { tags: plan.tags, paths: plan.paths, everything: plan.everything }, sentAt: value.sentAt };
  } catch {
    return null;
  }
}

/**
 * Re-reads what changed: the files a message names (the markdown index checks those alone — at
 * 100,000 articles a whole-folder scan is seconds), or everything when no message says what
 * (after a reconnect, when messages may have been missed).
 */
async function reloadContent(change?: RevalidateBody): Promise<void> {
  resetSiteCache();
  clearResolutionCache();
  try {
    await getContentSource().reload(change);
  } catch (error) {
    // Same rule as the webhook: the running site keeps its last good content.
    const reason = isContentValidationError(error) ? "the content is invalid" : error instanceof Error ? error.message : String(error);
    console.error(`Revalidation from another instance could not reload the content source (${reason}); keeping the last good version.`);
  }
}

/** What a peer does with a message from another instance. */
export async function applyFromPeer(message: RevalidationMessage): Promise<void> {
  const received = Date.now();
  await reloadContent(message.body);
  const reloaded = Date.now();
  await applyLocally(message);
  const appliedAt = Date.now();
  bus().lastApplied = { sentAt: message.sentAt, appliedAt };
  await purgeEdge(message.plan);
  console.log(
    `Revalidation from another instance (${describe(message.body)}): applied ${appliedAt - message.sentAt} ms after it was sent ` +
      `(in transit ${received - message.sentAt} ms, reload ${reloaded - received} ms, expiry ${appliedAt - reloaded} ms), edge purged after ${Date.now() - appliedAt} ms.`,
  );
}

function describe(body: RevalidateBody): string {
  const named = Object.entries(body).filter(([, value]) => value !== undefined);
  return named.map(([key, value]) => (value === true ? key : `${key} ${value}`)).join(", ");
}

function onMessage(text: string): void {
  const message = parseMessage(text);
  const state = bus();
  if (!message || message.origin === state.instance) return;
  // One at a time, in order: two reloads never race and the later plan is applied last.
  state.queue = state.queue.then(() => applyFromPeer(message)).catch((error) => {
    console.error("Revalidation from another instance failed:", error instanceof Error ? error.message : error);
  });
}

/**
 * Subscribes this instance (lib/startup.ts, at server start). Without REDIS_URL: nothing. Redis
 * may be down: the subscriber connects in the background and resubscribes by itself; after a
 * reconnect it reloads the content source once, as messages may have been missed meanwhile.
 */
export async function startBus(): Promise<void> {
  const state = bus();
  if (!redisConfigured() || state.started) return;
  state.started = true;
  const subscriber = redisSubscriber();
  if (!subscriber) return;
  let connectedBefore = false;
  subscriber.on("ready", () => {
    if (connectedBefore) state.queue = state.queue.then(() => reloadContent());
    connectedBefore = true;
  });
  onRedisReady(() => replayUnsent());
  try {
    await subscriber.subscribe(BUS_CHANNEL, onMessage);
  } catch (error) {
    // Not connected yet (disableOfflineQueue): subscribe once the connection is up.
    reportRedisProblem("bus subscribe", error);
    subscriber.once("ready", () => {
      subscriber.subscribe(BUS_CHANNEL, onMessage).catch((e: unknown) => reportRedisProblem("bus subscribe", e));
    });
  }
}
