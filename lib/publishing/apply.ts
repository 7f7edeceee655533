/**
 * Makes a plan effective in this process, once: Next's cache (through the tag expiries its cache
 * handler checks on every read — lib/cluster/redis.mjs; shared in Redis when REDIS_URL is set) and
 * the production server's response cache. No request context needed, so the folder watcher, the
 * scheduler and a message from another instance apply a plan exactly as the webhook does.
 */
import { expireTags } from "../cluster/redis.mjs";
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
