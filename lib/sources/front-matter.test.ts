import { describe, expect, it } from "vitest";
import { didYouMean, parseFrontMatter, positionOf } from "./front-matter";

describe("front matter that teaches", () => {
  it("counts lines in the file, reports every YAML error at once and says to quote a title with a colon", () => {
    const file = "---\ntitle: Harbour: the long wait\nsection: news/local\nauthors: [ines-calloway]\ndescription: Tides: higher than ever\n---\nBody\n";
    const result = parseFrontMatter(file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(2);
    expect(result.problems[0]).toMatchObject({ field: "title", line: 2, column: 8 });
    expect(result.problems[0].message).toMatch(/^malformed YAML: /);
    expect(result.problems[0].message).not.toMatch(/[:]$|at line/);
    expect(result.problems[0].hint).toBe('a value with ": " in it must be quoted — write title: "Harbour: the long wait"');
    expect(result.problems[1]).toMatchObject({ field: "description", line: 5 });
  });

  it("keeps where each field sits, nested ones too", () => {
    const result = parseFrontMatter("\uFEFF---\ntitle: A\nimage:\n  src: /x.png\n  alt: An x\ntags: [a, b]\n---\n");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.positions.title).toEqual([2, 1]);
    expect(result.positions["image.alt"]).toEqual([5, 3]);
    expect(positionOf(result.positions, ["image", "width"])).toEqual({ line: 3, column: 1 });
    expect(positionOf(result.positions, ["publishedAt"])).toBeUndefined();
  });

  it("names a block that is never closed, or missing", () => {
    expect(parseFrontMatter("---\ntitle: A\n")).toMatchObject({ ok: false, problems: [{ line: 1, message: "the front matter is never closed" }] });
    expect(parseFrontMatter("title: A\n")).toMatchObject({ ok: false, problems: [{ line: 1 }] });
  });

  it("suggests the field meant", () => {
    const known = ["title", "section", "authors", "publishedAt", "updatedAt", "tags", "description"];
    expect(didYouMean("author", known)).toBe('did you mean "authors"?');
    expect(didYouMean("publisehdAt", known)).toBe('did you mean "publishedAt"?');
    expect(didYouMean("colour", known)).toBeUndefined();
  });
});
