/**
 * Issue 28: the running server follows its content folder. Every test writes into a private copy
 * of content/ served by a private production server (e2e/support/private-server.ts) with the folder
 * watch on, and calls nothing else — no webhook, no restart.
 */
import { expect, test } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import e2e from "./env.json";
import { startPrivateServer, type PrivateServer } from "./support/private-server";

const PREVIEW_SECRET = e2e.env.PREVIEW_SECRET;
let server: PrivateServer;

test.describe.configure({ mode: "serial", timeout: 120_000 });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startPrivateServer({ portOffset: 70, env: { CONTENT_WATCH: "1" } });
});
test.afterAll(() => server?.stop());
test.afterEach(async ({}, info) => {
  if (info.status !== info.expectedStatus) fs.writeFileSync(info.outputPath("server.log"), server.log());
});

const get = (p: string) => fetch(`${server.base}${p}`, { redirect: "manual" });
const text = async (p: string) => (await get(p)).text();
const articleFile = (slug: string) => path.join(server.content, "articles", `${slug}.md`);
const write = (slug: string, frontMatter: string, body = "The first paragraph of the story.\n") =>
  fs.writeFileSync(articleFile(slug), `---\n${frontMatter.trim()}\n---\n${body}`);
/** Polls until the condition holds — no sleeping, no timing assertion: 30 s is a ceiling for a loaded machine. */
const until = (what: () => Promise<unknown>, message: string) => expect.poll(what, { message, intervals: [50, 100, 200], timeout: 30_000 });

const FRESH = {
  slug: "pier-lamps-back-tonight",
  title: "Pier lamps back on tonight after cable fault",
  url: "/news/local/pier-lamps-back-tonight",
};

test("a new article file is live by itself: its page, the home page, the feed and the sitemap", async ({ page }) => {
  expect((await get(FRESH.url)).status).toBe(404);
  write(FRESH.slug, `title: ${FRESH.title}\nsection: news/local\nauthors: [ines-calloway]\npublishedAt: ${new Date(Date.now() - 60_000).toISOString()}`);
  await until(async () => (await get(FRESH.url)).status, "the new article's page").toBe(200);
  await page.goto(`${server.base}/`);
  await expect(page.getByRole("link", { name: FRESH.title }).first()).toBeVisible();
  expect(await text("/feed.xml")).toContain(FRESH.title);
  expect(await text("/sitemap.xml")).toContain(`${FRESH.url}</loc>`);
  // The publish trail names it, the way it came and the file.
  await until(async () => server.log(), "the publish trail").toMatch(/"result":"publish","what":"article pier-lamps-back-tonight","via":"folder","file":"articles\/pier-lamps-back-tonight.md"/);
});

test("an edit to a published article shows without anything else", async () => {
  const edited = "Pier lamps back on after overnight cable repair";
  fs.writeFileSync(articleFile(FRESH.slug), fs.readFileSync(articleFile(FRESH.slug), "utf8").replace(`title: ${FRESH.title}`, `title: ${edited}`));
  await until(async () => text(FRESH.url), "the article's page").toContain(edited);
  // The section's listing follows in the same update, but can show it a moment after the article's
  // page does (seen once on a loaded CI run): polled like the article.
  await until(async () => text("/news/local"), "the section's listing").toContain(edited);
  expect(await text("/news/local")).not.toContain(FRESH.title);
  FRESH.title = edited;
});

test("a new draft previews the moment its file exists, and readers get 404", async ({ page }) => {
  const slug = "lifeboat-appeal-draft";
  write(slug, `title: Lifeboat appeal passes its target\nsection: news/local\nauthors: [ines-calloway]\nstatus: draft\npublishedAt: ${new Date().toISOString()}`);
  // At once: no waiting for the watch.
  await page.goto(`${server.base}/api/draft?secret=${PREVIEW_SECRET}&slug=${slug}`);
  await expect(page).toHaveURL(new RegExp(`/news/local/${slug}$`));
  await expect(page.getByRole("region", { name: "Preview" })).toContainText("Preview — draft");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lifeboat appeal passes its target");
  expect((await get(`/news/local/${slug}`)).status).toBe(404);
  expect(await text("/")).not.toContain("Lifeboat appeal");
});

