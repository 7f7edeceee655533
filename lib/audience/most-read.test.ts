/**
 * The "Most read" ranking: computed at most once per interval per list, whatever the requests —
 * concurrent requests share one computation, later ones within the interval get it as it was — and
 * never listing a sponsored, flagged or unpublished story.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const counts = vi.hoisted(() => ({ calls: 0, top: [] as { slug: string; reads: number }[] }));
vi.mock("./aggregate.mjs", () => ({
  topReads: async () => {
    counts.calls++;
    return counts.top;
  },
}));
vi.mock("@/lib/sources/source", () => ({
  getContentSource: () => ({
    getArticleBySlug: async (slug: string) => {
      const kind = slug.startsWith("sponsored") ? "sponsored" : "news";
      return {
        slug,
        url: `/news/${slug}`,
        title: slug,
        kind,
        status: slug.startsWith("draft") ? "draft" : "published",
        mostRead: slug.startsWith("obituary") ? false : undefined,
        section: { name: "News" },
      };
    },
  }),
}));

import { RANKING_INTERVAL_MS, mostRead, resetRankings } from "./most-read";

describe("the Most read ranking", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    counts.calls = 0;
    counts.top = [];
    resetRankings();
  });
  afterEach(() => vi.useRealTimers());

  it("is computed once per interval per list, not per request", async () => {
    counts.top = [{ slug: "a", reads: 3 }];
    const lists = await Promise.all(Array.from({ length: 50 }, () => mostRead("site")));
    expect(counts.calls).toBe(1);
    expect(lists.every((l) => l.map((i) => i.slug).join() === "a")).toBe(true);
    // More reads arrive; within the interval every request still gets the ranking as computed.
    counts.top = [{ slug: "b", reads: 9 }, { slug: "a", reads: 3 }];
    vi.setSystemTime(Date.now() + RANKING_INTERVAL_MS - 1000);
    expect((await mostRead("site")).map((i) => i.slug)).toEqual(["a"]);
    expect(counts.calls).toBe(1);
    // Another list is its own computation.
    await mostRead("section:news");
    expect(counts.calls).toBe(2);
    // After the interval, the next request computes it again.
    vi.setSystemTime(Date.now() + 2000);
    expect((await mostRead("site")).map((i) => i.slug)).toEqual(["b", "a"]);
    expect(counts.calls).toBe(3);
  });

  it("never lists sponsored, flagged or unpublished stories, and leaves out the article it sits under", async () => {
    counts.top = ["sponsored-x", "a", "obituary-y", "draft-z", "b", "c"].map((slug, i) => ({ slug, reads: 100 - i }));
    expect((await mostRead("site")).map((i) => i.slug)).toEqual(["a", "b", "c"]);
    expect((await mostRead("site", { exclude: "a", limit: 5 })).map((i) => i.slug)).toEqual(["b", "c"]);
  });
});
