import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { edgeKeys, purgeBatches, purgeEdge } from "./edge";

describe("edge purge", () => {
  afterEach(() => {
    delete process.env.EDGE_PURGE_URL;
  });

  it("purges exactly the plan's tags, never anything that is not a header token", () => {
    expect(edgeKeys({ tags: ["home", "article:a", "bad tag", "home", "section:news/local"] })).toEqual(["home", "article:a", "section:news/local"]);
  });

  it("splits a long purge under the header limit without losing a key", () => {
    const keys = Array.from({ length: 500 }, (_, i) => `path:/tags/some-long-tag-name-${i}`);
    const batches = purgeBatches(keys, 1000);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.every((b) => b.length <= 1000)).toBe(true);
    expect(batches.join(" ").split(" ")).toEqual(keys);
  });

  it("sends one PURGE with an xkey-purge header, and a refused or unreachable edge never throws", async () => {
    const seen: { method?: string; keys?: string }[] = [];
    let status = 200;
    const server = http.createServer((req, res) => {
      seen.push({ method: req.method, keys: String(req.headers["xkey-purge"]) });
      res.statusCode = status;
      res.end("Purged 3 objects\n");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      process.env.EDGE_PURGE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      expect(await purgeEdge({ tags: ["home", "article:a"] })).toBe(true);
      expect(seen).toEqual([{ method: "PURGE", keys: "home article:a" }]);
      status = 403;
      expect(await purgeEdge({ tags: ["home"] })).toBe(false);
    } finally {
      await new Promise((r) => server.close(r));
    }
    process.env.EDGE_PURGE_URL = "http://127.0.0.1:1/";
    expect(await purgeEdge({ tags: ["home"] })).toBe(false);
  });

  it("does nothing without EDGE_PURGE_URL", async () => {
    expect(await purgeEdge({ tags: ["home"] })).toBe(true);
  });
});
