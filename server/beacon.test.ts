/** The beacon endpoint's checks that run on every beacon (beacon.ts): same origin, remembered verdicts. */
import { describe, expect, it } from "vitest";
import { remembered, sameOrigin } from "./beacon";

describe("a beacon's origin", () => {
  it("is this site's when its Origin names the host it was sent to, as a URL parser reads it", () => {
    // Asked twice each: the second answer comes from the memo and must be the same.
    for (let i = 0; i < 2; i++) {
      expect(sameOrigin({ origin: "https://harbour-ledger.example", host: "harbour-ledger.example" })).toBe(true);
      expect(sameOrigin({ origin: "https://Harbour-Ledger.example:443", host: "harbour-ledger.example" })).toBe(true);
      expect(sameOrigin({ origin: "http://127.0.0.1:4100", host: "127.0.0.1:4100" })).toBe(true);
      expect(sameOrigin({ origin: "http://127.0.0.1:4100", host: "127.0.0.1:4101" })).toBe(false);
      expect(sameOrigin({ origin: "https://elsewhere.example", host: "harbour-ledger.example" })).toBe(false);
      expect(sameOrigin({ origin: "not a url", host: "harbour-ledger.example" })).toBe(false);
      expect(sameOrigin({ origin: "null", host: "harbour-ledger.example" })).toBe(false);
      expect(sameOrigin({ host: "harbour-ledger.example" })).toBe(false);
      expect(sameOrigin({ origin: "https://harbour-ledger.example", "x-forwarded-host": "harbour-ledger.example, edge", host: "10.0.0.5:3001" })).toBe(true);
      expect(sameOrigin({ origin: "https://harbour-ledger.example", host: "harbour-ledger.example", "sec-fetch-site": "cross-site" })).toBe(false);
    }
  });
});

describe("remembered", () => {
  it("computes a key once, stays bounded, and never remembers a long key", () => {
    const calls: string[] = [];
    const length = remembered((s: string) => (calls.push(s), s.length), { size: 3, maxKey: 10 });
    expect([length("a"), length("a"), length("bb"), length("a")]).toEqual([1, 1, 2, 1]);
    expect(calls).toEqual(["a", "bb"]);
    const long = "x".repeat(11);
    expect([length(long), length(long)]).toEqual([11, 11]);
    expect(calls.filter((c) => c === long)).toHaveLength(2);
    // Full: it starts again, and still answers right.
    for (const k of ["c", "d", "e", "f"]) length(k);
    expect(length("a")).toBe(1);
    expect(calls.filter((c) => c === "a")).toHaveLength(2);
  });

  it("remembers an answer of null or false as well", () => {
    let n = 0;
    const never = remembered(() => (n++, null));
    never("k");
    never("k");
    expect(n).toBe(1);
  });
});
