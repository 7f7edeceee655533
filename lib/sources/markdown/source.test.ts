import { describe, expect, it } from "vitest";
import { MarkdownSource } from "./source";
import { makeContentDir, validArticle } from "../../../tests/fixture";

// A small newsroom: five published stories, one draft, one scheduled for 2030.
const dir = makeContentDir({
  "articles/first-story.md": validArticle({ title: "Harbour bridge reopens", publishedAt: "2026-01-01T09:00:00Z", tags: ["Harbour", "Bridges"] }),
  "articles/second-story.md": validArticle({
    title: "Ferry timetable changes",
    section: "news/local",
    publishedAt: "2026-01-02T09:00:00Z",
    tags: ["Ferries"],
    body: "The ferry runs later in winter.\n\n## Times\n\nMore sailings on Fridays.\n",
  }),
  "articles/third-story.md": validArticle({
    title: "Rovers win the cup",
    section: "sport",
    authors: ["bob"],
    publishedAt: "2026-01-03T09:00:00Z",
    tags: ["Football"],
    related: ["draft-story", "first-story"],
    body: "Wren Rovers won the harbour cup.\n\n## The match\n\nA late goal.\n",
  }),
  "articles/fourth-story.md": validArticle({ title: "Harbour dredging plan", publishedAt: "2026-01-04T09:00:00Z", tags: ["Harbour"], redirectFrom: ["dredging-plan-old"] }),
  "articles/fifth-story.md": validArticle({ title: "Storm closes the quay", section: "news", publishedAt: "2026-01-05T09:00:00+02:00", tags: ["Weather"] }),
  "articles/draft-story.md": validArticle({ title: "Secret harbour deal", status: "draft", publishedAt: "2026-01-06T09:00:00Z", tags: ["Harbour"], body: "The zephyrine plan.\n" }),
  "articles/future-story.md": validArticle({ title: "Harbour museum opens", publishedAt: "2030-01-15T09:00:00Z", tags: ["Harbour"], body: "The quillmorrow gallery.\n" }),
});
const source = new MarkdownSource(dir);

describe("visibility", () => {
  it("hides drafts and scheduled articles from readers", async () => {
    expect(await source.getArticleBySlug("draft-story")).toBeNull();
    expect(await source.getArticleBySlug("future-story")).toBeNull();
    expect(await source.scheduledAt("future-story")).not.toBeNull();
    const all = await source.listArticles({ perPage: 50 });
    expect(all.items.map((a) => a.slug)).not.toContain("draft-story");
    expect(all.items.map((a) => a.slug)).not.toContain("future-story");
    expect(all.total).toBe(5);
    expect((await source.search({ q: "zephyrine" })).total).toBe(0);
    expect((await source.search({ q: "quillmorrow" })).total).toBe(0);
    expect((await source.listArticles({ tag: "harbour" })).items.map((a) => a.slug)).toEqual(["fourth-story", "first-story"]);
  });

  it("shows drafts and scheduled articles in preview", async () => {
    expect((await source.getArticleBySlug("draft-story", { preview: true }))?.title).toBe("Secret harbour deal");
    expect((await source.getArticleBySlug("future-story", { preview: true }))?.status).toBe("published");
    const all = await source.listArticles({ perPage: 50, preview: true });
    expect(all.total).toBe(7);
    expect(all.items[0].slug).toBe("future-story");
  });
});

describe("lookups", () => {
  it("finds an article by slug, under its own section path", async () => {
    const article = await source.getArticleBySlug("second-story");
    expect(article?.title).toBe("Ferry timetable changes");
    expect(article?.url).toBe("/news/local/second-story");
  });

  it("finds an article by an old slug", async () => {
    expect((await source.getArticleByOldSlug("dredging-plan-old"))?.url).toBe("/news/world-news/fourth-story");
    expect(await source.getArticleByOldSlug("unknown-old")).toBeNull();
  });

  it("gives sections as a tree with paths", async () => {
    const sections = await source.getSections();
    expect(sections.map((s) => s.path)).toEqual(["news", "sport"]);
    expect(sections[0].children.map((s) => s.path)).toEqual(["news/world-news", "news/local"]);
    expect((await source.getSection("news/local"))?.parentPath).toBe("news");
  });

  it("derives a description from the body when none is given", async () => {
    expect((await source.getArticleBySlug("second-story"))?.description).toBe("The ferry runs later in winter.");
  });

  it("normalises dates to UTC", async () => {
    expect((await source.getArticleBySlug("fifth-story"))?.publishedAt).toBe("2026-01-05T07:00:00.000Z");
  });
});

