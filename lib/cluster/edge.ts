/**
 * Purging the edge (the shipped Varnish, deploy/varnish/default.vcl) by cache tag. With
 * EDGE_PURGE_URL set, every instance sends one PURGE after its own local apply, so the edge never
 * refetches a page from an instance that is still stale (docs/decisions/0073). A failure is logged
 * and never fails the webhook: the edge then serves the old copy until its own max-age.
 */
import { logger } from "../observability/log";
import { edgeMetrics } from "../observability/metrics";

/** Request header of a tag purge (vmod xkey's convention in the shipped VCL). */
export const PURGE_HEADER = "xkey-purge";
/**
 * The header that carries EDGE_PURGE_SECRET: the shipped VCL refuses a purge without the secret it
 * was started with, whatever address it comes from (issue 27, item 5).
 */
export const PURGE_SECRET_HEADER = "x-purge-secret";
export const EDGE_PURGE_TIMEOUT_MS = 2000;
/** Varnish refuses request headers over 8 KB by default; larger purges go in several requests. */
const MAX_HEADER_BYTES = 6000;

export interface EdgePlan {
  tags: readonly string[];
}

/**
 * The xkeys a plan purges: exactly its tags — the names pages and crawler documents carry in
 * Surrogate-Key (lib/request/cache-tags.ts). `{"all": true}` plans hold `site`, which every object at the
 * edge carries. (A plan's paths are internal routes, which the edge never sees.)
 */
export function edgeKeys(plan: EdgePlan): string[] {
  return [...new Set(plan.tags.filter((tag) => /^[\x21-\x7e]+$/.test(tag)))];
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
        headers: { [PURGE_HEADER]: value, ...(process.env.EDGE_PURGE_SECRET ? { [PURGE_SECRET_HEADER]: process.env.EDGE_PURGE_SECRET } : {}) },
        signal: AbortSignal.timeout(EDGE_PURGE_TIMEOUT_MS),
      });
      await response.arrayBuffer().catch(() => undefined);
      edgeMetrics().purges.inc({ outcome: response.ok ? "ok" : "refused" });
      if (!response.ok) {
        ok = false;
        logger("edge").warn({ event: "edge.purge-refused", status: response.status }, `Edge purge refused by ${new URL(url).host}: HTTP ${response.status}.`);
      }
    } catch (error) {
      ok = false;
      edgeMetrics().purges.inc({ outcome: "failed" });
      logger("edge").warn({ event: "edge.purge-failed", err: error }, `Edge purge failed (${new URL(url).host}): ${error instanceof Error ? error.message : error}.`);
    }
  }
  return ok;
}
