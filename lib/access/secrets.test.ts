import { describe, expect, it } from "vitest";
import { secretProblems, secretsMatch } from "./secrets";
import { clientKey, PEER_ADDRESS_HEADER, trustedProxyHops, trustProxyProblem } from "./rate-limit";
import { memoryCounterStore, useCounterStores } from "./counter-store";
import { guardSecret } from "./guard";
import { safeReturnPath } from "../request/http";
import { changeSchema as revalidateBody } from "../publishing/change";

describe("secrets", () => {
  it("match only when equal, whatever the lengths", () => {
    expect(secretsMatch("a-long-enough-secret", "a-long-enough-secret")).toBe(true);
    expect(secretsMatch("a-long-enough-secreT", "a-long-enough-secret")).toBe(false);
    expect(secretsMatch("", "a-long-enough-secret")).toBe(false);
    expect(secretsMatch("a-long-enough-secret-and-more", "a-long-enough-secret")).toBe(false);
  });

  it("refuses secrets shorter than 16 characters, and accepts unset ones", () => {
    expect(secretProblems({ PREVIEW_SECRET: "short" })).toEqual([expect.stringMatching(/PREVIEW_SECRET must be at least 16/)]);
    expect(secretProblems({ REVALIDATE_SECRET: "0123456789abcde" })).toHaveLength(1);
    expect(secretProblems({ PREVIEW_SECRET: "0123456789abcdef", REVALIDATE_SECRET: "" })).toEqual([]);
    expect(secretProblems({})).toEqual([]);
  });
});

describe("counter store", () => {
  it("counts hits per key within a fixed window, then forgets", async () => {
    let now = 1000;
    const store = memoryCounterStore({ clock: () => now });
    for (let i = 1; i <= 3; i++) expect(await store.hit("a", 60_000)).toBe(i);
    expect(await store.peek("a")).toBe(3);
    expect(await store.peek("b")).toBe(0);
    now = 61_001;
    expect(await store.peek("a")).toBe(0);
    expect(await store.hit("a", 60_000)).toBe(1);
  });

  it("stays bounded under many keys, expired ones going first", async () => {
    let now = 0;
    const store = memoryCounterStore({ maxKeys: 3, clock: () => now });
    await store.hit("short", 10);
    await store.hit("a", 1000);
    await store.hit("b", 1000);
    now = 20;
    await store.hit("c", 1000); // "short" has expired: dropped, nothing live lost
    expect([await store.peek("a"), await store.peek("b"), await store.peek("c")]).toEqual([1, 1, 1]);
    await store.hit("d", 1000); // full of live keys: the oldest goes
    expect(await store.peek("a")).toBe(0);
    expect(await store.peek("d")).toBe(1);
  });
});

describe("client key for the limiter", () => {
  const req = (headers: Record<string, string>) => new Request("http://localhost/api/draft", { headers });

  it("with TRUST_PROXY=N, is the Nth X-Forwarded-For entry from the right", () => {
    const xff = { "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.2" };
    expect(clientKey(req(xff), { TRUST_PROXY: "1" })).toBe("forwarded:10.0.0.2");
    expect(clientKey(req(xff), { TRUST_PROXY: "2" })).toBe("forwarded:198.51.100.7");
    expect(clientKey(req(xff), { TRUST_PROXY: "3" })).toBe("forwarded:6.6.6.6");
    // The client's own entries do not matter.
    expect(clientKey(req({ "x-forwarded-for": "1.2.3.4, 10.0.0.2" }), { TRUST_PROXY: "1" })).toBe("forwarded:10.0.0.2");
  });

  it("ignores X-Forwarded-For without trusted proxies, and when it has fewer entries than proxies", () => {
    expect(clientKey(req({ "x-forwarded-for": "1.2.3.4" }), {})).toBe("direct");
    expect(clientKey(req({ "x-forwarded-for": "1.2.3.4" }), { TRUST_PROXY: "0" })).toBe("direct");
    expect(clientKey(req({ "x-forwarded-for": "1.2.3.4" }), { TRUST_PROXY: "2" })).toBe("direct");
    expect(clientKey(req({ "x-forwarded-for": "1.2.3.4" }), { TRUST_PROXY: "true" })).toBe("direct");
  });

  it("uses the peer address only when server/main.ts vouches for the header", () => {
    const flag = Symbol.for("masthead.peerAddressHeader");
    const g = globalThis as Record<symbol, unknown>;
    const forged = req({ [PEER_ADDRESS_HEADER]: "203.0.113.9" });
    expect(clientKey(forged, {})).toBe("direct");
    g[flag] = true;
    try {
      expect(clientKey(forged, {})).toBe("peer:203.0.113.9");
    } finally {
      delete g[flag];
    }
  });

  it("TRUST_PROXY must be a number of proxies", () => {
    expect(trustedProxyHops({ TRUST_PROXY: "1" })).toBe(1);
    expect(trustedProxyHops({})).toBe(0);
    expect(trustProxyProblem({ TRUST_PROXY: "2" })).toBeNull();
    expect(trustProxyProblem({})).toBeNull();
    expect(trustProxyProblem({ TRUST_PROXY: "yes" })).toMatch(/TRUST_PROXY must be the number of reverse proxies/);
  });
});

describe("the secret gate", () => {
  it("never refuses the right secret, whatever the failures before; limits the wrong ones", async () => {
    useCounterStores(() => memoryCounterStore());
    process.env.REVALIDATE_SECRET = "the-right-secret-0123456789";
    try {
      const request = new Request("http://localhost/api/revalidate", { method: "POST" });
      const texts = { disabled: "off", rejected: "wrong" };
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await guardSecret(request, "REVALIDATE_SECRET", "a-wrong-secret", texts))?.status ?? 0);
      expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
      expect(await guardSecret(request, "REVALIDATE_SECRET", "the-right-secret-0123456789", texts)).toBeNull();
      expect((await guardSecret(request, "REVALIDATE_SECRET", null, texts))?.status).toBe(429);
    } finally {
      delete process.env.REVALIDATE_SECRET;
      useCounterStores(() => memoryCounterStore());
    }
  });
});

describe("safe return paths", () => {
  it("keeps paths on this site and replaces anything else with /", () => {
    expect(safeReturnPath("/news/local/harbour-bridge-reopens")).toBe("/news/local/harbour-bridge-reopens");
    for (const bad of ["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "news", "", null, "/a b"]) {
      expect(safeReturnPath(bad)).toBe("/");
    }
  });
});

describe("revalidation body", () => {
  it("accepts what changed and names the bad field", () => {
    expect(revalidateBody.safeParse({ slug: "harbour-bridge-reopens" }).success).toBe(true);
    expect(revalidateBody.safeParse({ section: "news/world-news" }).success).toBe(true);
    expect(revalidateBody.safeParse({ all: true }).success).toBe(true);
    expect(revalidateBody.safeParse({}).success).toBe(false);
    expect(revalidateBody.safeParse({ all: false }).success).toBe(false);
    const bad = revalidateBody.safeParse({ section: "../etc" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].path).toEqual(["section"]);
  });
});
