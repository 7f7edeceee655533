/** GET /api/support/progress: its answers and headers (the count itself: lib/revenue/progress.test.ts). */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setProcessSingleton } from "@/lib/config/singleton.mjs";
import { CACHE_POLICY } from "@/lib/request/cache-policy.mjs";

const store = vi.hoisted(() => ({ count: 0 as number | Error }));
vi.mock("@/lib/store", () => ({ getStore: async () => ({ db: {} }) }));
vi.mock("@/lib/revenue/supporters", () => ({
  countSupporters: async () => {
    if (store.count instanceof Error) throw store.count;
    return store.count;
  },
}));

const url = "http://127.0.0.1/api/support/progress";

describe("GET /api/support/progress", () => {
  beforeEach(() => {
    vi.stubEnv("STRIPE_SECRET_KEY", "sk_test_route");
    setProcessSingleton("revenue.progressCounter", undefined);
    vi.spyOn(console, "error").mockImplementation(() => {});
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("answers the count, the goal and the line, for shared caches at most 5 minutes", async () => {
    store.count = 1284;
    const { GET } = await import("./route");
    const response = await GET(new Request(url));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe(CACHE_POLICY.supportProgress);
    expect(response.headers.get("set-cookie")).toBeNull();
    const body = await response.json();
    expect(body).toEqual({ count: 1284, goal: 1500, countedAt: expect.any(String), text: "1,284 readers support The Harbour Ledger this month — help us reach 1,500." });
  });

  it("answers without a count, briefly kept, when the store cannot count — never a 5xx", async () => {
    store.count = new Error("connection refused");
    const { GET } = await import("./route");
    const response = await GET(new Request(url));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe(CACHE_POLICY.supportProgressUncounted);
    expect(await response.json()).toEqual({ count: null, goal: 1500, countedAt: null, text: null });
  });

  it("refuses parameters (400, not stored), other methods (405), and is absent without card payments (404)", async () => {
    store.count = 3;
    const { GET, POST, DELETE } = await import("./route");
    for (const query of ["?cb=1", "?count=9", "?"]) {
      const response = await GET(new Request(url + query));
      if (query === "?") expect(response.status).toBe(200);
      else {
        expect(response.status, query).toBe(400);
        expect(response.headers.get("cache-control")).toBe("no-store");
      }
    }
    expect(POST().status).toBe(405);
    expect(DELETE().headers.get("allow")).toBe("GET");
    vi.stubEnv("STRIPE_SECRET_KEY", "");
    const off = await GET(new Request(url));
    expect(off.status).toBe(404);
    expect(off.headers.get("cache-control")).toBe(CACHE_POLICY.notFound);
  });
});
