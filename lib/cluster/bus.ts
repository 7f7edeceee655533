/**
 * The revalidation bus: a webhook to ANY instance makes EVERY instance serve the new version
 * (issue 16, docs/decisions/0071). Redis pub/sub when REDIS_URL is set; with it unset there is one
 * instance and the bus carries nothing (the edge purge still runs when EDGE_PURGE_URL is set).
 *
 * This module is the transport only; what a publish does is lib/publishing/publish.ts. The instance
 * where a change comes in (webhook, folder, command) publishes it, then `broadcast(change, plan)`
 * sends {change, plan, commit?}. Every other instance, on the message, publishes the same change with
 * that plan (via "peer"): it brings its own content clone to the commit when there is one (content
 * on several machines, docs/decisions/0210), reloads its own content source,
 * expires the same tags again — idempotent, and it invalidates anything a peer re-rendered from its
 * old content between the first expiry and its reload — purges its response cache, and purges the
 * edge itself.
 */
import { randomUUID } from "node:crypto";
import { BUS_CHANNEL, UNAVAILABLE, onRedisReady, redisConfigured, redisKeyPrefix, redisSubscriber, reportRedisProblem, withRedis } from "./redis.mjs";
import { COMMIT_ID, changeSchema, describeChange, type Change } from "../publishing/change";
import { fromWire, type WirePlan } from "../publishing/plan";
import { logger } from "../observability/log";
import { busMetrics } from "../observability/metrics";
import { processSingleton } from "../config/singleton.mjs";

const log = logger("bus");

/**
 * What travels on the bus (JSON). `origin` lets an instance ignore its own messages; `body` is the
 * change (lib/publishing/change.ts), `plan` its wire plan (lib/publishing/plan.ts).
 */
export interface RevalidationMessage {
  v: 1;
  origin: string;
  body: Change;
  plan: WirePlan;
  /** The content repository's commit holding the change, when the publish named one. */
  commit?: string;
  sentAt: number;
}

/**
 * What this instance does with a peer's message (lib/config/startup.ts passes publish via "peer"). It may
 * answer `{ ok: false, error }` when it could not apply it (its clone could not reach the commit).
 */
export type PeerHandler = (change: Change, plan: WirePlan, commit?: string) => Promise<unknown>;
/**
 * After a reconnect, when messages may have been missed: everything is re-read — from the newest
 * content commit any instance announced (CONTENT_HEAD_KEY), when publishes name commits.
 */
export type ResyncHandler = (commit?: string) => Promise<unknown>;

/**
 * The newest content commit announced on the bus (content on several machines, decision 0210): a
 * message missed while this instance's subscription was down is not replayed to it, but the commit
 * it carried is read here after the reconnect.
 */
export const CONTENT_HEAD_KEY = `${redisKeyPrefix()}content-head`;

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
  return processSingleton<BusState>("bus", () => ({ instance: randomUUID(), started: false, queue: Promise.resolve(), unsent: [] }));
}

function toMessage(change: Change, plan: WirePlan, commit?: string): RevalidationMessage {
  return { v: 1, origin: bus().instance, body: change, plan, ...(commit ? { commit } : {}), sentAt: Date.now() };
}

async function send(message: RevalidationMessage): Promise<boolean> {
  const text = JSON.stringify(message);
  // The commit is the sender's whole folder after its sync (the newest it has): never older than the one before.
  const sent = await withRedis("bus publish", async (client) => {
    if (message.commit) await client.multi().set(CONTENT_HEAD_KEY, message.commit).publish(BUS_CHANNEL, text).exec();
    else await client.publish(BUS_CHANNEL, text);
    return true;
  });
  busMetrics().messages.inc({ direction: sent === UNAVAILABLE ? "queued" : "sent" });
  return sent !== UNAVAILABLE;
}

async function replayUnsent(): Promise<void> {
  const state = bus();
  while (state.unsent.length) {
    const message = state.unsent[0];
    if (!(await send(message))) return;
    state.unsent.shift();
  }
}

/**
 * Tells every other instance (lib/publishing/publish.ts calls it after applying a plan here).
 * Without REDIS_URL: nothing. Never throws: a publish does not depend on Redis; a message that
 * cannot be sent now is replayed when Redis returns.
 */
