/**
 * The second release's additions to the markdown format (CONTENT.md "Additions"): kinds of work,
 * corrections, standing pages and live blogs — loaded as written, and refused naming file and field.
 */
import { describe, expect, it } from "vitest";
import { buildFolder, problemsOf } from "../../../tests/content/build";
import { MarkdownSource } from "./source";
import { pageSlugAllowed, RESERVED_SECTION_SLUGS } from "../rules";
import { makeContentDir, SITE_YML, validArticle } from "../../../tests/fixture";

const live = (extra = "") => validArticle({ title: "Storm live", publishedAt: "2026-01-10T06:00:00Z", extra: `live: true${extra}` });
const update = (fm: string, body = "The wind picked up along the quay.") => `---\n${fm}\n---\n${body}\n`;

describe("kinds and corrections", () => {
  it("loads them: kind defaults to news, corrections oldest first, updatedAt honest", async () => {
    const source = new MarkdownSource(
      makeContentDir({
        "articles/view.md": validArticle({ title: "A view", extra: "kind: opinion" }),
        "articles/fixed.md": validArticle({
          title: "Fixed",
          extra: "corrections:\n  - { date: 2026-01-14, text: 'An earlier version gave the *wrong* date.' }\n  - { date: '2026-01-12T10:00:00Z', text: A name was misspelt. }",
        }),
      }),
    );
    expect((await source.getArticleBySlug("first-story"))?.kind).toBe("news");
    expect((await source.getArticleBySlug("view"))?.kind).toBe("opinion");
    const fixed = (await source.getArticleBySlug("fixed"))!;
    expect(fixed.corrections.map((c) => c.date)).toEqual(["2026-01-12T10:00:00.000Z", "2026-01-14T12:00:00.000Z"]);
    expect(fixed.corrections[1].html).toBe("An earlier version gave the <em>wrong</em> date.");
    expect(fixed.corrections[1].text).toBe("An earlier version gave the wrong date.");
    expect(fixed.updatedAt).toBe("2026-01-14T12:00:00.000Z");
    expect(fixed.correctedAt).toBe("2026-01-14T12:00:00.000Z");
    const corrections = await source.listCorrections({});
    expect(corrections.items.map((e) => e.correction.date)).toEqual(["2026-01-14T12:00:00.000Z", "2026-01-12T10:00:00.000Z"]);
    expect(corrections.items[0].article.slug).toBe("fixed");
  });

  it("refuses an unknown kind, a correction without a date, text or before publication", async () => {
    expect(await problemsOf({ "articles/x.md": validArticle({ extra: "kind: gossip" }) })).toMatch(/x\.md(?::\d+:\d+)? → field "kind": must be one of news, opinion/);
    expect(await problemsOf({ "articles/x.md": validArticle({ extra: "corrections:\n  - { text: Oops }" }) })).toMatch(/x\.md(?::\d+:\d+)? → field "corrections\.0\.date": is required/);
    expect(await problemsOf({ "articles/x.md": validArticle({ extra: "corrections:\n  - { date: 2026-02-30, text: Oops }" }) })).toMatch(/x\.md(?::\d+:\d+)? → field "corrections\.0\.date": is not a real calendar date/);
    expect(await problemsOf({ "articles/x.md": validArticle({ extra: "corrections:\n  - { date: 2026-01-12 }" }) })).toMatch(/x\.md(?::\d+:\d+)? → field "corrections\.0\.text"/);
    expect(await problemsOf({ "articles/x.md": validArticle({ extra: "corrections:\n  - { date: 2025-12-01, text: Oops }" }) })).toMatch(/x\.md(?::\d+:\d+)? → field "corrections\.0\.date": is before publishedAt/);
  });
});

