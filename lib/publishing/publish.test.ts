import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { makeContentDir, validArticle } from "../../tests/fixture";
import { Writable } from "node:stream";
import { lastRefusal, onPublish, publish, type PublishEvent } from "./publish";
import { installLogger } from "../observability/log.mjs";

const ACTIVE = Symbol.for("masthead.contentSource");
let dir: string;
const events: PublishEvent[] = [];
let unsubscribe: () => void;
const trail: string[] = [];

beforeAll(async () => {
  dir = makeContentDir({ "articles/old-story.md": validArticle({ title: "Old story", publishedAt: "2026-01-01T09:00:00Z" }) });
  vi.stubEnv("CONTENT_DIR", dir);
  delete (globalThis as Record<symbol, unknown>)[ACTIVE];
  unsubscribe = onPublish((e) => void events.push(e));
  // The trail is JSON lines of the process's logger (lib/observability/log.mjs): kept here.
  installLogger({
    destination: new Writable({
      write(chunk, _encoding, done) {
        trail.push(...String(chunk).split("\n").filter(Boolean));
        done();
      },
    }),
  });
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  // The index exists before the first publish, as on a running server.
  const { getContentSource } = await import("../sources/source");
  await getContentSource().listArticles({ perPage: 1 });
});
afterAll(() => {
  installLogger();
  unsubscribe();
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  delete (globalThis as Record<symbol, unknown>)[ACTIVE];
});

const trailOf = (what: string) => trail.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l)).filter((e) => e.what === what);

describe("publish()", () => {
  it("publishes a new file: plan from the internal routes, one trail line, listeners told it went live", async () => {
    fs.writeFileSync(path.join(dir, "articles/new-story.md"), validArticle({ title: "New story", section: "news/local" }));
    const result = await publish({ slug: "new-story" }, { via: "folder", file: "articles/new-story.md" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan.tags).toEqual(expect.arrayContaining(["article:new-story", "home"]));
    expect(result.plan.paths).toEqual(expect.arrayContaining(["/", "/article-pages/new-story", "/section-pages/1/news/local", "/section-pages/1/news"]));
    const event = events.find((e) => e.change.slug === "new-story")!;
    expect(event).toMatchObject({ via: "folder", file: "articles/new-story.md", wentLive: true });
    expect(event.article?.before).toBeNull();
    expect(event.article?.after?.title).toBe("New story");
    expect(trailOf("article new-story")).toEqual([expect.objectContaining({ result: "publish", via: "folder", file: "articles/new-story.md" })]);
  });

  it("refuses an invalid edit, keeps the last good version and remembers the problems for the preview", async () => {
    fs.writeFileSync(path.join(dir, "articles/new-story.md"), validArticle({ title: "New story", section: "news/nowhere" }));
    const result = await publish({ slug: "new-story" }, { via: "webhook" });
    expect(result).toMatchObject({ ok: false, status: 422 });
    expect(lastRefusal({ slug: "new-story" })?.problems[0]).toMatchObject({ field: "section" });
    expect(trailOf("article new-story").at(-1)).toMatchObject({ result: "refused", via: "webhook" });
    const { getContentSource } = await import("../sources/source");
    expect((await getContentSource().getArticleBySlug("new-story"))?.section.path).toBe("news/local");
    // Fixed: published, and the refusal forgotten.
    fs.writeFileSync(path.join(dir, "articles/new-story.md"), validArticle({ title: "New story, fixed", section: "news/local" }));
    expect((await publish({ slug: "new-story" }, { via: "folder" })).ok).toBe(true);
    expect(lastRefusal({ slug: "new-story" })).toBeNull();
    expect(events.at(-1)).toMatchObject({ wentLive: false });
  });

  it("answers 404 for a name that exists neither before nor after, and takes a plan from another instance as it is", async () => {
    expect(await publish({ slug: "never-was" }, { via: "webhook" })).toMatchObject({ ok: false, status: 404 });
    const plan = { tags: ["home"], paths: ["/"], everything: false };
    expect(await publish({ slug: "old-story" }, { via: "peer", plan })).toMatchObject({ ok: true, plan });
  });

  it("unpublishes a deleted file", async () => {
    fs.rmSync(path.join(dir, "articles/new-story.md"));
    const result = await publish({ slug: "new-story" }, { via: "folder" });
    expect(result.ok && result.plan.tags).toEqual(expect.arrayContaining(["article:new-story"]));
    const { getContentSource } = await import("../sources/source");
    expect(await getContentSource().getArticleBySlug("new-story", { preview: true })).toBeNull();
  });
});
