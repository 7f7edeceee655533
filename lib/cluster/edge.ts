/**
 * Purging the edge (the shipped Varnish, deploy/varnish/default.vcl) by cache tag. With
 * EDGE_PURGE_URL set, every instance sends one PURGE after its own local apply, so the edge never
 * refetches a page from an instance that is still stale (docs/decisions/0073). A failure is logged
 * and never fails the webhook: the edge then serves the old copy until its own max-age.
 */

/** Response header carrying a page's cache tags to the edge (space-separated; stripped by the VCL). */
export const SURROGATE_KEY_HEADER = "Surrogate-Key";
/** Request header of a tag purge (vmod xkey's convention in the shipped VCL). */
export const PURGE_HEADER = "xkey-purge";
/** Key the VCL adds to every object for its URL path (without query), so paths purge too. */
export const PATH_KEY_PREFIX = "path:";
export const EDGE_PURGE_TIMEOUT_MS = 2000;
/** Varnish refuses request headers over 8 KB by default; larger purges go in several requests. */
const MAX_HEADER_BYTES = 6000;

export interface EdgePlan {
  tags: readonly string[];
  paths: readonly string[];
}

/** The xkeys a plan purges: its tags, plus one path key per page path. */
export function edgeKeys(plan: EdgePlan): string[] {
  const keys = new Set<string>();
  for (const tag of plan.tags) if (/^\S+$/.test(tag)) keys.add(tag);
  for (const path of plan.paths) if (/^\/\S*$/.test(path)) keys.add(`${PATH_KEY_PREFIX}${path}`);
  return [...keys];
}

/** Splits keys into header values under the size limit. */
export function purgeBatches(keys: string[], maxBytes = MAX_HEADER_BYTES): string[] {
  const batches: string[] = [];
  let current = "";
  for (const key of keys) {
    if (current && current.length + 1 + key.length > maxBytes) {
      batches.push(current);
      current = "";
    }
    current = current ? `${current} ${key}` : key;
  }
  if (current) batches.push(current);
  return batches;
}

function edgeUrl(): string | null {
  return process.env.EDGE_PURGE_URL || null;
}

/** Sends the purge; resolves (never rejects) with whether the edge accepted every batch. */
export async function purgeEdge(plan: EdgePlan): Promise<boolean> {
  const url = edgeUrl();
  if (!url) return true;
  let ok = true;
  for (const value of purgeBatches(edgeKeys(plan))) {
    try {
      const response = await fetch(url, {
        method: "PURGE",
        headers: { [PURGE_HEADER]: value },
        signal: AbortSignal.timeout(EDGE_PURGE_TIMEOUT_MS),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) {
        ok = false;
        console.warn(`Edge purge refused by ${new URL(url).host}: HTTP ${response.status}.`);
      }
    } catch (error) {
      ok = false;
      console.warn(`Edge purge failed (${new URL(url).host}): ${error instanceof Error ? error.message : error}.`);
    }
  }
  return ok;
}
