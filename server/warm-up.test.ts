/** The start-up warm-up (warm-up.ts). */
import { describe, expect, it } from "vitest";
import { cacheKey } from "./response-cache";

const req = (url: string, headers: Record<string, string> = {}, method = "GET") => ({ url, method, headers });

describe("the start-up warm-up", () => {
  it("loads the webhook, then re-renders the home page, the newest ordinary article and its section, never storing them", async () => {
    const { createServer } = await import("node:http");
    const fs = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const { warmUp } = await import("./warm-up");
    const distDir = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-warm-up-"));
    fs.writeFileSync(path.join(distDir, "prerender-manifest.json"), JSON.stringify({ preview: { previewModeId: "the-build-id" } }));
    const seen: { url: string; revalidate?: string }[] = [];
    const server = createServer((request, response) => {
      seen.push({ url: request.url ?? "", revalidate: request.headers["x-prerender-revalidate"] as string | undefined });
      if (request.url === "/api/revalidate") return response.writeHead(405).end();
      if (request.url?.startsWith("/api/articles")) return response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ items: [{ slug: "storm-live", url: "/news/local/storm-live", liveLabel: "Live" }, { slug: "gone", url: "/news/gone" }, { slug: "harbour-wall", url: "/news/local/harbour-wall" }] }));
      if (request.url?.startsWith("/article-pages/gone")) return response.writeHead(404).end();
      response.writeHead(200, { "content-type": "text/html" }).end("<p>page</p>");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as { port: number };
      expect(await warmUp({ base: `http://127.0.0.1:${port}`, distDir })).toEqual({ pages: ["/", "/article-pages/harbour-wall", "/section-pages/1/news/local"] });
    } finally {
      server.close();
    }
    expect(seen).toEqual([
      { url: "/api/revalidate" },
      // A query string: the response cache never stores these answers.
      { url: "/?warm-up", revalidate: "the-build-id" },
      { url: "/api/articles?limit=10" },
      // Internal routes (Next runs no proxy for a revalidation); a running live blog is skipped, an
      // article that is not there is passed over.
      { url: "/article-pages/gone?warm-up", revalidate: "the-build-id" },
      { url: "/article-pages/harbour-wall?warm-up", revalidate: "the-build-id" },
      { url: "/section-pages/1/news/local?warm-up", revalidate: "the-build-id" },
    ]);
    expect(cacheKey(req("/?warm-up"))).toBeNull();
  });
});
