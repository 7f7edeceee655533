import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { MarkdownSource } from "./source";
import { loadMarkdownContent } from "../../../tests/content/reference-loader";
import { updateContentIndex } from "./index-writer";
import { indexFile } from "./index-schema";
import { IndexReader } from "./index-reader";
import { isContentValidationError } from "../errors";
import { makeContentDir, validArticle } from "../../../tests/fixture";

const quiet = () => {
  const warn = console.warn;
  console.warn = () => {};
  return () => void (console.warn = warn);
};

describe("the content index against the tests' reference loader, on generated content", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-generated-"));
  let memory: ReturnType<typeof loadMarkdownContent>["index"];
  const source = new MarkdownSource(dir);
  // Rendering a few hundred bodies twice takes a while on a busy machine.
  beforeAll(async () => {
    const generated = spawnSync(process.execPath, ["scripts/content/generate.mjs", "--count", "200", "--out", dir, "--seed", "3", "--force"], { encoding: "utf8" });
    if (generated.status !== 0) throw new Error(generated.stderr);
    memory = loadMarkdownContent(dir).index;
    await updateContentIndex(dir);
  }, 300_000);

  it("gives every article exactly as the folder reads", async () => {
    const restore = quiet();
    try {
      for (const [slug, expected] of memory.articles) {
        expect(await source.getArticleBySlug(slug, { preview: true }), slug).toEqual(expected);
      }
    } finally {
      restore();
    }
  });

  it("gives the same lists, pages, related articles, authors and tags", async () => {
    const page = async (query: Parameters<MarkdownSource["listArticles"]>[0]) => (await source.listArticles(query)).items.map((a) => a.slug);
    const slugs = (list: { slug: string }[]) => list.map((a) => a.slug);
    expect(await page({ perPage: 50, page: 3 })).toEqual(slugs(memory.listPage(memory.everything, 3, 50, false).items));
    expect(await page({ perPage: 50, preview: true })).toEqual(slugs(memory.listPage(memory.everything, 1, 50, true).items));
    for (const [path, list] of memory.bySection) expect(await page({ section: path, perPage: 20 }), path).toEqual(slugs(memory.listPage(list, 1, 20, false).items));
    for (const [slug, list] of memory.byTag) expect(await page({ tag: slug, perPage: 20, page: 2 }), slug).toEqual(slugs(memory.listPage(list, 2, 20, false).items));
    for (const [slug, list] of memory.byAuthor) {
      const p = await source.listArticles({ author: slug });
      expect(slugs(p.items), slug).toEqual(slugs(memory.listPage(list, 1, 10, false).items));
      expect(p.total).toBe(memory.listPage(list, 1, 10, false).total);
    }
    for (const article of [...memory.articles.values()].filter((a) => a.status === "published").slice(0, 40)) {
      expect(slugs(await source.getRelated(article, 4)), article.slug).toEqual(slugs(memory.related(article, 4)));
    }
    expect((await source.getAuthors()).map((a) => a.slug).sort()).toEqual([...memory.authors.keys()].sort());
    expect((await source.getTags()).sort((a, b) => a.slug.localeCompare(b.slug))).toEqual([...memory.tags.values()].sort((a, b) => a.slug.localeCompare(b.slug)));
    expect(await source.nextScheduled()).toEqual(memory.nextScheduled(new Date()));
  });

  it("finds the same articles by search (ranked by BM25)", async () => {
    for (const q of ["harbour council", "ferry", "sea wall", "kessovar"]) {
      const all = async (read: (page: number) => Promise<{ items: { slug: string }[]; totalPages: number }>) => {
        const out: string[] = [];
        for (let page = 1, pages = 1; page <= pages; page++) {
          const p = await read(page);
          pages = p.totalPages;
          out.push(...p.items.map((h) => h.slug));
        }
        return new Set(out);
      };
      const ours = await all((page) => source.search({ q, page, perPage: 50 }));
      expect(ours.size, q).toBeGreaterThan(0);
      expect(ours, q).toEqual(await all(async (page) => memory.search(q, page, 50)));
    }
  });

  it("lists the months of the archive and reads one month as a bounded range", async () => {
    const months = await source.archiveMonths();
    expect(months.length).toBeGreaterThan(1);
    expect(months.map((m) => m.month)).toEqual([...months.map((m) => m.month)].sort().reverse());
    const { month, count } = months[1];
    const [y, m] = month.split("-").map(Number);
    const list = await source.listArticles({ from: `${month}-01T00:00:00Z`, until: new Date(Date.UTC(y, m, 1)).toISOString(), perPage: 50 });
    expect(list.total).toBe(count);
    for (const a of list.items) expect(a.publishedAt.slice(0, 7)).toBe(month);
  });
});