describe("standing pages", () => {
  it("loads pages/<slug>.md at /<slug>, footer by default", async () => {
    const source = new MarkdownSource(
      makeContentDir({
        "pages/about.md": "---\ntitle: About us\nnav: header\n---\nWe are a small newsroom.\n\n## Who we are\n\nReporters.\n",
        "pages/privacy.md": "---\ntitle: Privacy\ndescription: What we keep\nupdatedAt: 2026-01-01T00:00:00Z\n---\nWe keep almost nothing.\n",
      }),
    );
    const about = (await source.getPage("about"))!;
    expect(about).toMatchObject({ slug: "about", title: "About us", nav: "header", url: "/about", status: "published" });
    expect(about.headings.map((h) => h.text)).toEqual(["Who we are"]);
    expect((await source.getPage("privacy"))).toMatchObject({ nav: "footer", description: "What we keep", updatedAt: "2026-01-01T00:00:00.000Z" });
    expect((await source.getPages()).map((p) => p.slug).sort()).toEqual(["about", "privacy"]);
    expect(await source.getPage("nope")).toBeNull();
  });

  it("takes pages/support.md: /support shows the box, then this page (CONTENT.md); a section still may not be support", async () => {
    const source = new MarkdownSource(makeContentDir({ "pages/support.md": "---\ntitle: Why support us\n---\nYour money pays for reporters.\n" }));
    expect(await source.getPage("support")).toMatchObject({ slug: "support", title: "Why support us", url: "/support" });
    expect(pageSlugAllowed("support")).toBe(true);
    expect(pageSlugAllowed("newsletters")).toBe(false);
    expect(RESERVED_SECTION_SLUGS.has("support")).toBe(true);
  });

  it("refuses a page that collides with a section or a route, or lacks a title", async () => {
    expect(await problemsOf({ "pages/news.md": "---\ntitle: News\n---\nText\n" })).toMatch(/pages\/news\.md(?::\d+:\d+)? → field "slug \(file name\)": "\/news" is the section "news" in .*site\.yml/);
    expect(await problemsOf({ "pages/search.md": "---\ntitle: Search\n---\nText\n" })).toMatch(/pages\/search\.md(?::\d+:\d+)? → field "slug \(file name\)": "\/search" is reserved/);
    expect(await problemsOf({ "pages/newsletters.md": "---\ntitle: Newsletters\n---\nText\n" })).toMatch(/pages\/newsletters\.md(?::\d+:\d+)? → field "slug \(file name\)": "\/newsletters" is reserved/);
    expect(await problemsOf({ "pages/about.md": "---\nnav: header\n---\nText\n" })).toMatch(/pages\/about\.md(?::\d+:\d+)? → field "title": is required/);
    expect(await problemsOf({ "pages/about.md": "---\ntitle: About\nnav: sidebar\n---\nText\n" })).toMatch(/pages\/about\.md(?::\d+:\d+)? → field "nav"/);
  });
});

