/**
 * Makes a plan effective in this process, once: Next's cache (through the tag expiries its cache
 * handler checks on every read — lib/cluster/redis.mjs; shared in Redis when REDIS_URL is set) and
 * the production server's response cache. No request context needed, so the folder watcher, the
 * scheduler and a message from another instance apply a plan exactly as the webhook does. A publish
 * applies it once more a little later (`settleLater`), here and at the edge.
 */
import { expireTags } from "../cluster/redis.mjs";
import { purgeEdge } from "../cluster/edge";
import { publishMetrics } from "../observability/metrics";
import { purgeResponseCache } from "./response-cache-bridge";
import type { WirePlan } from "./plan";

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

/** Expires the plan's pages here (and, with Redis, for every instance's Next cache at once). */
export async function applyPlan(plan: WirePlan): Promise<void> {
  await expireTags(nextCacheTags(plan));
  purgeResponseCache({ tags: plan.tags, everything: plan.everything });
}

/**
 * A page that began rendering before the reload (a reader's request, or a stale page re-rendered in
 * the background) holds the old content. The caches refuse to store it (docs/decisions/0300); the
 * plan is still applied once more when such renders have finished, as a safety net — for a response
 * already on its way to the edge when its purge arrived, and renders outside the production server
 * (docs/decisions/0131).
 */
export const SETTLE_MS = 2_000;

export function settleLater(plan: WirePlan, delayMs = SETTLE_MS): void {
  // Counted until done, so an operator (and the cluster suite) can tell when every expiry has landed.
  publishMetrics().settling.inc();
  const timer = setTimeout(() => {
    void applyPlan(plan)
      .then(() => purgeEdge(plan))
      .catch((error) => console.error("Publishing: the second expiry failed:", error instanceof Error ? error.message : error))
      .finally(() => publishMetrics().settling.dec());
  }, delayMs);
  timer.unref?.();
}
