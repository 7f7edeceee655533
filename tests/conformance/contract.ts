/**
 * The content-source conformance suite: one set of expectations of the ContentSource contract
 * (lib/sources/types.ts, CONTENT.md), run against every source over the same sample newsroom
 * (tests/fixtures/conformance/newsroom.json). A source is done when it passes this suite.
 *
 * Call it inside a test file: `describeContract("markdown", { createSource, capabilities })`.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { slug as slugify } from "github-slugger";
import type { ContentSource } from "../../lib/sources/types";
import { correctionIso, displayTitle, expectedUpdatedAt, isPublished, loadNewsroom, newestFirst, type NewsroomArticle, type NewsroomUpdate } from "./newsroom";

export interface ContractOptions {
  createSource: () => ContentSource | Promise<ContentSource>;
  /**
   * Optional parts of the contract a source may declare unsupported; the suite then checks that
   * the source says "nothing" (null, empty) rather than something wrong.
   */
  capabilities: {
    /** getArticleByOldSlug finds articles by their redirectFrom slugs. */
    oldSlugs: boolean;
    /** Article.relatedSlugs (editor picks) come through and lead getRelated. */
    editorPicks: boolean;
    /** Authors carry their avatar picture. */
    avatars: boolean;
    /** scheduledAt / nextScheduled know the scheduled articles. */
    scheduling: boolean;
    /** Articles carry their kind of work (otherwise every article is news). */
    kinds: boolean;
    /** Articles carry their dated corrections, and listCorrections lists them. */
    corrections: boolean;
    /** Standing pages can be drafts, shown in preview only (markdown pages are always published). */
    draftPages: boolean;
    /** Live blogs: Article.live and getLiveUpdates (CONTENT.md "Live blogs"). */
    liveBlogs: boolean;
  };
}

const newsroom = loadNewsroom();
const bySlug = new Map(newsroom.articles.map((a) => [a.slug, a]));
const published = newestFirst(newsroom.articles.filter((a) => isPublished(a)));
const slugsOf = (list: { slug: string }[]) => list.map((a) => a.slug);
const publishedWhere = (test: (a: NewsroomArticle) => boolean) => slugsOf(published.filter(test));
const inSection = (path: string) => (a: NewsroomArticle) => a.section === path || a.section.startsWith(`${path}/`);
const draft = newsroom.articles.find((a) => a.status === "draft")!;
const scheduled = newsroom.articles.find((a) => (a.status ?? "published") === "published" && !isPublished(a))!;
const liveBlog = newsroom.articles.find((a) => a.live)!;
const updatesNewestFirst = (list: NewsroomUpdate[]) =>
  [...list].sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt) || b.id.localeCompare(a.id)).map((u) => u.id);
const visibleUpdate = (u: NewsroomUpdate) => (u.status ?? "published") === "published" && Date.parse(u.publishedAt) <= Date.now();

/** The h2/h3 outline of a fixture body, as a reader sees it. */
function outline(body: string) {
  return [...body.matchAll(/<h([23])>(.*?)<\/h\1>/g)].map(([, depth, text]) => ({ id: slugify(text), text, depth: Number(depth) }));
}

function firstParagraphText(body: string): string {
  return /<p>(.*?)<\/p>/.exec(body)![1].replace(/<[^>]+>/g, "");
}