describe("lists and pagination", () => {
  it("lists a section with its subsections, newest first", async () => {
    const news = await source.listArticles({ section: "news" });
    expect(news.items.map((a) => a.slug)).toEqual(["fifth-story", "fourth-story", "second-story", "first-story"]);
    const local = await source.listArticles({ section: "news/local" });
    expect(local.items.map((a) => a.slug)).toEqual(["second-story"]);
  });

  it("pages through with totals", async () => {
    const p1 = await source.listArticles({ page: 1, perPage: 2 });
    const p3 = await source.listArticles({ page: 3, perPage: 2 });
    expect(p1).toMatchObject({ page: 1, perPage: 2, total: 5, totalPages: 3 });
    expect(p1.items.map((a) => a.slug)).toEqual(["fifth-story", "fourth-story"]);
    expect(p3.items.map((a) => a.slug)).toEqual(["first-story"]);
  });

  it("answers an empty page past the end, and clamps bad paging input", async () => {
    const past = await source.listArticles({ page: 4, perPage: 2 });
    expect(past.items).toEqual([]);
    expect(past.totalPages).toBe(3);
    const clamped = await source.listArticles({ page: -1, perPage: 10_000 });
    expect(clamped.page).toBe(1);
    expect(clamped.perPage).toBe(50);
  });

  it("lists by author and gives an empty list for an unknown one", async () => {
    expect((await source.listArticles({ author: "bob" })).items.map((a) => a.slug)).toEqual(["third-story"]);
    expect((await source.listArticles({ author: "nobody" })).total).toBe(0);
  });
});

describe("related", () => {
  it("puts visible editor picks first, never the article itself or an invisible one", async () => {
    const third = (await source.getArticleBySlug("third-story"))!;
    const related = await source.getRelated(third, 3);
    expect(related[0].slug).toBe("first-story");
    expect(related.map((a) => a.slug)).not.toContain("third-story");
    expect(related.map((a) => a.slug)).not.toContain("draft-story");
    expect(related).toHaveLength(3);
  });

  it("prefers shared tags, then the same section", async () => {
    const first = (await source.getArticleBySlug("first-story"))!;
    const related = await source.getRelated(first, 4);
    expect(related[0].slug).toBe("fourth-story"); // shares "Harbour"
    expect(related.map((a) => a.slug)).not.toContain("future-story");
    expect(related.map((a) => a.slug)).not.toContain("first-story");
  });
});

describe("search", () => {
  it("ranks a title match above a body match", async () => {
    const hits = await source.search({ q: "harbour" });
    expect(hits.items.map((h) => h.slug).slice(0, 2).sort()).toEqual(["first-story", "fourth-story"]);
    expect(hits.items.map((h) => h.slug)).toContain("third-story"); // "harbour cup" in the body
    expect(hits.items.at(-1)?.slug).toBe("third-story");
  });

  it("needs every word, matches prefixes, and ignores case and accents", async () => {
    expect((await source.search({ q: "HARBOUR dredging" })).items.map((h) => h.slug)).toEqual(["fourth-story"]);
    expect((await source.search({ q: "dredg" })).items.map((h) => h.slug)).toEqual(["fourth-story"]);
    expect((await source.search({ q: "férry" })).items.map((h) => h.slug)).toEqual(["second-story"]);
    expect((await source.search({ q: "nothing-matches-this" })).total).toBe(0);
    expect((await source.search({ q: "   " })).total).toBe(0);
  });
});
