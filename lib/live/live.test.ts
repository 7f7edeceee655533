/**
 * Live blogs, without a browser: how updates are cut into pages, what the delta endpoint answers
 * for each cursor, how the open page reconciles those answers, and the JSON-LD.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { MarkdownSource } from "../sources/markdown/source";
import { makeContentDir, validArticle } from "../../tests/fixture";
import type { LiveUpdate } from "../sources/types";
import { livePaging, updatePath } from "./paging";
import { liveState } from "../pages/live-view";
import { deltaFor, parseDeltaRequest, rememberLiveState } from "./delta";
import { ParameterError } from "../api/articles";
import { applyDelta, initialModel, revealPending, visibleKeyEvents } from "./reconcile";
import { liveBlogJsonLd } from "../seo/live-jsonld";
import type { LiveInitial } from "./types";

const at = (m: number) => new Date(Date.parse("2026-01-10T06:00:00Z") + m * 60_000).toISOString();
const fake = (n: number, from = 0): Pick<LiveUpdate, "id" | "pinned">[] =>
  Array.from({ length: n }, (_, i) => ({ id: `u${from + i + 1}`, pinned: false })).reverse();

describe("livePaging", () => {
  it("keeps everything on the article URL until two pages' worth, then archives the oldest ten", () => {
    expect(livePaging(fake(19)).archivePages).toEqual([]);
    const p = livePaging(fake(20));
    expect(p.archivePages).toEqual([2]);
    expect(p.page(2)!.map((u) => u.id)).toEqual(["u10", "u9", "u8", "u7", "u6", "u5", "u4", "u3", "u2", "u1"]);
    expect(p.front).toHaveLength(10);
    expect(p.pageOf("u1")).toBe(2);
    expect(p.pageOf("u11")).toBe(1);
    expect(p.page(3)).toBeNull();
  });

  it("never changes a full page as updates keep coming, so a link to page N keeps its update", () => {
    const before = livePaging(fake(25));
    const after = livePaging(fake(47));
    expect(after.archivePages).toEqual([2, 3, 4]);
    expect(after.page(2)).toEqual(before.page(2));
    expect(after.front.length).toBeGreaterThanOrEqual(10);
    expect(after.front.length).toBeLessThan(20);
    expect(after.pageOf("u15")).toBe(3);
  });

  it("shows the pinned update on the front page only, outside the pages' count", () => {
    const updates = [...fake(20).slice(0, 19), { id: "pin", pinned: true }, ...fake(20).slice(19)];
    const p = livePaging(updates);
    expect(p.pinned?.id).toBe("pin");
    expect(p.pageOf("pin")).toBe(1);
    expect([...p.front, ...p.page(2)!].some((u) => u.id === "pin")).toBe(false);
    expect(updatePath("/news/storm", 2, "u3")).toBe("/news/storm/page/2#update-u3");
    expect(updatePath("/news/storm", 1, "pin")).toBe("/news/storm#update-pin");
  });
});

const update = (fm: string, body = "The wind picked up along the quay.") => `---\n${fm}\n---\n${body}\n`;

function blog(extra: Record<string, string | null> = {}) {
  return new MarkdownSource(
    makeContentDir({
      "articles/storm-live.md": validArticle({ title: "Storm live", publishedAt: "2026-01-10T06:00:00Z", extra: "live: true" }),
      "live/storm-live/pin.md": update(`publishedAt: ${at(1)}\npinned: true\ntitle: Where to get help`),
      ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`live/storm-live/u${String(i + 1).padStart(2, "0")}.md`, update(`publishedAt: ${at(10 + i)}${i % 4 === 0 ? "\nkeyEvent: true" : ""}`, `Update number ${i + 1}.`)])),
      "live/storm-live/secret.md": update(`publishedAt: ${at(30)}\nstatus: draft`, "Unconfirmed: the Greyling Wharf roof."),
      "live/storm-live/later.md": update("publishedAt: 2099-01-01T00:00:00Z", "Oystercatcher Lane."),
      ...extra,
    }),
  );
}

async function stateOf(source: MarkdownSource, { preview = false, now = new Date("2026-01-10T12:00:00Z") } = {}) {
  const article = (await source.getArticleBySlug("storm-live", { preview }))!;
  return liveState(article, (await source.getLiveUpdates("storm-live", { preview }))!, { now, preview });
}

describe("key events", () => {
  it("say the time on a one-day blog, and the day with it once the blog spans days (issue 33)", async () => {
    const oneDay = await stateOf(blog());
    const labels = (state: typeof oneDay) => state.keyEvents.map((k) => k.timeLabel.replace(/\s/g, " "));
    expect(labels(oneDay)).toEqual(["6:18 AM", "6:14 AM", "6:10 AM"]);
    const twoDays = await stateOf(blog({ "live/storm-live/u13.md": update(`publishedAt: ${at(24 * 60)}\nkeyEvent: true`, "Next morning.") }), { now: new Date("2026-01-11T12:00:00Z") });
    expect(labels(twoDays)).toEqual(["Jan 11, 6:00 AM", "Jan 10, 6:18 AM", "Jan 10, 6:14 AM", "Jan 10, 6:10 AM"]);
  });
});

describe("the delta endpoint", () => {
  afterEach(() => vi.useRealTimers());

  it("answers an up-to-date reader with a small 'unchanged'", async () => {
    const state = await stateOf(blog());
    expect(deltaFor(state, { after: state.version })).toEqual({ version: state.version, status: state.status, unchanged: true });
  });

  it("sends exactly what changed since a version it answered: new, edited, removed", async () => {
    const before = await stateOf(blog());
    rememberLiveState(before);
    const after = await stateOf(
      blog({
        "live/storm-live/u13.md": update(`publishedAt: ${at(40)}\ntitle: Sea wall overtopped`, "Waves over the wall."),
        "live/storm-live/u02.md": update(`publishedAt: ${at(11)}`, "Update number 2, corrected."),
        "live/storm-live/u03.md": null,
      }),
    );
    const delta = deltaFor(after, { after: before.version });
    expect(delta.version).toBe(after.version);
    expect(delta.version).not.toBe(before.version);
    expect(delta.upserts!.map((u) => u.id).sort()).toEqual(["u02", "u13"]);
    expect(delta.upserts!.find((u) => u.id === "u02")!.html).toContain("corrected");
    expect(delta.removed).toEqual(["u03"]);
    expect(delta.reset).toBeUndefined();
    expect(delta.keyEvents!.map((k) => k.id)).toEqual(["u09", "u05", "u01"]);
  });

  it("resets to what the reader may be showing when it does not know their version", async () => {
    const state = await stateOf(blog());
    const delta = deltaFor(state, { after: "unknownVersion1", since: "u05" });
    expect(delta.reset).toBe(true);
    expect(delta.manifest!.map(([id]) => id)).toEqual(state.views.map((v) => v.id));
    expect(delta.upserts!.map((u) => u.id)).toEqual(["pin", "u12", "u11", "u10", "u09", "u08", "u07", "u06", "u05"]);
    // Without a `since` it knows: what a fresh front page shows.
    expect(deltaFor(state, {}).upserts!.length).toBe(13);
  });

  it("never shows readers a draft or an update not yet due; preview shows and marks them", async () => {
    const reader = await stateOf(blog());
    const json = JSON.stringify(deltaFor(reader, {}));
    for (const hidden of ["secret", "Greyling", "later", "Oystercatcher"]) expect(json).not.toContain(hidden);
    const preview = await stateOf(blog(), { preview: true });
    const states = Object.fromEntries(preview.views.map((v) => [v.id, v.state]));
    expect(states).toMatchObject({ secret: "draft", later: "scheduled", u01: "published" });
    expect(preview.version).not.toBe(reader.version);
  });

  it("makes a future update appear on its own once its time has come", async () => {
    const source = blog({ "live/storm-live/soon.md": update(`publishedAt: ${at(120)}`, "Right on time.") });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(at(119)));
    const early = await stateOf(source, { now: new Date() });
    vi.setSystemTime(new Date(at(121)));
    const due = await stateOf(source, { now: new Date() });
    expect(early.views.some((v) => v.id === "soon")).toBe(false);
    expect(due.views[0].id).toBe("soon");
    expect(due.version).not.toBe(early.version);
  });

  it("says when the coverage has ended (and changes version then)", async () => {
    const source = new MarkdownSource(
      makeContentDir({
        "articles/storm-live.md": validArticle({ title: "Storm live", publishedAt: "2026-01-10T06:00:00Z", extra: "live: true\nliveEndedAt: 2026-01-10T18:00:00Z" }),
        "live/storm-live/a.md": update(`publishedAt: ${at(1)}`),
      }),
    );
    const during = await stateOf(source, { now: new Date("2026-01-10T17:59:00Z") });
    const afterwards = await stateOf(source, { now: new Date("2026-01-10T18:01:00Z") });
    expect(during.status.ended).toBe(false);
    expect(afterwards.status).toMatchObject({ ended: true, endedAt: "2026-01-10T18:00:00.000Z" });
    expect(afterwards.version).not.toBe(during.version);
  });

  it("refuses bad parameters naming them", () => {
    const bad: [string, string, string][] = [
      ["storm-live", "after=%3Cscript%3E", "after"],
      ["storm-live", "after=abc", "after"],
      ["storm-live", "since=Bad_Id", "since"],
      ["storm-live", "after=abcdefgh&after=ijklmnop", "after"],
      ["storm-live", "cursor=2", "cursor"],
      ["Storm Live", "", "slug"],
    ];
    for (const [slug, query, parameter] of bad) {
      try {
        parseDeltaRequest(slug, new URLSearchParams(query));
        throw new Error(`accepted ${slug}?${query}`);
      } catch (error) {
        expect(error, `${slug}?${query}`).toBeInstanceOf(ParameterError);
        expect((error as ParameterError).parameter).toBe(parameter);
      }
    }
    expect(parseDeltaRequest("storm-live", new URLSearchParams("after=abcdefgh&since=u-1"))).toEqual({ slug: "storm-live", after: "abcdefgh", since: "u-1" });
  });
});

describe("the open page", () => {
  async function start() {
    const state = await stateOf(blog());
    const initial: LiveInitial = {
      slug: "storm-live",
      version: state.version,
      status: state.status,
      pinned: state.paging.pinned,
      updates: state.paging.front,
      keyEvents: state.keyEvents,
      poll: true,
      renderedAt: "2026-01-10T12:00:00Z",
    };
    return { state, model: initialModel(initial) };
  }
  const next = async (files: Record<string, string | null>) => stateOf(blog(files));
  const NEW = { "live/storm-live/u13.md": update(`publishedAt: ${at(40)}\ntitle: Sea wall overtopped\nkeyEvent: true`, "Waves over the wall.") };

  it("puts new updates on top when the reader is at the top", async () => {
    const { state, model } = await start();
    rememberLiveState(state);
    const now = await next(NEW);
    const r = applyDelta(model, deltaFor(now, { after: state.version }), true);
    expect(r.added.map((v) => v.id)).toEqual(["u13"]);
    expect(r.model.shown[0].id).toBe("u13");
    expect(r.model.pending).toEqual([]);
    expect(r.model.version).toBe(now.version);
    expect(visibleKeyEvents(r.model)[0].id).toBe("u13");
  });

  it("holds them behind the button when the reader is scrolled down, then shows them on request", async () => {
    const { state, model } = await start();
    rememberLiveState(state);
    const r = applyDelta(model, deltaFor(await next(NEW), { after: state.version }), false);
    expect(r.held.map((v) => v.id)).toEqual(["u13"]);
    expect(r.model.shown).toEqual(model.shown);
    expect(r.model.pending.map((v) => v.id)).toEqual(["u13"]);
    // Its key event waits with it.
    expect(visibleKeyEvents(r.model).map((k) => k.id)).not.toContain("u13");
    const shown = revealPending(r.model);
    expect(shown.shown[0].id).toBe("u13");
    expect(shown.arrived).toEqual(["u13"]);
  });

  it("changes edited updates in place and takes removed ones away, at the top or not", async () => {
    const { state, model } = await start();
    rememberLiveState(state);
    const now = await next({ "live/storm-live/u12.md": update(`publishedAt: ${at(21)}`, "Update twelve, corrected."), "live/storm-live/u11.md": null });
    for (const atTop of [true, false]) {
      const r = applyDelta(model, deltaFor(now, { after: state.version }), atTop);
      expect(r.model.shown[0]).toMatchObject({ id: "u12" });
      expect(r.model.shown[0].html).toContain("corrected");
      expect(r.model.shown.map((v) => v.id)).not.toContain("u11");
      expect(r.added).toEqual([]);
    }
  });

  it("moves the pin, and reconciles a reset against the manifest", async () => {
    const { state, model } = await start();
    rememberLiveState(state);
    const now = await next({
      "live/storm-live/pin.md": update(`publishedAt: ${at(1)}\ntitle: Where to get help`),
      "live/storm-live/u10.md": update(`publishedAt: ${at(19)}\npinned: true`, "Update number 10."),
      "live/storm-live/u12.md": null,
    });
    const moved = applyDelta(model, deltaFor(now, { after: state.version }), true).model;
    expect(moved.pinned?.id).toBe("u10");
    expect(moved.shown.map((v) => v.id)).toContain("pin");
    expect(moved.shown.map((v) => v.id)).not.toContain("u10");
    const reset = applyDelta(model, deltaFor(now, { after: "neverSeenVersion", since: model.shown.at(-1)!.id }), true).model;
    expect(reset.pinned?.id).toBe("u10");
    expect(reset.shown.map((v) => v.id)).not.toContain("u12");
    expect(reset.shown.map((v) => v.id)).toEqual(moved.shown.map((v) => v.id));
  });
});

describe("LiveBlogPosting JSON-LD", () => {
  it("is the page's main node, with coverage times and one BlogPosting per update at its page's URL", async () => {
    const state = await stateOf(blog());
    const graph = liveBlogJsonLd(
      state.article,
      [{ name: "Home", href: "/" }],
      { name: "Test Gazette", url: "https://gazette.example", language: "en", description: "", logo: "/logo.svg" },
      state.paging.front.map((v) => ({ headline: v.headline, text: "text", datePublished: v.publishedAt, path: v.href, authors: v.authors })),
      { endedAt: "2026-01-10T18:00:00.000Z", lastUpdated: state.status.lastUpdated, pageUrl: "https://gazette.example/news/world-news/storm-live" },
    );
    const [main, crumbs] = graph["@graph"] as unknown as Record<string, unknown>[];
    expect(main["@type"]).toBe("LiveBlogPosting");
    expect(crumbs["@type"]).toBe("BreadcrumbList");
    expect(main).toMatchObject({ coverageStartTime: "2026-01-10T06:00:00.000Z", coverageEndTime: "2026-01-10T18:00:00.000Z", headline: "Storm live" });
    const updates = main.liveBlogUpdate as Record<string, unknown>[];
    expect(updates).toHaveLength(12);
    expect(updates[0]).toMatchObject({ "@type": "BlogPosting", headline: "Update number 12.", datePublished: at(21), url: "https://gazette.example/news/world-news/storm-live#update-u12" });
    expect(updates[0].author).toEqual([{ "@type": "Person", name: "Ann Author", url: "https://gazette.example/authors/ann" }]);
  });
});
