import { expect, test } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import e2e from "./env.json";

// A second server on its own copy of the build and of the content, so editing files on disk cannot
// disturb the other tests.
// E2E_REVALIDATE_PORT keeps it inside a port range shared out between checkouts.
const PORT = Number(process.env.E2E_REVALIDATE_PORT) || (Number(process.env.E2E_PORT) || e2e.port) + 50;
const BASE = `http://127.0.0.1:${PORT}`;
const SECRET = e2e.env.REVALIDATE_SECRET;
const ARTICLE = "/news/world-news/calder-strait-ferry-strike";
const OLD_TITLE = "Ferry workers across the Calder Strait walk out over pay";
const NEW_TITLE = "Calder Strait ferry crews end strike after overnight talks";

let server: ChildProcess | undefined;
let work: string;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const root = path.resolve(__dirname, "..");
  work = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-revalidate-"));
  fs.cpSync(path.join(root, "content"), path.join(work, "content"), { recursive: true });
  const app = path.join(work, "app");
  fs.mkdirSync(app);
  fs.cpSync(path.join(root, ".next"), path.join(app, ".next"), { recursive: true, filter: (src) => !src.includes(`${path.sep}cache${path.sep}`) });
  for (const f of ["package.json", "next.config.ts"]) fs.copyFileSync(path.join(root, f), path.join(app, f));
  fs.symlinkSync(path.join(root, "node_modules"), path.join(app, "node_modules"));
  fs.symlinkSync(path.join(root, "public"), path.join(app, "public"));
  fs.symlinkSync(path.join(root, "lib"), path.join(app, "lib")); // next.config.ts imports from lib/
  server = spawn(process.execPath, [path.join(root, "scripts/server.mjs"), "--port", String(PORT), "--dir", app], {
    cwd: app,
    env: { ...process.env, ...e2e.env, CONTENT_DIR: path.join(work, "content") },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout?.on("data", (d) => (output += d));
  server.stderr?.on("data", (d) => (output += d));
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${BASE}/`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the revalidation test server did not start:\n${output.slice(-2000)}`);
});

test.afterAll(() => {
  server?.kill();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

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
  expect(result.paths).toEqual(expect.arrayContaining([ARTICLE, "/news/world-news", "/news", "/"]));

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