test("a scheduled article is 404 before its time and live after it, with no other action", async ({ page }) => {
  const slug = "harbour-fireworks-tonight";
  const at = Date.now() + 6_000;
  write(slug, `title: Harbour fireworks go ahead tonight\nsection: news/local\nauthors: [ines-calloway]\npublishedAt: ${new Date(at).toISOString()}`);
  // Indexed (the trail says so), yet not visible.
  await until(async () => server.log(), "the scheduled file published").toContain(`"what":"article ${slug}","via":"folder"`);
  expect(Date.now()).toBeLessThan(at);
  expect((await get(`/news/local/${slug}`)).status).toBe(404);
  await until(async () => (await get(`/news/local/${slug}`)).status, "the scheduled article").toBe(200);
  expect(Date.now()).toBeGreaterThanOrEqual(at);
  await page.goto(`${server.base}/news/local`);
  await expect(page.getByRole("link", { name: "Harbour fireworks go ahead tonight" }).first()).toBeVisible();
  expect(server.log()).toMatch(new RegExp(`"result":"went-live","what":"article ${slug}","via":"scheduler"`));
});

test("a deleted file is gone: 404 or 410, and out of the lists, the feed and the sitemap", async ({ page }) => {
  fs.rmSync(articleFile(FRESH.slug));
  await until(async () => (await get(FRESH.url)).status, "the deleted article's page").toBeGreaterThanOrEqual(404);
  expect([404, 410]).toContain((await get(FRESH.url)).status);
  await page.goto(`${server.base}/`);
  await expect(page.getByRole("link", { name: FRESH.title })).toHaveCount(0);
  expect(await text("/news/local")).not.toContain(FRESH.title);
  expect(await text("/feed.xml")).not.toContain(FRESH.title);
  expect(await text("/sitemap.xml")).not.toContain(`${FRESH.url}</loc>`);
});

test("a broken edit keeps the last good version; the log and the preview name the file, line and column", async ({ page }) => {
  const slug = "harbour-bridge-reopens";
  const url = "/news/local/harbour-bridge-reopens";
  const title = "Harbour bridge reopens after eighteen months of repairs";
  expect(await text(url)).toContain(title);
  const file = articleFile(slug);
  const good = fs.readFileSync(file, "utf8");
  // A title with a colon, unquoted, and a misspelt field: two mistakes, both reported.
  fs.writeFileSync(file, good.replace(`title: ${title}`, "title: Harbour bridge: open at last").replace("authors: [ines-calloway]", "author: [ines-calloway]"));
  await until(async () => server.log(), "the refusal in the trail").toContain(`"result":"refused","what":"article ${slug}","via":"folder"`);
  const line = server.log().split("\n").reverse().find((l) => l.includes(`"result":"refused","what":"article ${slug}"`))!;
  const refusal = JSON.parse(line);
  expect(refusal.problems[0]).toMatchObject({ file: expect.stringContaining(`articles/${slug}.md`), field: "title", line: 2, column: 8 });
  expect(refusal.problems[0].hint).toContain('title: "Harbour bridge: open at last"');
  // Readers keep the last good version.
  expect(await text(url)).toContain(title);

  await page.goto(`${server.base}/api/draft?secret=${PREVIEW_SECRET}&slug=${slug}`);
  const alert = page.getByRole("region", { name: "Preview" }).getByRole("alert");
  await expect(alert).toContainText("Your last saved version was not published");
  await expect(alert).toContainText(`articles/${slug}.md:2:8 → field "title": malformed YAML`);
  await expect(alert).toContainText('title: "Harbour bridge: open at last"');
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);

  // The colon fixed, the misspelt field left: the schema's problem, with its line and the field meant.
  fs.writeFileSync(file, good.replace("authors: [ines-calloway]", "author: [ines-calloway]"));
  await until(async () => page.reload().then(() => alert.textContent()), "the preview's problems").toContain(`articles/${slug}.md:4:1 → field "author": is not a known field (did you mean "authors"?)`);

  // Fixed: published, and the preview's alert is gone.
  fs.writeFileSync(file, good.replace(`title: ${title}`, "title: 'Harbour bridge: open at last'"));
  await until(async () => text(url), "the fixed article").toContain("Harbour bridge: open at last");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Harbour bridge: open at last");
  await expect(alert).toHaveCount(0);
});

test("checkAlso: false turns off both Check also elements of one article", async ({ page }) => {
  const url = "/news/local/harbour-bridge-reopens";
  await page.goto(`${server.base}${url}`);
  await expect(page.locator('[data-check-also="inline"]')).toHaveCount(1);
  await expect(page.getByTestId("check-also-card")).toHaveCount(1);
  const file = articleFile("harbour-bridge-reopens");
  fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("\nrelated:", "\ncheckAlso: false\nrelated:"));
  await until(async () => (await text(url)).includes('data-check-also="inline"'), "the inline box gone").toBe(false);
  await page.goto(`${server.base}${url}`);
  await expect(page.locator('[data-check-also="inline"]')).toHaveCount(0);
  await expect(page.getByTestId("check-also-card")).toHaveCount(0);
  // The related articles are still listed.
  await expect(page.getByRole("link", { name: "Town council passes budget with sea wall at its centre" }).first()).toBeVisible();
});