export async function broadcast(change: Change, plan: WirePlan, commit?: string): Promise<void> {
  if (!redisConfigured()) return;
  const message = toMessage(change, plan, commit);
  try {
    if (!(await send(message))) {
      const state = bus();
      state.unsent.push(message);
      if (state.unsent.length > MAX_UNSENT) state.unsent.shift();
    }
  } catch (error) {
    log.error({ event: "bus.fan-out-failed", err: error }, "Publish fan-out failed");
  }
}

/** Parses a bus message; null for anything that is not one of ours. */
export function parseMessage(text: string): RevalidationMessage | null {
  try {
    const value = JSON.parse(text) as Partial<RevalidationMessage>;
    if (value.v !== 1 || typeof value.origin !== "string" || typeof value.sentAt !== "number") return null;
    const body = changeSchema.safeParse(value.body);
    const plan = fromWire(value.plan);
    if (!body.success || !plan) return null;
    if (value.commit !== undefined && (typeof value.commit !== "string" || !COMMIT_ID.test(value.commit))) return null;
    return { v: 1, origin: value.origin, body: body.data, plan, ...(value.commit ? { commit: value.commit } : {}), sentAt: value.sentAt };
  } catch {
    return null;
  }
}

/** What a peer does with a message from another instance: publishes it here, and says how long it took. */
async function applyFromPeer(message: RevalidationMessage, onPeer: PeerHandler): Promise<void> {
  const received = Date.now();
  const outcome = (await onPeer(message.body, message.plan, message.commit)) as { ok?: boolean; error?: string } | undefined;
  if (outcome && outcome.ok === false) {
    // Reported by the handler itself (content-sync events); counted here as not applied.
    busMetrics().messages.inc({ direction: "failed" });
    log.warn({ event: "bus.not-applied", change: describeChange(message.body), commit: message.commit }, `Publish from another instance (${describeChange(message.body)}) not applied: ${outcome.error ?? "refused"}`);
    return;
  }
  const appliedAt = Date.now();
  bus().lastApplied = { sentAt: message.sentAt, appliedAt };
  busMetrics().messages.inc({ direction: "received" });
  busMetrics().lag.observe(Math.max(0, appliedAt - message.sentAt) / 1000);
  log.info(
    { event: "bus.applied", change: describeChange(message.body), lagMs: appliedAt - message.sentAt, transitMs: received - message.sentAt, applyMs: appliedAt - received },
    `Publish from another instance (${describeChange(message.body)}): applied ${appliedAt - message.sentAt} ms after it was sent ` +
      `(in transit ${received - message.sentAt} ms, reload, expiry and edge purge ${appliedAt - received} ms).`,
  );
}

function onMessage(text: string, onPeer: PeerHandler): void {
  const message = parseMessage(text);
  const state = bus();
  if (!message || message.origin === state.instance) return;
  // One at a time, in order: two reloads never race and the later plan is applied last.
  state.queue = state.queue.then(() => applyFromPeer(message, onPeer)).catch((error) => {
    busMetrics().messages.inc({ direction: "failed" });
    log.error({ event: "bus.apply-failed", err: error }, "Revalidation from another instance failed");
  });
}

/**
 * Subscribes this instance (lib/config/startup.ts, at server start). Without REDIS_URL: nothing. Redis
 * may be down: the subscriber connects in the background and resubscribes by itself; after a
 * reconnect it reloads the content source once, as messages may have been missed meanwhile.
 */
export async function startBus(onPeer: PeerHandler, onResync: ResyncHandler): Promise<void> {
  const state = bus();
  if (!redisConfigured() || state.started) return;
  state.started = true;
  const subscriber = redisSubscriber();
  if (!subscriber) return;
  const listener = (text: string) => onMessage(text, onPeer);
  let connectedBefore = false;
  subscriber.on("ready", () => {
    if (connectedBefore) {
      state.queue = state.queue
        .then(async () => {
          const head = await withRedis("content head", (client) => client.get(CONTENT_HEAD_KEY));
          await onResync(typeof head === "string" && COMMIT_ID.test(head) ? head : undefined);
        })
        .catch(() => undefined);
    }
    connectedBefore = true;
  });
  onRedisReady(() => replayUnsent());
  try {
    await subscriber.subscribe(BUS_CHANNEL, listener);
  } catch (error) {
    // Not connected yet (disableOfflineQueue): subscribe once the connection is up.
    reportRedisProblem("bus subscribe", error);
    subscriber.once("ready", () => {
      subscriber.subscribe(BUS_CHANNEL, listener).catch((e: unknown) => reportRedisProblem("bus subscribe", e));
    });
  }
}
