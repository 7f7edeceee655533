/**
 * Content on several machines (./content-git.ts keeps the git state, docs/decisions/0210): publish()
 * brings this instance's clone to the commit a change names (`bringContentTo`); a peer's publish whose
 * commit cannot be reached is kept (`missed`), its pages expired once more after `BEHIND_EXPIRY_MS`, and
 * retried with a growing delay until the clone has it, when every missed change is published in order
 * (`catchUp`); after the bus reconnects, `resyncTo` does the same for the newest announced commit.
 * Meanwhile `contentInStep()` is false (/readyz 503) and what this instance renders stays its own
 * (./in-step.mjs, docs/decisions/0194). The publishes go through `republish` (publish() itself, handed
 * in by ./publish.ts, which calls this module: imports go one way).
 */
import { describeChange, type Change } from "./change";
import type { PublishOptions, PublishResult } from "./publish";
import { addEverything, emptyPlan, toWire, type WirePlan } from "./plan";
import { settleLater } from "./apply";
import { inQueue } from "./queue";
import { logger } from "../observability/log";
import { contentSyncMetrics } from "../observability/metrics";
import { contentDir } from "../config/site";
import { FIRST_RETRY_MS, MAX_MISSED, MAX_RETRY_MS, behind, remoteOf, syncState, syncTo, type SyncResult } from "./content-git";

/** publish() (./publish.ts), for the changes a catch-up publishes again. */
export type Republish = (change: Change, options: PublishOptions) => Promise<PublishResult>;

const syncLog = () => logger("content-sync");

/**
 * How long a peer that could not reach a commit waits before expiring the publish's pages once more:
 * its /readyz turns 503 at once, Varnish's probe (1 s, 2 of 3) takes it out of rotation within ~3 s;
 * after that it receives no readers, and the expiry (Redis and the edge) drops whatever it rendered
 * from its old copy before it knew it was behind, so readers get the other instances' fresh renders.
 * Once behind, what it renders never reaches a shared cache (./in-step.mjs, docs/decisions/0194).
 */
export const BEHIND_EXPIRY_MS = 4_000;

/** publish()'s git step: this instance's clone brought to `commit`; on failure, what to tell the caller. */
export async function bringContentTo(commit: string, change: Change, options: PublishOptions, republish: Republish): Promise<SyncResult> {
  let result: SyncResult;
  try {
    result = await syncTo(contentDir(), commit, { remote: remoteOf() });
  } catch (error) {
    result = { ok: false, reason: "fetch-failed", error: error instanceof Error ? error.message : String(error) };
  }
  const metrics = contentSyncMetrics();
  metrics.syncs.inc({ outcome: result.ok ? (result.moved ? "moved" : "already") : "failed" });
  const s = syncState();
  if (result.ok) {
    s.head = result.to;
    if (result.moved) syncLog().info({ event: "content.synced", from: result.from, to: result.to, via: options.via }, `Content folder moved to ${result.to.slice(0, 12)}`);
    // A peer's commit reached after a failure: the publishes missed meanwhile follow at once.
    if (behind() && !s.catchingUp) scheduleCatchUp(republish, 0);
    return result;
  }
  s.head = result.head ?? s.head;
  s.lastError = { at: new Date().toISOString(), reason: result.reason, error: result.error, commit };
  const peer = options.via === "peer" && options.plan;
  syncLog().error(
    { event: "content.sync-failed", reason: result.reason, commit, head: result.head, via: options.via, what: describeChange(change) },
    peer
      ? `Could not bring the content folder to ${commit.slice(0, 12)} (${result.error}); serving ${result.head?.slice(0, 12) ?? "the current copy"}, out of rotation, retrying.`
      : `Could not bring the content folder to ${commit.slice(0, 12)} (${result.error}); nothing was changed.`,
  );
  if (peer) missed(change, options.plan!, commit, republish);
  return {
    ...result,
    error: `${result.error.replace(/\.?$/, ".")} This instance still serves its current content${result.head ? ` (commit ${result.head})` : ""}.`,
  };
}

/** A peer's publish whose commit could not be reached: kept, retried, and its pages expired once more later. */
function missed(change: Change, plan: WirePlan, commit: string, republish: Republish): void {
  const s = syncState();
  s.missed.push({ change, plan, commit });
  if (s.missed.length > MAX_MISSED) {
    s.missed.shift();
    s.overflowed = true;
  }
  contentSyncMetrics().behind.set(1);
  settleLater(plan, BEHIND_EXPIRY_MS);
  scheduleCatchUp(republish);
}

