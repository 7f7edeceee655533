import { describe, expect, it } from "vitest";
import { secretProblems, secretsMatch } from "./secrets";
import { createRateLimiter } from "./rate-limit";
import { safeReturnPath } from "./http";
import { revalidateBody } from "./revalidation";

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

describe("rate limiter", () => {
  it("allows ten failures a minute per client, then asks it to wait", () => {
    const limiter = createRateLimiter({ limit: 10, windowMs: 60_000 });
    for (let i = 0; i < 10; i++) {
      expect(limiter.allowed("a", 1000 + i)).toBe(true);
      limiter.recordFailure("a", 1000 + i);
    }
    expect(limiter.allowed("a", 2000)).toBe(false);
    expect(limiter.retryAfter("a", 2000)).toBe(59);
    expect(limiter.allowed("b", 2000)).toBe(true);
    expect(limiter.allowed("a", 61_001)).toBe(true);
  });

  it("stays bounded under many clients", () => {
    const limiter = createRateLimiter({ limit: 1, maxClients: 3 });
    for (const c of ["a", "b", "c", "d"]) limiter.recordFailure(c, 0);
    expect(limiter.allowed("a", 1)).toBe(true); // the oldest was forgotten
    expect(limiter.allowed("d", 1)).toBe(false);
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
