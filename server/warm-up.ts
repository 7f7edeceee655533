/**
 * After a start, before anyone publishes: load the webhook's code and render the home page, the
 * newest article (not a running live blog) and its section once, so the first publish after a
 * start is as quick as the ones after it (issue 16: a webhook on one instance, fresh on every instance within a second —
 * the first one after a start took 1.1–1.4 s, as every instance first loaded and compiled the
 * code of each route it re-rendered). docs/decisions/0075.
 *
 * The renders are Next's on-demand revalidations (`x-prerender-revalidate` with the build's own
 * preview id, which never leaves the server): each replaces the stored page with a fresh render
 * of the same content. They go through the server's own port one at a time, a second apart, and
 * with a query string, so the response cache (response-cache.ts) stores nothing for them. Next
 * runs no proxy for them, so they name the internal routes (lib/request/routing.ts internalRoute).
 */
import fs from "node:fs";
import path from "node:path";
import { internalRoute } from "../lib/request/internal-routes";

const TIMEOUT_MS = 20_000;

/**
 * Resolves with what it did (the pages re-rendered), or with why it stopped; never rejects.
 */
export async function warmUp({ base, distDir }: { base: string; distDir: string }): Promise<{ pages: string[]; stopped?: string }> {
  const pages: string[] = [];
  const get = async (pathname: string, headers: Record<string, string> = {}) => {
    const response = await fetch(base + pathname, { headers, redirect: "manual", signal: AbortSignal.timeout(TIMEOUT_MS) });
    const body = await response.text();
    return { status: response.status, body };
  };
  const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 1000).unref());
  try {
    // The webhook's GET is a 405: it loads the route and everything it imports.
    await get("/api/revalidate");
    const previewModeId = readPreviewModeId(distDir);
    if (!previewModeId) return { pages, stopped: "no preview id in prerender-manifest.json" };
    const rerender = async (pathname: string) => {
      await pause();
      const { status } = await get(`${pathname}?warm-up`, { accept: "text/html", "x-prerender-revalidate": previewModeId });
      if (status === 200) pages.push(pathname);
      return status === 200;
    };
    await rerender("/");
    // Next runs no proxy for a revalidation: the pages are asked for by their internal routes
    // (lib/request/routing.ts internalRoute). The newest article that is not a running live blog (those
    // have routes of their own), and its section.
    const newest = await get("/api/articles?limit=10", { accept: "application/json" });
    const items = (newest.status === 200 ? (JSON.parse(newest.body).items ?? []) : []) as { liveLabel?: unknown; url?: unknown; slug?: unknown }[];
    const usable = items.filter((i): i is { url: string; slug: string } => !i.liveLabel && typeof i.url === "string" && typeof i.slug === "string");
    for (const item of usable.slice(0, 3)) {
      if (await rerender(internalRoute({ kind: "article", article: { slug: encodeURIComponent(item.slug) } })!)) {
        const section = item.url.split("/").slice(1, -1).join("/");
        if (section) await rerender(internalRoute({ kind: "section", section: { path: section }, page: 1 })!);
        break;
      }
    }
    return { pages };
  } catch (error) {
    // A warm-up is an optimisation: a source that is down, a slow start, a closed server — no matter.
    return { pages, stopped: error instanceof Error ? error.message : String(error) };
  }
}

function readPreviewModeId(distDir: string): string | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(distDir, "prerender-manifest.json"), "utf8")).preview?.previewModeId;
  } catch {
    return undefined;
  }
}
