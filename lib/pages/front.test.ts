import { describe, expect, it } from "vitest";
import { planFront } from "./front";
import { liveLastUpdated } from "../live/last-updated";
import type { ArticleSummary, LiveUpdate } from "../sources/types";

type S = Pick<ArticleSummary, "slug" | "kind" | "image" | "live">;
const img = { src: "/x.png", alt: "x", width: 1, height: 1 } as ArticleSummary["image"];
const a = (slug: string, extra: Partial<S> = {}): S => ({ slug, kind: "news", ...extra });

describe("the front page plan", () => {
  it("leads with the newest story with a picture among the newest five, never a sponsored one", () => {
    const plan = planFront([a("paid", { kind: "sponsored", image: img }), a("t1"), a("p1", { image: img }), a("t2"), a("p2", { image: img }), a("t3"), a("t4")]);
    expect(plan.lead?.slug).toBe("p1");
  });

  it("fills the secondary column with pictures first, then the latest list; nothing twice", () => {
    const items = [a("lead", { image: img }), a("t1"), a("t2"), a("p1", { image: img }), a("t3"), ...Array.from({ length: 12 }, (_, i) => a(`x${i}`))];
    const plan = planFront(items);
    expect(plan.secondary.map((s) => s.slug)).toEqual(["p1", "t1", "t2"]);
    expect(plan.latest.map((s) => s.slug)).toEqual(["t3", "x0", "x1", "x2", "x3", "x4", "x5", "x6"]);
    const all = [plan.lead!, ...plan.secondary, ...plan.latest].map((s) => s.slug);
    expect(new Set(all).size).toBe(all.length);
    expect([...plan.shown].sort()).toEqual([...all].sort());
  });

  it("offers the ribbon to a running live blog only", () => {
    const now = new Date("2026-12-02T00:00:00Z");
    expect(planFront([a("ended", { live: { endedAt: "2026-12-01T00:00:00Z" } }), a("x")], now).live).toBeNull();
    expect(planFront([a("x"), a("running", { live: {} })], now).live?.slug).toBe("running");
  });

  it("has no lead on an empty site", () => {
    expect(planFront([])).toMatchObject({ lead: null, secondary: [], latest: [], live: null });
  });
});

describe("a live card's time", () => {
  const blog = { slug: "storm", live: {}, updatedAt: "2026-12-01T05:30:00.000Z" } as ArticleSummary;
  const update = (publishedAt: string, status: "published" | "draft" = "published") => ({ publishedAt, updatedAt: publishedAt, status }) as LiveUpdate;

  it("is the newest published update that has come, not the blog's start", async () => {
    const source = {
      getLiveUpdates: async () => [update("2026-12-03T00:00:00.000Z"), update("2026-12-01T22:15:00.000Z", "draft"), update("2026-12-01T21:00:00.000Z")],
    };
    const times = await liveLastUpdated(source, [blog, { ...blog, slug: "plain", live: undefined }], new Date("2026-12-02T00:00:00Z"));
    expect([...times]).toEqual([["storm", "2026-12-01T21:00:00.000Z"]]);
  });

  it("falls back to the blog's own time when its updates cannot be read", async () => {
    const times = await liveLastUpdated({ getLiveUpdates: async () => Promise.reject(new Error("down")) }, [blog]);
    expect(times.get("storm")).toBe("2026-12-01T05:30:00.000Z");
  });
});
