import { expect, test } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import e2e from "./env.json";
import { startPrivateServer, type PrivateServer } from "./support/private-server";

const SECRET = e2e.env.REVALIDATE_SECRET;
const ARTICLE = "/news/world-news/calder-strait-ferry-strike";
const OLD_TITLE = "Ferry workers across the Calder Strait walk out over pay";
const NEW_TITLE = "Calder Strait ferry crews end strike after overnight talks";

// The shipped sample content ages; this fixture always holds a story inside the news sitemap's
// 48-hour window, dated relative to now.
const FRESH = {
  slug: "harbour-storm-warning-tonight",
  title: "Storm warning for the harbour tonight",
  publishedAt: new Date(Date.now() - 60 * 60 * 1000).toISOString(),
  file() {
    return `---\ntitle: ${this.title}\nsection: news/local\nauthors: [ines-calloway]\npublishedAt: ${this.publishedAt}\n---\nThe coastguard asked boat owners to double their moorings before dusk.\n`;
  },
};

let server: PrivateServer;
let BASE: string;
let work: string;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startPrivateServer({
    portOffset: 50,
    prepare: (content) => fs.writeFileSync(path.join(content, "articles", `${FRESH.slug}.md`), FRESH.file()),
  });
  BASE = server.base;
  work = path.dirname(server.content);
});

test.afterAll(() => server?.stop());

const revalidate = (body: unknown, token = SECRET, headers: Record<string, string> = {}) =>
  fetch(`${BASE}/api/revalidate`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "X-Forwarded-For": "10.77.0.1", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

test("an edited title shows on the article, its section page and the feed after the webhook", async () => {
  const text = async (p: string) => (await fetch(`${BASE}${p}`)).text();
  // Warm the caches with the old title.
  for (const p of [ARTICLE, "/news/world-news", "/feed.xml"]) expect(await text(p)).toContain(OLD_TITLE);

  const file = path.join(work, "content/articles/calder-strait-ferry-strike.md");
  fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(`title: ${OLD_TITLE}`, `title: ${NEW_TITLE}`));
  // Not yet: cached pages stay until the webhook is called.
  expect(await text(ARTICLE)).toContain(OLD_TITLE);

  const res = await revalidate({ slug: "calder-strait-ferry-strike" });
  expect(res.status).toBe(200);
  const result = await res.json();
  expect(result.tags).toEqual(expect.arrayContaining(["article:calder-strait-ferry-strike", "section:news/world-news", "section:news", "home", "feed"]));
  // The rendered copies Next keeps live under the internal routes the proxy rewrites to.
  expect(result.paths).toEqual(
    expect.arrayContaining(["/article-pages/calder-strait-ferry-strike", "/section-pages/1/news/world-news", "/section-pages/1/news", "/"]),
  );

  for (const p of [ARTICLE, "/news/world-news", "/feed.xml", "/news/world-news/feed.xml"]) {
    const html = await text(p);
    expect(html, p).toContain(NEW_TITLE);
    expect(html, p).not.toContain(OLD_TITLE);
  }
});

test("a new file appears and a deleted one disappears after the webhook", async () => {
  const file = path.join(work, "content/articles/breakwater-lamp-relit.md");
  fs.writeFileSync(
    file,
    "---\ntitle: Breakwater lamp relit after storm repairs\nsection: news/local\nauthors: [ines-calloway]\npublishedAt: 2026-11-26T18:00:00Z\n---\nThe lamp on the end of the north breakwater shone again on Thursday evening.\n\n## Repairs\n\nCrews replaced the lens housing.\n",
  );
  expect((await fetch(`${BASE}/news/local/breakwater-lamp-relit`)).status).toBe(404);
  expect((await revalidate({ slug: "breakwater-lamp-relit" })).status).toBe(200);
  expect((await fetch(`${BASE}/news/local/breakwater-lamp-relit`)).status).toBe(200);
  expect(await (await fetch(`${BASE}/news/local`)).text()).toContain("Breakwater lamp relit after storm repairs");

  fs.rmSync(file);
  expect((await revalidate({ slug: "breakwater-lamp-relit" })).status).toBe(200);
  expect((await fetch(`${BASE}/news/local/breakwater-lamp-relit`)).status).toBe(404);
  expect(await (await fetch(`${BASE}/news/local`)).text()).not.toContain("Breakwater lamp relit");
});

test("invalid content on disk is reported and the site keeps serving the last good version", async () => {
  const file = path.join(work, "content/articles/broken-on-purpose.md");
  fs.writeFileSync(file, "---\ntitle: Broken\nsection: news/nowhere\nauthors: [ines-calloway]\npublishedAt: 2026-11-01T10:00:00Z\n---\nBody\n");
  const res = await revalidate({ all: true });
  expect(res.status).toBe(422);
  const json = await res.json();
  expect(json.problems[0]).toMatchObject({ field: "section" });
  expect(json.problems[0].file).toContain("broken-on-purpose.md");
  expect((await fetch(`${BASE}${ARTICLE}`)).status).toBe(200);
  fs.rmSync(file);
});

test("the news sitemap lists exactly the visible stories of the last 48 hours", async () => {
  const xml = await (await fetch(`${BASE}/news-sitemap.xml`)).text();
  const entries = [...xml.matchAll(/<url>([\s\S]*?)<\/url>/g)].map((m) => m[1]);
  expect(entries.length).toBeGreaterThanOrEqual(1);
  const fresh = entries.find((e) => e.includes(`/news/local/${FRESH.slug}</loc>`));
  expect(fresh, "the story published an hour ago").toBeDefined();
  expect(fresh).toContain(`<news:title>${FRESH.title}</news:title>`);
  expect(fresh).toContain("<news:name>The Harbour Ledger</news:name>");
  expect(fresh).toContain("<news:language>en</news:language>");
  const now = Date.now();
  for (const entry of entries) {
    const published = Date.parse(/<news:publication_date>([^<]+)</.exec(entry)![1]);
    expect(published).toBeLessThanOrEqual(now);
    expect(published).toBeGreaterThanOrEqual(now - 48 * 60 * 60 * 1000);
  }
  // Older sample stories are not in it.
  expect(xml).not.toContain("/calder-strait-ferry-strike<");
});

test("bad requests get 4xx, never 500", async () => {
  expect((await revalidate({ slug: "x" }, "wrong-token-wrong-token", { "X-Forwarded-For": "10.77.0.2" })).status).toBe(401);
  expect((await fetch(`${BASE}/api/revalidate`, { method: "POST", body: "{}" })).status).toBe(401);
  expect((await revalidate("not json")).status).toBe(400);
  expect((await revalidate({})).status).toBe(400);
  expect((await revalidate({ slug: "Not A Slug" })).status).toBe(400);
  expect((await revalidate({ surprise: true })).status).toBe(400);
  expect((await revalidate({ slug: "no-such-article-anywhere" })).status).toBe(404);
  expect((await revalidate({ section: "news/nowhere" })).status).toBe(404);
  expect((await fetch(`${BASE}/api/revalidate`)).status).toBe(405);
});
