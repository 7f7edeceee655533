// After a start, before anyone publishes: load the webhook's code and render the home page, the
// newest article and its section once, so the first publish after a start is as quick as the
// ones after it (issue 16: a webhook on one instance, fresh on every instance within a second —
// the first one after a start took 1.1–1.4 s, as every instance first loaded and compiled the
// code of each route it re-rendered). docs/decisions/0075.
//
// The renders are Next's on-demand revalidations (`x-prerender-revalidate` with the build's own
// preview id, which never leaves the server): each replaces the stored page with a fresh render
// of the same content. They go through the server's own port one at a time, a second apart, and
// with a query string, so the response cache of scripts/server.mjs stores nothing for them.
import fs from "node:fs";
import path from "node:path";

const TIMEOUT_MS = 20_000;

/** @param {{ base: string, distDir: string }} options */
export async function warmUp({ base, distDir }) {
  const get = async (pathname, headers = {}) => {
    const response = await fetch(base + pathname, { headers, redirect: "manual", signal: AbortSignal.timeout(TIMEOUT_MS) });
    const body = await response.text();
    return { status: response.status, body };
  };
  const pause = () => new Promise((resolve) => setTimeout(resolve, 1000).unref());
  try {
    // The webhook's GET is a 405: it loads the route and everything it imports.
    await get("/api/revalidate");
    const previewModeId = readPreviewModeId(distDir);
    if (!previewModeId) return;
    const newest = await get("/api/articles?limit=1", { accept: "application/json" });
    const url = newest.status === 200 ? JSON.parse(newest.body).items?.[0]?.url : undefined;
    const pages = ["/", ...(typeof url === "string" && url.startsWith("/") ? [url, url.replace(/\/[^/]+$/, "")] : [])];
    for (const pathname of pages) {
      await pause();
      await get(`${pathname || "/"}?warm-up`, { accept: "text/html", "x-prerender-revalidate": previewModeId });
    }
  } catch {
    // A warm-up is an optimisation: a source that is down, a slow start, a closed server — no matter.
  }
}

function readPreviewModeId(distDir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(distDir, "prerender-manifest.json"), "utf8")).preview?.previewModeId;
  } catch {
    return undefined;
  }
}