function scheduleCatchUp(republish: Republish, delayMs?: number): void {
  const s = syncState();
  if (s.retryTimer && delayMs === undefined) return;
  if (s.retryTimer) clearTimeout(s.retryTimer);
  const wait = delayMs ?? s.retryDelayMs;
  if (delayMs === undefined) s.retryDelayMs = Math.min(s.retryDelayMs * 2, MAX_RETRY_MS);
  s.retryTimer = setTimeout(() => {
    s.retryTimer = null;
    void catchUp(republish).catch((error) => syncLog().error({ event: "content.catch-up-failed", err: error }, "Catching up with the other instances failed"));
  }, wait);
  s.retryTimer.unref?.();
}

/**
 * Retries the newest missed commit (it holds the older ones: history only moves forward); once this
 * clone has it, publishes every missed change in order with its sender's plan (each finds its commit
 * already here), or everything when more were missed than kept. Until then, tries again later.
 */
async function catchUp(republish: Republish): Promise<void> {
  const s = syncState();
  if (!behind() || s.catchingUp) return;
  s.catchingUp = true;
  try {
    const newest = s.missed.at(-1)?.commit ?? s.head;
    if (!newest) return;
    const reached = await inQueue(() => syncTo(contentDir(), newest, { remote: remoteOf() }));
    if (!reached.ok) {
      contentSyncMetrics().syncs.inc({ outcome: "failed" });
      s.lastError = { at: new Date().toISOString(), reason: reached.reason, error: reached.error, commit: newest };
      syncLog().warn({ event: "content.still-behind", reason: reached.reason, commit: newest, retryInMs: s.retryDelayMs }, `Still cannot reach ${newest.slice(0, 12)}: ${reached.error}`);
      scheduleCatchUp(republish);
      return;
    }
    contentSyncMetrics().syncs.inc({ outcome: reached.moved ? "moved" : "already" });
    s.head = reached.to;
    // Behind until every missed change is published: /readyz stays 503 meanwhile.
    const batch = s.missed.slice();
    const overflowed = s.overflowed;
    for (const m of batch) await republish(m.change as Change, { via: "peer", plan: m.plan as WirePlan, commit: m.commit });
    if (overflowed) await republish({ all: true }, { via: "peer", commit: newest });
    s.missed.splice(0, batch.length);
    if (overflowed) s.overflowed = false;
    if (behind()) {
      scheduleCatchUp(republish, 0);
      return;
    }
    s.retryDelayMs = FIRST_RETRY_MS;
    s.lastError = null;
    contentSyncMetrics().behind.set(0);
    syncLog().info({ event: "content.caught-up", head: s.head, publishes: batch.length }, `Content folder caught up at ${s.head?.slice(0, 12)}: ${batch.length} missed publish(es) applied.`);
  } finally {
    s.catchingUp = false;
  }
}

/**
 * For /readyz (lib/config/startup.ts): false while this instance lacks a commit another instance published —
 * it keeps answering whoever asks, but the edge sends readers to the instances that are in step.
 */
export function contentInStep(): boolean {
  return !behind();
}

/**
 * After the bus reconnects with `commit` the newest announced: this clone brought to it. When that
 * moves it, this instance was behind (and may have rendered old pages into the shared cache
 * meanwhile): everything is published from the new commit. When the commit cannot be reached, it is
 * behind like a peer that missed a publish (/readyz 503, retried). True when it did either; false
 * when the clone already had the commit (or is no clone) and a plain re-read is enough.
 */
export async function resyncTo(commit: string, republish: Republish): Promise<boolean> {
  const reached = await inQueue(() => syncTo(contentDir(), commit, { remote: remoteOf() })).catch(
    (error: unknown): SyncResult => ({ ok: false, reason: "fetch-failed", error: error instanceof Error ? error.message : String(error) }),
  );
  if (reached.ok && reached.moved) {
    contentSyncMetrics().syncs.inc({ outcome: "moved" });
    syncState().head = reached.to;
    syncLog().info({ event: "content.synced", from: reached.from, to: reached.to, via: "resync" }, `Content folder moved to ${reached.to.slice(0, 12)} after the bus reconnected`);
    await republish({ all: true }, { via: "peer", commit: reached.to });
    return true;
  }
  if (!reached.ok && reached.reason !== "not-a-clone") {
    contentSyncMetrics().syncs.inc({ outcome: "failed" });
    const s = syncState();
    s.lastError = { at: new Date().toISOString(), reason: reached.reason, error: reached.error, commit };
    syncLog().error({ event: "content.sync-failed", reason: reached.reason, commit, via: "resync" }, `Could not bring the content folder to ${commit.slice(0, 12)} after the bus reconnected (${reached.error}); out of rotation, retrying.`);
    const everything = emptyPlan();
    addEverything(everything);
    missed({ all: true }, toWire(everything), commit, republish);
    return true;
  }
  return false;
}
