import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MarkdownSource } from "../sources/markdown/source";
import { makeContentDir, validArticle } from "../../tests/fixture";
import { startScheduler } from "./scheduler";

describe("the scheduler", () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date("2026-03-01T08:59:00Z") }));
  afterEach(() => vi.useRealTimers());

  it("publishes each scheduled article at its time, several at once too, and nothing else", async () => {
    const source = new MarkdownSource(
      makeContentDir({
        "articles/old-story.md": validArticle({ title: "Old", publishedAt: "2026-01-01T09:00:00Z" }),
        "articles/nine-a.md": validArticle({ title: "Nine A", publishedAt: "2026-03-01T09:00:00Z" }),
        "articles/nine-b.md": validArticle({ title: "Nine B", publishedAt: "2026-03-01T09:00:00Z" }),
        "articles/ten.md": validArticle({ title: "Ten", publishedAt: "2026-03-01T10:00:00Z" }),
        "articles/draft.md": validArticle({ title: "Draft", status: "draft", publishedAt: "2026-03-01T09:30:00Z" }),
      }),
    );
    const published: { slug: string; at: string }[] = [];
    const scheduler = startScheduler(source, async (slug) => {
      published.push({ slug, at: new Date().toISOString() });
    });
    await vi.advanceTimersByTimeAsync(59_000);
    expect(published).toEqual([]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(published.map((p) => p.slug).sort()).toEqual(["nine-a", "nine-b"]);
    expect(published[0].at.slice(0, 19)).toBe("2026-03-01T09:00:00");
    await vi.advanceTimersByTimeAsync(60 * 60 * 1000);
    expect(published.map((p) => p.slug)).toEqual(expect.arrayContaining(["ten"]));
    expect(published.find((p) => p.slug === "ten")?.at.slice(0, 19)).toBe("2026-03-01T10:00:00");
    expect(published.map((p) => p.slug)).not.toContain("draft");
    expect(published.map((p) => p.slug)).not.toContain("old-story");
    scheduler.stop();
  });
});