describe("the content index of another edition (the Arabic sample site)", () => {
  it("gives every article as the folder reads, with its translations and subheading links in the site's language", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-ar-"));
    fs.cpSync("content-ar", dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}.masthead`) });
    const memory = loadMarkdownContent(dir).index;
    await updateContentIndex(dir);
    const source = new MarkdownSource(dir);
    expect(memory.articles.size).toBeGreaterThan(0);
    for (const [slug, expected] of memory.articles) expect(await source.getArticleBySlug(slug, { preview: true }), slug).toEqual(expected);
    const translated = [...memory.articles.values()].filter((a) => a.translations.length);
    expect(translated.length).toBeGreaterThan(0);
    const withHeadings = [...memory.articles.values()].find((a) => a.headings.length);
    // The self-link label is the Arabic catalogue's, not the English fallback.
    if (withHeadings) expect((await source.getArticleBySlug(withHeadings.slug))?.body).not.toMatch(/Link to section/);
    // Arabic letters with a hamza (أ) fold the same way in the index and in the query.
    for (const q of ["المرفأ", "مرفأ", "الميناء", "ميناء"]) {
      const ours = (await source.search({ q, perPage: 50 })).items.map((h) => h.slug).sort();
      expect(ours, q).toEqual(memory.search(q, 1, 50).items.map((h) => h.slug).sort());
    }
    expect((await source.search({ q: "المرفأ" })).total).toBeGreaterThan(0);
  });

  it("renders every body again when site.yml changes the language", async () => {
    const dir = makeContentDir({ "articles/second-story.md": validArticle({ title: "Second story", body: "## Down the quay\n\nBoats.\n" }) });
    await updateContentIndex(dir);
    const body = async () => (await new MarkdownSource(dir).getArticleBySlug("second-story"))?.body ?? "";
    expect(await body()).toMatch(/Link to section: Down the quay/);
    const site = path.join(dir, "site.yml");
    fs.writeFileSync(site, fs.readFileSync(site, "utf8").replace("language: en", "language: fr"));
    const restore = quiet();
    try {
      expect(await body()).not.toMatch(/Link to section/);
    } finally {
      restore();
    }
    expect((await updateContentIndex(dir)).rendered).toBe(0);
  });
});

describe("updating the index", () => {
  it("re-renders only the file that changed, and a second build renders nothing", async () => {
    const dir = makeContentDir({ "articles/second-story.md": validArticle({ title: "Second story" }) });
    expect((await updateContentIndex(dir)).rendered).toBe(2);
    expect((await updateContentIndex(dir)).rendered).toBe(0);
    fs.writeFileSync(path.join(dir, "articles/second-story.md"), validArticle({ title: "Second story, retitled" }));
    const third = await updateContentIndex(dir);
    expect(third).toMatchObject({ rendered: 1, articles: 2 });
  });

  it("keeps the last good version when an edit is invalid, and names file and field", async () => {
    const dir = makeContentDir();
    const source = new MarkdownSource(dir);
    const restore = quiet();
    expect((await source.getArticleBySlug("first-story"))?.title).toBe("First story");
    restore();
    fs.writeFileSync(path.join(dir, "articles/first-story.md"), validArticle({ title: "First story", section: "news/nowhere" }));
    const error = await source.reload({ slug: "first-story" }).catch((e: unknown) => e);
    expect(isContentValidationError(error)).toBe(true);
    expect((error as Error).message).toMatch(/first-story\.md(?::\d+:\d+)? → field "section": unknown section/);
    expect((await source.getArticleBySlug("first-story"))?.section.path).toBe("news/world-news");
  });

  it("refuses to delete an article that another one picks, naming the one that picks it", async () => {
    const dir = makeContentDir({ "articles/picker.md": validArticle({ title: "Picker", related: ["first-story"] }) });
    const source = new MarkdownSource(dir);
    const restore = quiet();
    await source.getSections();
    restore();
    fs.rmSync(path.join(dir, "articles/first-story.md"));
    await expect(source.reload({ slug: "first-story" })).rejects.toThrow(/picker\.md(?::\d+:\d+)? → field "related\.0": unknown article "first-story"/);
    expect(await source.getArticleBySlug("first-story")).not.toBeNull();
  });

  it("refuses, on a webhook naming one article, a second file of its slug as a build does", async () => {
    const dir = makeContentDir({ "articles/late-story.md": validArticle({ title: "Late story" }) });
    const source = new MarkdownSource(dir);
    const restore = quiet();
    await source.getSections();
    restore();
    fs.mkdirSync(path.join(dir, "articles/2026"));
    fs.writeFileSync(path.join(dir, "articles/2026/late-story.md"), validArticle({ title: "Late story, again" }));
    fs.rmSync(path.join(dir, ".masthead"), { recursive: true }); // forget where the index last saw it
    const build = await updateContentIndex(dir).catch((e: unknown) => e);
    expect(String(build)).toMatch(/late-story\.md → field "slug \(file name\)": duplicate slug "late-story", also used by .*articles\/2026\/late-story\.md/);
    fs.rmSync(path.join(dir, "articles/2026/late-story.md"));
    await updateContentIndex(dir);
    fs.mkdirSync(path.join(dir, "articles/2027"));
    fs.writeFileSync(path.join(dir, "articles/2027/late-story.md"), validArticle({ title: "Late story, again" }));
    fs.rmSync(path.join(dir, "articles/late-story.md"));
    fs.writeFileSync(path.join(dir, "articles/2026/late-story.md"), validArticle({ title: "Late story, twice" }));
    await expect(updateContentIndex(dir, { slugs: ["late-story"] })).rejects.toThrow(/2027\/late-story\.md → field "slug \(file name\)": duplicate slug "late-story", also used by .*2026\/late-story\.md/);
    expect((await source.getArticleBySlug("late-story"))?.title).toBe("Late story");
  });

  it("finds a new file in a subfolder and shows it to a second reader of the same index at once", async () => {
    const dir = makeContentDir();
    const writer = new MarkdownSource(dir);
    const reader = new MarkdownSource(dir);
    const restore = quiet();
    await writer.getSections();
    restore();
    expect(await reader.getArticleBySlug("late-story")).toBeNull();
    fs.mkdirSync(path.join(dir, "articles/2026"));
    fs.writeFileSync(path.join(dir, "articles/2026/late-story.md"), validArticle({ title: "Late story about the sea wall", tags: ["Sea defences"] }));
    await writer.reload({ slug: "late-story" });
    expect((await reader.getArticleBySlug("late-story"))?.title).toBe("Late story about the sea wall");
    expect(await reader.getTag("sea-defences")).toEqual({ slug: "sea-defences", name: "Sea defences" });
    expect((await reader.search({ q: '"sea wall"' })).items.map((h) => h.slug)).toEqual(["late-story"]);
  });

  it("adds a live-blog update named by its article's slug, and refuses a second pinned one", async () => {
    const dir = makeContentDir({ "articles/storm-live.md": validArticle({ title: "Storm live", extra: "live: true" }) });
    const source = new MarkdownSource(dir);
    const restore = quiet();
    expect(await source.getLiveUpdates("storm-live")).toEqual([]);
    restore();
    const update = (fm: string) => `---\npublishedAt: 2026-01-10T10:00:00Z\n${fm}---\nGales on the quay.\n`;
    fs.mkdirSync(path.join(dir, "live/storm-live"), { recursive: true });
    fs.writeFileSync(path.join(dir, "live/storm-live/first.md"), update("pinned: true\n"));
    await source.reload({ slug: "storm-live" });
    expect((await source.getLiveUpdates("storm-live"))?.map((u) => [u.id, u.pinned, u.url])).toEqual([["first", true, "/news/world-news/storm-live#update-first"]]);
    fs.writeFileSync(path.join(dir, "live/storm-live/second.md"), update("pinned: true\n"));
    await expect(source.reload({ slug: "storm-live" })).rejects.toThrow(/second\.md(?::\d+:\d+)? → field "pinned"/);
    expect((await source.getLiveUpdates("storm-live"))?.map((u) => u.id)).toEqual(["first"]);
  });

  it("rebuilds a missing index before answering, never serving an empty archive", async () => {
    const dir = makeContentDir();
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (m: string) => warnings.push(m);
    try {
      expect((await new MarkdownSource(dir).listArticles({})).total).toBe(1);
      fs.rmSync(path.dirname(indexFile(dir)), { recursive: true });
      expect((await new MarkdownSource(dir).listArticles({})).total).toBe(1);
    } finally {
      console.warn = warn;
    }
    expect(warnings.filter((w) => /is missing: bringing it up to date/.test(w))).toHaveLength(2);
  });
});

describe("body media through the index", () => {
  const svg = (w: number, h: number) => `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"></svg>`;

  it("sizes body images from their files, and renders again when a file is replaced though the text is not", async () => {
    const dir = makeContentDir({ "images/a.svg": svg(640, 360), "articles/pics.md": validArticle({ body: "Text.\n\n![A](/content-images/a.svg)\n" }) });
    const body = async (source = new MarkdownSource(dir)) => (await source.getArticleBySlug("pics"))?.body;
    await updateContentIndex(dir);
    expect(await body()).toContain('width="640" height="360"');
    // A build (a scan of the folder) sees the new size.
    fs.writeFileSync(path.join(dir, "images", "a.svg"), svg(400, 500));
    expect(await updateContentIndex(dir)).toMatchObject({ rendered: 1 });
    expect(await body()).toContain('width="400" height="500"');
    expect((await updateContentIndex(dir)).rendered).toBe(0);
    // So does the webhook naming the article.
    const source = new MarkdownSource(dir);
    fs.writeFileSync(path.join(dir, "images", "a.svg"), svg(300, 200));
    await source.reload({ slug: "pics" });
    expect(await body(source)).toContain('width="300" height="200"');
    // An image removed fails, naming the file and field, and the last good version stays.
    fs.rmSync(path.join(dir, "images", "a.svg"));
    await expect(source.reload({ slug: "pics" })).rejects.toThrow(/pics\.md(?::\d+:\d+)? → field "body": image \/content-images\/a\.svg: no such file/);
    await expect(updateContentIndex(dir)).rejects.toThrow(/pics\.md(?::\d+:\d+)? → field "body": image \/content-images\/a\.svg: no such file/);
    expect(await body(source)).toContain('width="300" height="200"');
  });

  it("re-renders a live-blog update when the image it shows is replaced", async () => {
    const dir = makeContentDir({
      "images/b.svg": svg(800, 450),
      "articles/storm-live.md": validArticle({ title: "Storm live", extra: "live: true" }),
      "live/storm-live/pier.md": "---\npublishedAt: 2026-01-10T10:00:00Z\n---\nThe pier.\n\n![Pier](/content-images/b.svg)\n",
    });
    await updateContentIndex(dir);
    const update = async () => (await new MarkdownSource(dir).getLiveUpdates("storm-live"))?.[0]?.body;
    expect(await update()).toContain('width="800" height="450"');
    fs.writeFileSync(path.join(dir, "images", "b.svg"), svg(600, 600));
    await updateContentIndex(dir);
    expect(await update()).toContain('width="600" height="600"');
  });

  it("logs an embed from an unknown host once per version of the file, naming it, and shows it as a link", async () => {
    const lines: string[] = [];
    const warn = console.warn;
    console.warn = (m: string) => lines.push(String(m));
    try {
      const body = 'Text.\n\n<iframe src="https://widgets.unknown.example/x"></iframe>\n\nhttps://youtu.be/aqz-KE-bpKQ\n';
      const dir = makeContentDir({ "articles/embeds.md": validArticle({ body }) });
      await updateContentIndex(dir);
      await updateContentIndex(dir); // unchanged: not rendered, nothing new to say
      const article = (await new MarkdownSource(dir).getArticleBySlug("embeds"))!;
      expect(article.body).toContain(">Embedded content from widgets.unknown.example</a>");
      expect(article.body).toContain('data-embed-src="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1"');
      expect(lines.filter((m) => m.includes("embeds.md"))).toEqual([expect.stringMatching(/embeds\.md(?::\d+:\d+)?: an <iframe> from widgets\.unknown\.example is shown as a link$/)]);
    } finally {
      console.warn = warn;
    }
  });
});

describe("search syntax", () => {
  const dir = makeContentDir({
    "articles/sea-wall.md": validArticle({ title: "The sea wall holds", body: "Waves broke over the wall by the sea.\n" }),
    "articles/wall-by-sea.md": validArticle({ title: "A wall by the sea", body: "The harbour café reopened.\n" }),
    // More words starting with "zeta" than a prefix is expanded to (64): that prefix is FTS5's own.
    "articles/many-words.md": validArticle({ title: "Glossary", body: `${Array.from({ length: 70 }, (_, i) => `zeta${i}x`).join(" ")}\n` }),
    "articles/one-word.md": validArticle({ title: "Zetaone", body: "A single word.\n" }),
  });
  const source = new MarkdownSource(dir);
  const hits = async (q: string) => (await source.search({ q })).items.map((h) => h.slug).sort();

  it("matches phrases in order, prefixes of longer words, and folds accents both ways", async () => {
    const restore = quiet();
    try {
      expect(await hits('"sea wall"')).toEqual(["sea-wall"]);
      expect(await hits("sea wall")).toEqual(["sea-wall", "wall-by-sea"]);
      expect(await hits("harb")).toEqual(["first-story", "wall-by-sea"]); // first-story is tagged Harbour
      expect(await hits("reop")).toEqual(["wall-by-sea"]);
      expect(await hits("reopened harb")).toEqual(["wall-by-sea"]);
      expect(await hits("xqzw")).toEqual([]);
      expect(await hits("zeta")).toEqual(["many-words", "one-word"]);
      expect(await hits("zetao")).toEqual(["one-word"]);
      expect(await hits("zeta1")).toEqual(["many-words"]);
      expect(await hits("cafe")).toEqual(["wall-by-sea"]);
      expect(await hits("CAFÉ")).toEqual(["wall-by-sea"]);
      expect(await hits('"unclosed phrase')).toEqual([]);
      expect(await hits('AND OR NOT NEAR ( ) * "')).toEqual([]);
    } finally {
      restore();
    }
  });
});

describe("search of an archive with more matches than it ranks", () => {
  // Six visible articles say "quay", one a day; the oldest say it in their titles (the best BM25).
  // Two share a second of publication; a draft and a scheduled article say it too.
  const day = (d: number, time = "09:00:00") => `2026-01-0${d}T${time}Z`;
  const dir = makeContentDir({
    "articles/quay-1.md": validArticle({ title: "Quay quay quay", publishedAt: day(1), body: "The quay.\n" }),
    "articles/quay-2.md": validArticle({ title: "The quay reopens", publishedAt: day(2), body: "On the quay.\n" }),
    "articles/quay-3.md": validArticle({ title: "Market day", publishedAt: day(3), body: "Stalls on the quay and in the square, the square.\n" }),
    "articles/quay-4.md": validArticle({ title: "Ferry times", publishedAt: day(4), body: "Boats leave the quay at nine and at ten.\n" }),
    "articles/quay-5a.md": validArticle({ title: "Quay lights", publishedAt: day(5), body: "New lamps on the quay.\n" }),
    "articles/quay-5b.md": validArticle({ title: "Tide tables", publishedAt: day(5), body: "High water at the quay, and low water.\n" }),
    "articles/quay-draft.md": validArticle({ title: "Quay draft", publishedAt: day(6), status: "draft" }),
    "articles/quay-later.md": validArticle({ title: "Quay later", publishedAt: "2099-01-01T09:00:00Z" }),
  });
  const now = Date.parse("2026-02-01T00:00:00Z");
  let reader: IndexReader;
  beforeAll(async () => {
    const restore = quiet();
    try {
      await updateContentIndex(dir);
    } finally {
      restore();
    }
    reader = new IndexReader(indexFile(dir), 3);
  });

  it("ranks the newest visible matches by relevance and says there are more", () => {
    const result = reader.search("quay", 1, 10, now);
    // The newest three visible: 5a and 5b (the same second), then 4 — never the draft or the scheduled one.
    expect(result.items.map((h) => h.slug).sort()).toEqual(["quay-4", "quay-5a", "quay-5b"]);
    expect(result.items[0].slug).toBe("quay-5a"); // "quay" in its title
    expect(result.items.map((h) => h.score)).toEqual([...result.items.map((h) => h.score)].sort((a, b) => b - a));
    expect(result).toMatchObject({ total: 3, totalPages: 1, totalCapped: true });
    expect(reader.search("quay", 2, 2, now)).toMatchObject({ total: 3, totalPages: 2, totalCapped: true });
    // A query with fewer matches than the window is counted and ranked whole.
    const narrow = reader.search("reopens", 1, 10, now);
    expect(narrow.items.map((h) => h.slug)).toEqual(["quay-2"]);
    expect(narrow.total).toBe(1);
    expect(narrow.totalCapped).toBeUndefined();
  });

  it("follows an article whose publication time moves, and forgets a deleted one", async () => {
    fs.writeFileSync(path.join(dir, "articles/quay-1.md"), validArticle({ title: "Quay quay quay", publishedAt: day(7), body: "The quay.\n" }));
    fs.rmSync(path.join(dir, "articles/quay-5b.md"));
    const restore = quiet();
    try {
      await updateContentIndex(dir, { slugs: ["quay-1", "quay-5b"] });
    } finally {
      restore();
    }
    const result = reader.search("quay", 1, 10, now);
    expect(result.items.map((h) => h.slug)).toEqual(["quay-1", "quay-5a", "quay-4"]);
    expect(reader.search("tide", 1, 10, now).total).toBe(0);
  });
});
