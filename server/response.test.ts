/** The response class (response.ts): what Next writes is held for the finishing step, and no internal header ever leaves. */
import { createServer } from "node:http";
import type { Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { MastheadResponse } from "./response";

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function serve(handler: (res: MastheadResponse) => void): Promise<string> {
  const listening = createServer({ ServerResponse: MastheadResponse }, (_req, res) => handler(res));
  server = listening;
  await new Promise<void>((resolve) => listening.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(listening.address() as { port: number }).port}/`;
}

describe("the production server's response", () => {
  it("holds what is written while captured, then sends what the finishing step makes of it", async () => {
    const seen: { status: number; body: string; type: unknown }[] = [];
    const base = await serve((res) => {
      res.capture(async (body) => {
        seen.push({ status: res.statusCode, body: body.toString(), type: res.getHeader("content-type") });
        res.statusCode = 203;
        res.setHeader("x-finished", "yes");
        res.end(`finished: ${body.toString().toUpperCase()}`);
      });
      // As Next writes: a head, then the body in pieces.
      res.writeHead(200, { "content-type": "text/plain", "x-from-next": "1" });
      res.write("one ");
      res.write(Buffer.from("two "));
      res.end("three");
    });
    const response = await fetch(base);
    expect(seen).toEqual([{ status: 200, body: "one two three", type: "text/plain" }]);
    expect(response.status).toBe(203);
    expect(response.headers.get("x-finished")).toBe("yes");
    expect(response.headers.get("x-from-next")).toBe("1");
    expect(await response.text()).toBe("finished: ONE TWO THREE");
  });

  it("drops internal headers from every head it writes, set before or given to writeHead", async () => {
    const base = await serve((res) => {
      res.setHeader("x-middleware-rewrite", "/article-pages/story");
      res.setHeader("x-masthead-cache-control", "public, s-maxage=60");
      res.writeHead(200, { "x-matched-path": "/article-pages/[slug]", "x-nextjs-rewritten-path": "/article-pages/story", "content-type": "text/plain" });
      res.end("ok");
    });
    const response = await fetch(base);
    const names = [...response.headers.keys()];
    expect(names).toContain("content-type");
    expect(names.filter((n) => /^x-(?:middleware|matched|nextjs|masthead)/.test(n))).toEqual([]);
    // An RSC request keeps the one Next's client router reads.
    const rsc = await fetch(base, { headers: { rsc: "1" } });
    expect(rsc.headers.get("x-nextjs-rewritten-path")).toBe("/article-pages/story");
  });
});