describe("live blogs", () => {
  const dir = () =>
    makeContentDir({
      "articles/storm-live.md": live(),
      "live/storm-live/first.md": update("publishedAt: 2026-01-10T06:05:00Z\ntitle: Gales reach the harbour\nkeyEvent: true"),
      "live/storm-live/pinned-advice.md": update("publishedAt: 2026-01-10T06:10:00Z\npinned: true\nauthors: [bob]"),
      "live/storm-live/later.md": update("publishedAt: 2026-01-10T07:00:00Z"),
      "live/storm-live/draft-note.md": update("publishedAt: 2026-01-10T07:30:00Z\nstatus: draft", "Unconfirmed: the zephyrine pier."),
      "live/storm-live/future.md": update("publishedAt: 2099-01-01T00:00:00Z", "Not yet."),
    });

  it("loads the updates newest first; readers see only visible ones, preview all", async () => {
    const source = new MarkdownSource(dir());
    const article = (await source.getArticleBySlug("storm-live"))!;
    expect(article.live).toEqual({});
    const updates = (await source.getLiveUpdates("storm-live"))!;
    expect(updates.map((u) => u.id)).toEqual(["later", "pinned-advice", "first"]);
    expect(updates[2]).toMatchObject({ title: "Gales reach the harbour", keyEvent: true, pinned: false, url: "/news/world-news/storm-live#update-first" });
    expect(updates[1].authors.map((a) => a.slug)).toEqual(["bob"]);
    expect(updates[0].authors.map((a) => a.slug)).toEqual(["ann"]);
    expect((await source.getLiveUpdates("storm-live", { preview: true }))!.map((u) => u.id)).toEqual(["future", "draft-note", "later", "pinned-advice", "first"]);
    expect(await source.getLiveUpdates("first-story")).toBeNull();
  });

  it("ends coverage with liveEndedAt", async () => {
    const source = new MarkdownSource(makeContentDir({ "articles/storm-live.md": live("\nliveEndedAt: 2026-01-10T18:00:00Z") }));
    expect((await source.getArticleBySlug("storm-live"))?.live).toEqual({ endedAt: "2026-01-10T18:00:00.000Z" });
    expect((await source.listArticles({})).items.find((a) => a.slug === "storm-live")?.live).toEqual({ endedAt: "2026-01-10T18:00:00.000Z" });
  });

  it("refuses updates of an unknown or ordinary article, bad ids, two pinned, and liveEndedAt without live", async () => {
    expect(await problemsOf({ "live/nowhere/a.md": update("publishedAt: 2026-01-10T06:05:00Z") })).toMatch(/live\/nowhere\/a\.md(?::\d+:\d+)? → field "live\/<slug>": no article "nowhere"/);
    expect(await problemsOf({ "live/first-story/a.md": update("publishedAt: 2026-01-10T06:05:00Z") })).toMatch(/live\/first-story\/a\.md(?::\d+:\d+)? → field "live\/<slug>": the article "first-story" is not a live blog/);
    expect(await problemsOf({ "articles/storm-live.md": live(), "live/storm-live/Bad_Id.md": update("publishedAt: 2026-01-10T06:05:00Z") })).toMatch(/Bad_Id\.md(?::\d+:\d+)? → field "update id \(file name\)"/);
    expect(await problemsOf({ "articles/storm-live.md": live(), "live/storm-live/a.md": update("title: No date") })).toMatch(/live\/storm-live\/a\.md(?::\d+:\d+)? → field "publishedAt": is required/);
    expect(
      await problemsOf({
        "articles/storm-live.md": live(),
        "live/storm-live/a.md": update("publishedAt: 2026-01-10T06:05:00Z\npinned: true"),
        "live/storm-live/b.md": update("publishedAt: 2026-01-10T06:06:00Z\npinned: true"),
      }),
    ).toMatch(/live\/storm-live\/b\.md(?::\d+:\d+)? → field "pinned": another update of "storm-live" is pinned already/);
    expect(await problemsOf({ "articles/x.md": validArticle({ extra: "liveEndedAt: 2026-01-11T00:00:00Z" }) })).toMatch(/x\.md(?::\d+:\d+)? → field "liveEndedAt": is only for live blogs/);
    expect(await problemsOf({ "articles/storm-live.md": live(), "live/storm-live/a.md": update("publishedAt: 2026-01-10T06:05:00Z\nauthors: [nobody]") })).toMatch(/a\.md(?::\d+:\d+)? → field "authors\.0": unknown author "nobody"/);
  });
});

describe("site.yml trust links", () => {
  const site = (trust: string) => `${SITE_YML}trust:\n${trust}\n`;

  it("accept standing pages, sections, /corrections and absolute URLs", async () => {
    const dir = makeContentDir({
      "site.yml": site("  publishingPrinciples: /ethics\n  correctionsPolicy: /corrections\n  ownershipFundingInfo: https://owners.example/who"),
      "pages/ethics.md": "---\ntitle: Ethics\n---\nOur code.\n",
    });
    await buildFolder(dir);
  });

  it("refuse a path that leads nowhere, naming site.yml and the field", async () => {
    const message = await problemsOf({
      "site.yml": site("  publishingPrinciples: /ethic\n  correctionsPolicy: /news/local"),
      "pages/ethics.md": "---\ntitle: Ethics\n---\nOur code.\n",
    });
    expect(message).toMatch(/site\.yml → field "trust\.publishingPrinciples": "\/ethic" is no page of this site/);
    expect(message).not.toMatch(/correctionsPolicy/);
  });
});
