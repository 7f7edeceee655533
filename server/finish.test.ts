/** The finishing step's pure parts: the status and policy a response leaves with, its CSP, ETags and encoding. */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { etagFor, extendDirective, inlineScriptHashes, matchesIfNoneMatch, pagePolicy, settleStatusAndPolicy } from "./finish";
import { negotiate } from "./encoding";

describe("finishing a response", () => {
  const fakeRes = (status: number, headers: Record<string, string>) => {
    const h = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    return {
      statusCode: status,
      getHeader: (n: string) => h.get(n.toLowerCase()),
      setHeader: (n: string, v: string) => h.set(n.toLowerCase(), v),
      removeHeader: (n: string) => h.delete(n.toLowerCase()),
      h,
    };
  };

  it("turns the proxy's policy into Cache-Control, and never keeps a 404 long", () => {
    const page = fakeRes(200, { "cache-control": "s-maxage=31536000", "x-masthead-cache-control": "public, max-age=0, s-maxage=60" });
    settleStatusAndPolicy(page);
    expect(page.h.get("cache-control")).toBe("public, max-age=0, s-maxage=60");
    expect(page.h.has("x-masthead-cache-control")).toBe(false);
    const missing = fakeRes(404, { "cache-control": "s-maxage=31536000, stale-while-revalidate", "surrogate-key": "site" });
    settleStatusAndPolicy(missing);
    expect(missing.h.get("cache-control")).toBe("public, max-age=0, s-maxage=30");
    // Kept: a publish at that address must purge the 404 from the edge (issue 27, item 6).
    expect(missing.h.get("surrogate-key")).toBe("site");
    const api404 = fakeRes(404, { "cache-control": "no-store" });
    settleStatusAndPolicy(api404);
    expect(api404.h.get("cache-control")).toBe("no-store");
  });

  it("answers a failed render with 503, Retry-After and no-store, whatever the client asked", () => {
    const failed = fakeRes(500, { "cache-control": "s-maxage=60", "x-masthead-cache-control": "public, s-maxage=60" });
    settleStatusAndPolicy(failed);
    expect(failed.statusCode).toBe(503);
    expect(failed.h.get("retry-after")).toBe("30");
    expect(failed.h.get("cache-control")).toBe("no-store");
  });

  it("lists exactly the executable inline scripts of the page in its CSP", () => {
    const html = `<script>a()</script><script type="application/ld+json">{"x":1}</script><script src="/x.js"></script><script type="module">b()</script>`;
    // The hashes of exactly `a()` and `b()`, the two bodies a browser would execute — not the JSON-LD.
    const [a, b] = ["a()", "b()"].map((body) => `'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);
    expect(inlineScriptHashes(html)).toEqual([a, b]);
    const csp = pagePolicy("default-src 'self'; script-src 'self' 'sha256-x'; frame-src 'none'", html);
    expect(csp).toBe(`default-src 'self'; script-src 'self' 'sha256-x' ${a} ${b}; frame-src 'none'`);
    expect(extendDirective("frame-src 'none'", "frame-src", ["https://a.example"])).toBe("frame-src https://a.example");
    expect(extendDirective("script-src 'self' 'sha256-x'", "script-src", ["'sha256-x'"])).toBe("script-src 'self' 'sha256-x'");
  });

  it("gives each encoding its own ETag and matches If-None-Match", () => {
    expect(etagFor("abc", "br")).toBe('"abc-br"');
    expect(etagFor("abc", "gzip")).toBe('"abc-gz"');
    expect(etagFor("abc", null)).toBe('"abc"');
    expect(matchesIfNoneMatch('"x", W/"abc-br"', '"abc-br"')).toBe(true);
    expect(matchesIfNoneMatch('"abc-gz"', '"abc-br"')).toBe(false);
  });

  it("negotiates br, then gzip, honouring q=0", () => {
    expect(negotiate("gzip, deflate, br")).toBe("br");
    expect(negotiate("gzip")).toBe("gzip");
    expect(negotiate("br;q=0, gzip")).toBe("gzip");
    expect(negotiate("identity")).toBeNull();
    expect(negotiate(undefined)).toBeNull();
    expect(negotiate("*")).toBe("br");
  });
});
