/**
 * Every lifetime is named once (lib/request/cache-policy.mjs): the 404 a route handler sends is the 404 the
 * production server lets through, and no file of the app writes a lifetime of its own.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { notFoundResponse } from "./crawler-http";
import { cachePolicy } from "./routing";
import { settleStatusAndPolicy } from "../../server/finish";

/** Enough of a Node response for the server's finishing step. */
function nodeResponse(status: number, headers: Record<string, string>) {
  const h = new Map(Object.entries(headers));
  return {
    statusCode: status,
    getHeader: (n: string) => h.get(n),
    setHeader: (n: string, v: string) => void h.set(n, v),
    removeHeader: (n: string) => void h.delete(n),
    h,
  };
}

describe("the 404 lifetime", () => {
  it("is one: what a route handler's 404 says is what the server sends, and what the proxy's 404 says", () => {
    const handler404 = notFoundResponse().headers.get("cache-control")!;
    const res = nodeResponse(404, { "cache-control": handler404 });
    settleStatusAndPolicy(res);
    expect(res.h.get("cache-control")).toBe(handler404);
    expect(handler404).toBe(cachePolicy({ kind: "notFound" }));
  });
});

describe("lifetimes", () => {
  it("are written in lib/request/cache-policy.mjs only: no other file of the app, lib/ or the server writes one", () => {
    const root = path.resolve(__dirname, "../..");
    const files = ["app", "lib", "components", "server"].flatMap((dir) =>
      fs
        .readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && /\.(tsx?|mjs)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
        .map((e) => path.join(e.parentPath, e.name)),
    );
    files.push(...["proxy.ts", "next.config.ts"].map((f) => path.join(root, f)));
    const written = files.flatMap((file) =>
      fs
        .readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => /\b(?:s-maxage|max-age)=\d/.test(line) && !/Strict-Transport-Security/.test(line) && !/^\s*(?:\/\/|\*)/.test(line))
        .map((line) => `${path.relative(root, file)}: ${line.trim()}`),
    );
    expect(written.filter((w) => !w.startsWith("lib/request/cache-policy.mjs"))).toEqual([]);
  });
});