export function describeContract(name: string, options: ContractOptions): void {
  describe(`ContentSource contract: ${name}`, () => {
    let source: ContentSource;
    beforeAll(async () => {
      source = await options.createSource();
    });

    it("has a sample newsroom with a draft, a scheduled article and enough to paginate", () => {
      expect(draft).toBeDefined();
      expect(scheduled).toBeDefined();
      expect(published.length).toBeGreaterThanOrEqual(7);
    });

    describe("visibility", () => {
      it("hides drafts and scheduled articles from readers everywhere", async () => {
        expect(await source.getArticleBySlug(draft.slug)).toBeNull();
        expect(await source.getArticleBySlug(scheduled.slug)).toBeNull();
        const all = await source.listArticles({ perPage: 50 });
        expect(slugsOf(all.items)).toEqual(slugsOf(published));
        expect(all.total).toBe(published.length);
        expect(slugsOf((await source.listArticles({ tag: "harbour", perPage: 50 })).items)).toEqual(publishedWhere((a) => a.tags.includes("Harbour")));
        expect((await source.search({ q: "zephyrine" })).total).toBe(0); // a word only the draft has
        expect((await source.search({ q: "quillmorrow" })).total).toBe(0); // only the scheduled article
      });

      it("shows drafts and scheduled articles in preview", async () => {
        const d = await source.getArticleBySlug(draft.slug, { preview: true });
        expect(d?.title).toBe(displayTitle(draft.title));
        expect(d?.status).toBe("draft");
        const s = await source.getArticleBySlug(scheduled.slug, { preview: true });
        expect(s?.section.path).toBe(scheduled.section);
        expect(s?.status).toBe("published");
        expect(s?.publishedAt).toBe(new Date(scheduled.publishedAt).toISOString());
        const all = await source.listArticles({ perPage: 50, preview: true });
        expect(all.total).toBe(newsroom.articles.length);
        expect(slugsOf(all.items)).toEqual(slugsOf(newestFirst(newsroom.articles)));
      });
    });

    describe("articles", () => {
      it("map every field of every published article", async () => {
        for (const expected of published) {
          const a = await source.getArticleBySlug(expected.slug);
          expect(a, expected.slug).not.toBeNull();
          if (!a) continue;
          expect(a.title, expected.slug).toBe(displayTitle(expected.title));
          expect(a.section.path).toBe(expected.section);
          expect(a.url).toBe(`/${expected.section}/${expected.slug}`);
          expect(a.authors.map((au) => au.slug)).toEqual([expected.author]);
          expect(a.authors[0].name).toBe(newsroom.authors.find((au) => au.slug === expected.author)!.name);
          expect(a.tags.map((t) => t.name).sort()).toEqual([...expected.tags].sort());
          expect(a.tags.map((t) => t.slug).sort()).toEqual(expected.tags.map((t) => slugify(t)).sort());
          expect(a.publishedAt).toBe(new Date(expected.publishedAt).toISOString());
          expect(a.updatedAt, expected.slug).toBe(options.capabilities.corrections ? expectedUpdatedAt(expected) : new Date(expected.updatedAt ?? expected.publishedAt).toISOString());
          expect(a.status).toBe("published");
          expect(a.description).toBe(expected.description ?? firstParagraphText(expected.body));
          expect(a.headings, expected.slug).toEqual(outline(expected.body));
          expect(a.readingMinutes).toBeGreaterThanOrEqual(1);
          expect(a.donation).toBe(true);
          if (expected.image) {
            expect(a.image, expected.slug).toMatchObject({ alt: expected.image.alt, width: 800, height: 450 });
            expect(a.image?.src).toMatch(new RegExp(`/${expected.image.file.replace(".", "\\.")}$`));
            expect(a.image?.caption).toBe(expected.image.caption);
            expect(a.image?.credit).toBe(expected.image.credit);
          } else {
            expect(a.image).toBeUndefined();
          }
        }
      });

      it("serve a sanitised body with heading ids and self-links", async () => {
        const a = (await source.getArticleBySlug("ferry-timetable-changes"))!;
        expect(a.body).toContain("Printed timetables are at the kiosk.");
        expect(a.body).toMatch(/<h2 id="later-sailings-on-fridays">Later sailings on Fridays<a href="#later-sailings-on-fridays"/);
        for (const bad of ["<script", "pwned", "onerror", "javascript:", "<iframe", "<img"]) expect(a.body).not.toContain(bad);
        // Nothing is silently lost: the iframe from an unknown host and the tracking image are links.
        expect(a.body).toContain('<a href="https://ads.invalid/frame" rel="noopener noreferrer">Embedded content from ads.invalid</a>');
        expect(a.body).toContain(">Image from tracker.invalid</a>");
      });

      it("serve body media: embed facades, sized images, a gallery, a pull quote, a scrolling table and audio", async () => {
        const a = (await source.getArticleBySlug("equinox-gale-in-pictures"))!;
        const frames = [...a.body.matchAll(/data-embed-src="([^"]+)"/g)].map(([, src]) => src.replaceAll("&#x26;", "&"));
        expect(frames).toEqual(["https://www.youtube-nocookie.com/embed/Pw7Rb2kQx0A?autoplay=1", "https://platform.twitter.com/embed/Tweet.html?id=1836000000000000001&dnt=true"]);
        expect(a.body).toContain("<figcaption>Waves over the pier wall at two in the morning.</figcaption>");
        const images = [...a.body.matchAll(/<img [^>]*>/g)].map(([tag]) => tag);
        expect(images).toHaveLength(4);
        for (const img of images) {
          expect(img).toMatch(/ width="800" height="450"/);
          expect(img).toMatch(/ srcset="[^"]+ \d+w/);
          expect(img).toContain(' decoding="async"');
        }
        expect(a.body).toMatch(/<figure class="gallery">(?:(?!<\/figure>\s*<figure class="pullquote").)*<figcaption>Boats, nets and the lifeboat slip the morning after\.<\/figcaption><\/figure>/s);
        expect(a.body).toContain('<figure class="pullquote"><blockquote><p>I have lived on this cove');
        expect(a.body).toContain('<div class="table-scroll" role="region" tabindex="0" aria-label="Readings at the pier gauge through Sunday night."><table>');
        expect(a.body).toMatch(/<audio src="[^"]*\/foghorn\.wav" controls preload="none"><\/audio>/);
        expect(a.body).not.toMatch(/<iframe|<script|widgets\.js/);
      });

      it("decode HTML entities in titles and names", async () => {
        expect((await source.getArticleBySlug("harbour-dredging-plan"))?.title).toBe("Council & port agree harbour dredging plan");
        expect((await source.getArticleBySlug("lighthouse-choir-album"))?.title).toBe("The lighthouse choir\u2019s first album");
        expect((await source.getSection("culture"))?.name).toBe("Arts & Culture");
      });
    });

    describe("kinds of work and corrections", () => {
      it(options.capabilities.kinds ? "give every article its kind, news by default" : "call every article news (declared unsupported)", async () => {
        for (const expected of published) {
          const a = (await source.getArticleBySlug(expected.slug))!;
          expect(a.kind, expected.slug).toBe(options.capabilities.kinds ? (expected.kind ?? "news") : "news");
        }
        const list = await source.listArticles({ perPage: 50 });
        expect(list.items.find((a) => a.slug === "north-sea-quota-talks")?.kind).toBe(options.capabilities.kinds ? "analysis" : "news");
      });

      it(options.capabilities.corrections ? "give dated corrections oldest first, as safe inline HTML, and date the update by the latest" : "give no corrections (declared unsupported)", async () => {
        const quota = (await source.getArticleBySlug("north-sea-quota-talks"))!;
        const storm = (await source.getArticleBySlug("storm-closes-quay"))!;
        if (!options.capabilities.corrections) {
          expect(quota.corrections).toEqual([]);
          expect((await source.listCorrections({})).total).toBe(0);
          return;
        }
        expect(quota.corrections.map((c) => c.date)).toEqual(["2026-11-03T12:00:00.000Z", "2026-11-04T10:00:00.000Z"]);
        expect(quota.corrections[0]).toEqual({
          date: "2026-11-03T12:00:00.000Z",
          html: "An earlier version gave the wrong <em>year</em> for the last agreement; it was 2019.",
          text: "An earlier version gave the wrong year for the last agreement; it was 2019.",
        });
        expect(quota.correctedAt).toBe("2026-11-04T10:00:00.000Z");
        expect(quota.updatedAt).toBe("2026-11-04T10:00:00.000Z");
        expect(storm.corrections[0].html).toBe('The quay reopened on <em>Wednesday</em>, not Tuesday, as <a href="https://harbour.example/notices" rel="noopener noreferrer">the harbour office</a> confirmed.');
        expect((await source.getArticleBySlug("harbour-bridge-reopens"))!.corrections).toEqual([]);
      });

      it(options.capabilities.corrections ? "list every correction of a visible article, newest first, paginated" : "list no corrections (declared unsupported)", async () => {
        const expected = published
          .flatMap((a) => (a.corrections ?? []).map((c) => ({ slug: a.slug, date: correctionIso(c.date) })))
          .sort((a, b) => b.date.localeCompare(a.date));
        const all = await source.listCorrections({ perPage: 50 });
        if (!options.capabilities.corrections) {
          expect(all.items).toEqual([]);
          return;
        }
        expect(all.items.map((e) => ({ slug: e.article.slug, date: e.correction.date }))).toEqual(expected);
        expect(all.total).toBe(expected.length);
        expect(all.items.map((e) => e.article.slug)).not.toContain(draft.slug); // a draft's corrections wait for it
        expect(all.items[0].article).toMatchObject({ url: "/news/world-news/north-sea-quota-talks", title: "North Sea fishing quota talks stall" });
        const second = await source.listCorrections({ page: 2, perPage: 1 });
        expect(second).toMatchObject({ page: 2, perPage: 1, total: expected.length, totalPages: expected.length });
        expect(second.items.map((e) => e.correction.date)).toEqual([expected[1].date]);
      });
    });

    describe("standing pages", () => {
      const pages = newsroom.pages;
      const publishedPages = pages.filter((p) => p.status !== "draft");
      const draftPage = pages.find((p) => p.status === "draft")!;

      it("list the published pages with their place in the navigation, footer by default", async () => {
        const list = await source.getPages();
        expect(list.map((p) => p.slug).sort()).toEqual(publishedPages.map((p) => p.slug).sort());
        for (const expected of publishedPages) {
          const page = list.find((p) => p.slug === expected.slug)!;
          expect(page).toMatchObject({ title: displayTitle(expected.title), nav: expected.nav ?? "footer", status: "published", url: `/${expected.slug}` });
        }
      });

      it("give a page with its sanitised body, outline, description and date; none for an unknown slug", async () => {
        const about = (await source.getPage("about"))!;
        expect(about).toMatchObject({
          slug: "about",
          title: "About the Courier",
          description: "The Ellery Cove Courier has reported on the town since 1902.",
          updatedAt: "2026-09-01T09:00:00.000Z",
          nav: "header",
          headings: [
            { id: "who-owns-us", text: "Who owns us", depth: 2 },
            { id: "how-we-are-paid-for", text: "How we are paid for", depth: 2 },
          ],
        });
        expect(about.body).toContain("A trust of readers owns the paper.");
        expect(about.body).not.toMatch(/<script|alert\(/);
        expect((await source.getPage("ethics"))?.headings).toEqual([{ id: "sources", text: "Sources", depth: 3 }]);
        expect(await source.getPage("no-such-page")).toBeNull();
        expect(await source.getPage("news")).toBeNull(); // a section, not a page
      });

      it(options.capabilities.draftPages ? "hide a draft page from readers and show it in preview" : "have no draft pages (declared unsupported)", async () => {
        expect(await source.getPage(draftPage.slug)).toBeNull();
        expect((await source.getPages()).map((p) => p.slug)).not.toContain(draftPage.slug);
        const previewed = await source.getPage(draftPage.slug, { preview: true });
        if (options.capabilities.draftPages) {
          expect(previewed).toMatchObject({ slug: draftPage.slug, title: draftPage.title, status: "draft" });
          expect((await source.getPages({ preview: true })).map((p) => p.slug)).toContain(draftPage.slug);
        } else {
          expect(previewed).toBeNull();
        }
        // Preview sees the published ones too.
        expect((await source.getPage("about", { preview: true }))?.status).toBe("published");
      });
    });

    describe("lookups", () => {
      it("find an article by slug, with its section path and canonical URL", async () => {
        const article = await source.getArticleBySlug("ferry-timetable-changes");
        expect(article?.section.path).toBe("news/local");
        expect(article?.url).toBe("/news/local/ferry-timetable-changes");
        expect(await source.getArticleBySlug("no-such-story")).toBeNull();
      });

      it(options.capabilities.scheduling ? "say when a scheduled article goes live" : "say nothing about scheduled articles (declared unsupported)", async () => {
        const iso = new Date(scheduled.publishedAt).toISOString();
        if (options.capabilities.scheduling) {
          expect(await source.scheduledAt(scheduled.slug)).toBe(iso);
          expect(await source.nextScheduled()).toEqual({ slug: scheduled.slug, publishedAt: iso });
        } else {
          expect(await source.scheduledAt(scheduled.slug)).toBeNull();
          expect(await source.nextScheduled()).toBeNull();
        }
        // Never for a published, draft or unknown article.
        expect(await source.scheduledAt(published[0].slug)).toBeNull();
        expect(await source.scheduledAt(draft.slug)).toBeNull();
        expect(await source.scheduledAt("no-such-story")).toBeNull();
        // Once its time has come it is an ordinary article.
        expect(await source.scheduledAt(scheduled.slug, new Date(Date.parse(iso) + 1000))).toBeNull();
      });

      it(options.capabilities.oldSlugs ? "find an article by an old slug" : "answer no article for an old slug (declared unsupported)", async () => {
        const moved = await source.getArticleByOldSlug("dredging-plan-old");
        if (options.capabilities.oldSlugs) {
          expect(moved?.url).toBe("/news/local/harbour-dredging-plan");
          expect(moved?.redirectFrom).toContain("dredging-plan-old");
        } else {
          expect(moved).toBeNull();
        }
        expect(await source.getArticleByOldSlug("never-was-a-slug")).toBeNull();
      });
    });

    describe("sections, authors, tags", () => {
      it("give the section tree in site.yml's order, with paths", async () => {
        const sections = await source.getSections();
        const shape = (list: typeof sections): unknown[] => list.map((s) => ({ path: s.path, children: shape(s.children) }));
        expect(shape(sections)).toEqual([
          { path: "news", children: [{ path: "news/world-news", children: [] }, { path: "news/local", children: [] }] },
          { path: "culture", children: [] },
        ]);
        const local = await source.getSection("news/local");
        expect(local).toMatchObject({ slug: "local", name: "Local", parentPath: "news" });
        expect((await source.getSection("news"))?.description).toBe("Reporting from Ellery Cove and beyond");
        expect(await source.getSection("news/nowhere")).toBeNull();
      });

      it("give authors with names, sanitised bios and avatars", async () => {
        expect((await source.getAuthors()).map((a) => a.slug).sort()).toEqual(newsroom.authors.map((a) => a.slug).sort());
        const marta = (await source.getAuthor("marta-okafor"))!;
        expect(marta.name).toBe("Marta Okafor");
        expect(marta.bio).toMatch(/^<p>Marta Okafor covers the harbour, the town council (&#x26;|&amp;) anything that floats\./);
        if (options.capabilities.avatars) expect(marta.avatar?.src).toMatch(/marta-okafor\.png$/);
        expect((await source.getAuthor("jonas-whitlock"))?.bio).toContain("<em>Courier</em>");
        expect((await source.getAuthor("ines-carvalho"))?.name).toBe("Inês Carvalho");
        expect(await source.getAuthor("nobody-here")).toBeNull();
      });

      it("give tags by slug", async () => {
        const visibleTags = new Set(published.flatMap((a) => a.tags));
        const tags = await source.getTags();
        for (const name of visibleTags) expect(tags).toContainEqual({ slug: slugify(name), name });
        expect(await source.getTag("town-council")).toEqual({ slug: "town-council", name: "Town council" });
        expect(await source.getTag("no-such-tag")).toBeNull();
      });
    });

    describe("lists and pagination", () => {
      it("list a section with its subsections, newest first", async () => {
        for (const path of ["news", "news/local", "news/world-news", "culture"]) {
          const list = await source.listArticles({ section: path, perPage: 50 });
          expect(slugsOf(list.items), path).toEqual(publishedWhere(inSection(path)));
          expect(list.total).toBe(list.items.length);
        }
        expect((await source.listArticles({ section: "nowhere" })).total).toBe(0);
      });

      it("page through with totals", async () => {
        const pages = Math.ceil(published.length / 3);
        for (let page = 1; page <= pages; page++) {
          const p = await source.listArticles({ page, perPage: 3 });
          expect(p).toMatchObject({ page, perPage: 3, total: published.length, totalPages: pages });
          expect(slugsOf(p.items)).toEqual(slugsOf(published.slice((page - 1) * 3, page * 3)));
        }
      });

      it("answer an empty page past the end, and clamp bad paging input", async () => {
        const past = await source.listArticles({ page: 99, perPage: 3 });
        expect(past.items).toEqual([]);
        expect(past.total).toBe(published.length);
        expect(past.totalPages).toBe(Math.ceil(published.length / 3));
        const clamped = await source.listArticles({ page: -1, perPage: 10_000 });
        expect(clamped.page).toBe(1);
        expect(clamped.perPage).toBe(50);
        expect(clamped.items).toHaveLength(published.length);
      });

      it("list by author and by tag", async () => {
        expect(slugsOf((await source.listArticles({ author: "marta-okafor" })).items)).toEqual(publishedWhere((a) => a.author === "marta-okafor"));
        expect(slugsOf((await source.listArticles({ tag: "fishing" })).items)).toEqual(publishedWhere((a) => a.tags.includes("Fishing")));
        expect((await source.listArticles({ author: "nobody-here" })).total).toBe(0);
        expect((await source.listArticles({ tag: "no-such-tag" })).total).toBe(0);
      });
    });

    describe("archive months and date ranges (bounded sitemap children)", () => {
      const monthOf = (iso: string) => new Date(iso).toISOString().slice(0, 7);
      const range = (month: string) => {
        const [y, m] = month.split("-").map(Number);
        return { from: new Date(Date.UTC(y, m - 1, 1)).toISOString(), until: new Date(Date.UTC(y, m, 1)).toISOString() };
      };

      it("names every month with a visible article, newest first, and no month after the newest", async () => {
        const months = (await source.archiveMonths()).map((m) => m.month);
        expect(months).toEqual([...months].sort().reverse());
        for (const a of published) expect(months, a.slug).toContain(monthOf(a.publishedAt));
        expect(months[0]).toBe(monthOf(published[0].publishedAt));
      });

      it("lists exactly one month's visible articles for a from/until range", async () => {
        for (const month of new Set(published.map((a) => monthOf(a.publishedAt)))) {
          const list = await source.listArticles({ ...range(month), perPage: 50 });
          expect(slugsOf(list.items), month).toEqual(publishedWhere((a) => monthOf(a.publishedAt) === month));
          expect(list.total).toBe(list.items.length);
        }
      });

      it("tells a list's last update — its newest visible article's — without reading the article", async () => {
        const expected = (list: (a: NewsroomArticle) => boolean) => {
          const newest = published.find(list);
          return newest ? (options.capabilities.corrections ? expectedUpdatedAt(newest) : new Date(newest.updatedAt ?? newest.publishedAt).toISOString()) : null;
        };
        expect(await source.lastUpdated({})).toBe(expected(() => true));
        const sections = [...new Set(published.flatMap((a) => a.section.split("/").map((_, i, parts) => parts.slice(0, i + 1).join("/"))))];
        for (const section of sections) expect(await source.lastUpdated({ section }), section).toBe(expected(inSection(section)));
        for (const author of newsroom.authors) expect(await source.lastUpdated({ author: author.slug }), author.slug).toBe(expected((a) => a.author === author.slug));
        const tag = (await source.getTags())[0];
        expect(await source.lastUpdated({ tag: tag.slug })).toBe((await source.listArticles({ tag: tag.slug, perPage: 1 })).items[0]?.updatedAt ?? null);
        expect(await source.lastUpdated({ section: "no-such-section" })).toBeNull();
        expect(await source.lastUpdated({ tag: "no-such-tag" })).toBeNull();
      });
    });

    describe("related", () => {
      it("puts visible editor picks first, never the article itself or an invisible one", async () => {
        const article = (await source.getArticleBySlug("north-sea-quota-talks"))!;
        const related = slugsOf(await source.getRelated(article, 3));
        if (options.capabilities.editorPicks) expect(related[0]).toBe("harbour-dredging-plan");
        expect(related).toHaveLength(3);
        for (const never of ["north-sea-quota-talks", draft.slug, scheduled.slug]) expect(related).not.toContain(never);
      });

      it("prefers the most shared tags, then the same section", async () => {
        const article = (await source.getArticleBySlug("harbour-bridge-reopens"))!;
        const related = slugsOf(await source.getRelated(article, 4));
        expect(related[0]).toBe("harbour-dredging-plan"); // shares Harbour and Town council
        expect(related).toHaveLength(4);
        expect(new Set(related).size).toBe(4);
        for (const never of ["harbour-bridge-reopens", draft.slug, scheduled.slug]) expect(related).not.toContain(never);
      });
    });

    describe("live blogs", () => {
      it(options.capabilities.liveBlogs ? "give a live blog's visible updates, newest first, with every field" : "have no live blogs (declared unsupported): every post is an ordinary article", async () => {
        const article = (await source.getArticleBySlug(liveBlog.slug))!;
        expect(article.title).toBe(displayTitle(liveBlog.title));
        if (!options.capabilities.liveBlogs) {
          expect(article.live).toBeUndefined();
          expect(await source.getLiveUpdates(liveBlog.slug)).toBeNull();
          return;
        }
        expect(article.live).toEqual({ endedAt: new Date(liveBlog.live!.endedAt!).toISOString() });
        const summary = (await source.listArticles({ section: liveBlog.section, perPage: 50 })).items.find((a) => a.slug === liveBlog.slug);
        expect(summary?.live).toEqual(article.live);
        const updates = (await source.getLiveUpdates(liveBlog.slug))!;
        expect(updates.map((u) => u.id)).toEqual(updatesNewestFirst(liveBlog.live!.updates.filter(visibleUpdate)));
        for (const u of updates) {
          const expected = liveBlog.live!.updates.find((e) => e.id === u.id)!;
          expect(u.title).toBe(expected.title);
          expect(u.publishedAt).toBe(new Date(expected.publishedAt).toISOString());
          expect(u.keyEvent).toBe(Boolean(expected.keyEvent));
          expect(u.pinned).toBe(Boolean(expected.pinned));
          expect(u.status).toBe("published");
          expect(u.authors.map((a) => a.slug)).toEqual([expected.author ?? liveBlog.author]);
          expect(u.url).toBe(`/${liveBlog.section}/${liveBlog.slug}#update-${u.id}`);
          expect(u.body).toContain(/<p>(.*?)[<.]/.exec(expected.body)![1]);
          expect(u.body).not.toContain("<script");
        }
      });

      it(options.capabilities.liveBlogs ? "keep draft and scheduled updates for preview" : "have no updates in preview either", async () => {
        const all = await source.getLiveUpdates(liveBlog.slug, { preview: true });
        if (!options.capabilities.liveBlogs) return expect(all).toBeNull();
        expect(all!.map((u) => u.id)).toEqual(updatesNewestFirst(liveBlog.live!.updates));
        expect(all!.find((u) => u.id === "lunch-rumour")?.status).toBe("draft");
        expect((await source.getLiveUpdates(liveBlog.slug))!.map((u) => u.id)).not.toContain("next-year");
        // Words only draft and scheduled updates have are found nowhere.
        for (const word of ["marsupilami", "quokkaville"]) expect((await source.search({ q: word })).total).toBe(0);
      });

      it("answer no updates for an ordinary or unknown article", async () => {
        expect(await source.getLiveUpdates(published.find((a) => !a.live)!.slug)).toBeNull();
        expect(await source.getLiveUpdates("no-such-story")).toBeNull();
        expect(await source.getLiveUpdates(draft.slug)).toBeNull();
      });
    });

    describe("search", () => {
      it("ranks title matches above body matches", async () => {
        const hits = slugsOf((await source.search({ q: "harbour" })).items);
        expect(hits.slice(0, 2).sort()).toEqual(["harbour-bridge-reopens", "harbour-dredging-plan"]);
        expect(hits.at(-1)).toBe("ferry-timetable-changes"); // "harbour" only in its body
        expect(hits).toHaveLength(3);
        expect(bySlug.get(hits[0])).toBeDefined();
      });

      it("needs every word, matches word starts, ignores case and accents", async () => {
        expect(slugsOf((await source.search({ q: "HARBOUR dredging" })).items)).toEqual(["harbour-dredging-plan"]);
        expect(slugsOf((await source.search({ q: "dredg" })).items)).toEqual(["harbour-dredging-plan"]);
        expect(slugsOf((await source.search({ q: "CAFE" })).items)).toEqual(["tide-theatre-season"]); // "café" in the body
        expect((await source.search({ q: "nothing-matches-this-at-all" })).total).toBe(0);
        expect((await source.search({ q: "   " })).total).toBe(0);
      });

      it("pages through hits", async () => {
        const second = await source.search({ q: "harbour", page: 2, perPage: 1 });
        expect(second).toMatchObject({ page: 2, perPage: 1, total: 3, totalPages: 3 });
        expect(second.items).toHaveLength(1);
        expect(second.items[0].score).toBeGreaterThan(0);
      });
    });
  });
}
