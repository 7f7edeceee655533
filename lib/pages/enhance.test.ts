/** The one enhancer step every reader of content goes through (lib/pages/enhance.ts). */
import { describe, expect, it } from "vitest";
import { MarkdownSource } from "../sources/markdown/source";
import { makeContentDir, validArticle } from "../../tests/fixture";
import { readArticle, readLiveBlog } from "./enhance";

const links = "Book at [the school](https://sailing.example/book) or see [our guide](/news/local/x).";
const source = new MarkdownSource(
  makeContentDir({
    "articles/paid.md": validArticle({ title: "Paid", extra: "kind: sponsored", body: links }),
    "articles/plain.md": validArticle({ title: "Plain", body: links }),
    "articles/paid-live.md": validArticle({ title: "Paid live", extra: "kind: sponsored\nlive: true", body: links }),
    "live/paid-live/one.md": "---\npublishedAt: 2026-01-10T10:00:00Z\n---\nTrack it [here](https://tracker.example/a).\n",
  }),
);

describe("readArticle and readLiveBlog", () => {
  it("mark a sponsored article's outbound links, and only its outbound links", async () => {
    const paid = (await readArticle("paid", undefined, source))!;
    expect(paid.body).toContain('href="https://sailing.example/book" rel="noopener noreferrer sponsored"');
    expect(paid.body).toContain('<a href="/news/local/x">');
    expect((await readArticle("plain", undefined, source))!.body).not.toContain("sponsored");
    expect(await readArticle("no-such-story", undefined, source)).toBeNull();
  });

  it("mark a sponsored live blog's links in its body and in every update", async () => {
    const blog = (await readLiveBlog("paid-live", undefined, source))!;
    expect(blog.article.body).toContain('rel="noopener noreferrer sponsored"');
    expect(blog.updates).toHaveLength(1);
    expect(blog.updates[0].body).toContain('href="https://tracker.example/a" rel="noopener noreferrer sponsored"');
    expect(await readLiveBlog("paid", undefined, source)).toBeNull();
  });
});
