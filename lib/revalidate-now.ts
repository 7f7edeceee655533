/**
 * Applies a revalidation plan in this process: Next's caches (tags with `{ expire: 0 }`, so the next
 * reader waits for fresh content rather than getting a stale copy, and the rendered routes) and the
 * production server's response cache (scripts/server.mjs), which drops every stored page carrying
 * one of the tags.
 */
import { revalidatePath, revalidateTag } from "next/cache";
import type { Plan } from "./revalidation";
import { purgeResponseCache } from "./response-cache";

export function applyPlan(plan: Plan): void {
  for (const tag of plan.tags) revalidateTag(tag, { expire: 0 });
  if (plan.everything) revalidatePath("/", "layout");
  for (const path of plan.paths) revalidatePath(path);
  purgeResponseCache({ tags: [...plan.tags], everything: plan.everything });
}
