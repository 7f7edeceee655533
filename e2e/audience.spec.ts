import { expect, test, type Page, type APIRequestContext } from "@playwright/test";
import e2e from "./env.json";
import { recordLayoutShifts, shiftsFrom } from "./support/layout-shift";

// Reads and real-user speed (issue 32, docs/decisions/0180): what a reader's browser sends, what the
// server counts, and the "Most read" lists. The counts are the server's, shared by every spec running
// against it, so these tests compare with the counts before they act, never with zero.
test.describe.configure({ mode: "serial" });

const TOKEN = { authorization: `Bearer ${e2e.env.REVALIDATE_SECRET}` };
const STORIES = [
  { slug: "net-loft-theatre-season", url: "/culture/net-loft-theatre-season" },
  { slug: "fish-market-new-hall", url: "/news/local/fish-market-new-hall" },
  { slug: "sea-swim-club-winter", url: "/sport/sea-swim-club-winter" },
];
const SPONSORED = { slug: "sponsored-cove-sailing-school-winter", url: "/sport/sponsored-cove-sailing-school-winter" };
const OBITUARY = { slug: "obituary-edda-quill", url: "/culture/obituary-edda-quill" };

interface Report {
  available: boolean;
  p75: Record<string, Record<string, { p75: number | null; count: number }>>;
  mostRead: { slug: string; reads: number }[];
}

async function report(request: APIRequestContext): Promise<Report> {
  const response = await request.get("/api/audience", { headers: TOKEN });
  expect(response.status()).toBe(200);
  return response.json();
}

async function readsOf(request: APIRequestContext, slug: string): Promise<number> {
  return (await report(request)).mostRead.find((e) => e.slug === slug)?.reads ?? 0;
}

const BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36";

/** A beacon as a page of the site sends it. */
function beacon(request: APIRequestContext, body: string) {
  const origin = new URL(test.info().project.use.baseURL!).origin;
  return request.post("/api/beacon", { headers: { origin, "content-type": "application/x-www-form-urlencoded", "user-agent": BROWSER_UA }, data: body });
}

function beaconsOf(page: Page): string[] {
  const sent: string[] = [];
  page.on("request", (r) => {
    if (r.url().endsWith("/api/beacon")) sent.push(r.postData() ?? "");
  });
  return sent;
}

/** Opens a story and scrolls to its end, as a reader who read it; resolves when the read beacon was answered. */
async function readByScrolling(page: Page, url: string): Promise<number> {
  await page.goto(url);
  const answered = page.waitForResponse((r) => r.url().endsWith("/api/beacon") && (r.request().postData() ?? "").startsWith("k=read"));
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  return (await answered).status();
}

test("a story read (scrolled past its middle) is counted once; the list moves it up within a minute; sponsored and flagged stories are counted but never listed", async ({ page, request }) => {
  test.setTimeout(240_000);
  const baseline = await report(request);
  const top = Math.max(0, ...baseline.mostRead.map((e) => e.reads));
  // Enough reads that the three lead the list in this order, whatever other specs read meanwhile: one
  // by a reader in this browser, the rest as the same beacon over HTTP.
  const wanted = [top + 6, top + 5, top + 4];
  for (const [i, story] of STORIES.entries()) {
    expect(await readByScrolling(page, story.url)).toBe(204);
    const now = await readsOf(request, story.slug);
    expect(now).toBeGreaterThanOrEqual((baseline.mostRead.find((e) => e.slug === story.slug)?.reads ?? 0) + 1);
    for (let n = now; n < wanted[i]; n++) expect((await beacon(request, `k=read&s=${story.slug}`)).status()).toBe(204);
  }
  // Read more than any of them, but never to be listed.
  for (const story of [SPONSORED, OBITUARY]) {
    expect(await readByScrolling(page, story.url)).toBe(204);
    for (let n = 1; n < top + 8; n++) expect((await beacon(request, `k=read&s=${story.slug}`)).status()).toBe(204);
  }

  // The home page's list (what a reader with JavaScript sees) leads with the three, in order, within 60 s.
  await expect
    .poll(
      async () => {
        await page.goto("/");
        await page.waitForLoadState("networkidle");
        const links = await page.getByTestId("most-read").locator("li a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
        return links.slice(0, 3);
      },
      { timeout: 60_000, intervals: [2_000] },
    )
    .toEqual(STORIES.map((s) => s.url));

  const list = page.getByTestId("most-read");
  await expect(list.getByRole("heading", { level: 2 })).toHaveText("Most read");
  // Numbered, headline and kicker.
  await expect(list.locator("ol > li").first()).toContainText("1");
  await expect(list.locator("ol > li").first()).toContainText("Culture");
  const hrefs = await list.locator("li a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  expect(hrefs.length).toBeLessThanOrEqual(10);
  expect(hrefs.some((h) => h?.includes(SPONSORED.slug) || h?.includes(OBITUARY.slug))).toBe(false);
  // …though both were read more than anything, and counted.
  const after = await report(request);
  expect(after.mostRead.find((e) => e.slug === SPONSORED.slug)?.reads).toBeGreaterThanOrEqual(top + 8);
  expect(after.mostRead.find((e) => e.slug === OBITUARY.slug)?.reads).toBeGreaterThanOrEqual(top + 8);

  // The section's list: the culture story leads Culture's.
  await expect
    .poll(
      async () => {
        await page.goto("/culture");
        await page.waitForLoadState("networkidle");
        return page.getByTestId("most-read").locator("li a").first().getAttribute("href");
      },
      { timeout: 60_000, intervals: [2_000] },
    )
    .toBe(STORIES[0].url);
  await expect(page.getByTestId("most-read").getByRole("heading", { level: 2 })).toHaveText("Most read in Culture");

  // Under an article: the site's top five, without the article itself.
  // As a reader scrolls down, the list is brought up to date before it comes into view.
  await expect
    .poll(
      async () => {
        await page.goto(STORIES[0].url);
        const fetched = page.waitForResponse((r) => r.url().endsWith("/api/most-read/site"));
        await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight - 2.5 * window.innerHeight));
        await fetched;
        await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
        return page.getByTestId("most-read").locator("li a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      },
      { timeout: 60_000, intervals: [2_000] },
    )
    .toEqual(expect.arrayContaining(STORIES.slice(1).map((s) => s.url)));
  const underArticle = await page.getByTestId("most-read").locator("li a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  expect(underArticle.length).toBeLessThanOrEqual(5);
  expect(underArticle).not.toContain(STORIES[0].url);
});

test("the list is in the HTML without JavaScript, and no cookie is ever set", async ({ browser, request }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  // The HTML is remade at most every minute (and the edge's copy with it): poll it.
  await expect
    .poll(
      async () => {
        await page.goto("/");
        return page.getByTestId("most-read").locator("li a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      },
      { timeout: 90_000, intervals: [3_000] },
    )
    .toEqual(expect.arrayContaining(STORIES.map((s) => s.url)));
  await context.close();
  const response = await beacon(request, `k=read&s=${STORIES[2].slug}`);
  expect(response.status()).toBe(204);
  expect(response.headers()["set-cookie"]).toBeUndefined();
});

test("a load without reading counts nothing; ten seconds visible counts one read", async ({ page, request, context }) => {
  test.setTimeout(60_000);
  const story = STORIES[1];
  await page.clock.install();
  const sent = beaconsOf(page);
  const before = await readsOf(request, story.slug);
  await page.goto(story.url);
  await page.clock.runFor(9_000);
  expect(sent.filter((b) => b.startsWith("k=read"))).toEqual([]);
  // Hidden time does not count.
  await page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  await page.clock.runFor(5_000);
  expect(sent.filter((b) => b.startsWith("k=read"))).toEqual([]);
  const answered = page.waitForResponse((r) => r.url().endsWith("/api/beacon") && (r.request().postData() ?? "").startsWith("k=read"));
  await page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { value: "visible", configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  await page.clock.runFor(1_500);
  expect((await answered).status()).toBe(204);
  expect(sent.filter((b) => b.startsWith("k=read"))).toEqual([`k=read&s=${story.slug}`]);
  // Once per view, however long it stays open.
  await page.clock.runFor(5_000);
  expect(sent.filter((b) => b.startsWith("k=read"))).toHaveLength(1);
  await expect.poll(() => readsOf(request, story.slug)).toBeGreaterThanOrEqual(before + 1);

  // A load, left at once: nothing.
  const other = await browserPageWithout(context, "/news/local/harbour-bridge-reopens");
  expect(other.filter((b) => b.startsWith("k=read"))).toEqual([]);
  expect(await context.cookies()).toEqual([]);
});

async function browserPageWithout(context: import("@playwright/test").BrowserContext, url: string): Promise<string[]> {
  const page = await context.newPage();
  const sent = beaconsOf(page);
  await page.goto(url);
  await page.goto("about:blank");
  await page.close();
  return sent;
}

test("a robot is not counted, and under Global Privacy Control nothing is sent", async ({ browser, request }) => {
  test.setTimeout(60_000);
  const story = STORIES[2];
  const bot = await browser.newContext({ userAgent: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" });
  const botPage = await bot.newPage();
  const before = await readsOf(request, story.slug);
  expect(await readByScrolling(botPage, story.url)).toBe(403);
  await bot.close();

  const gpc = await browser.newContext();
  await gpc.addInitScript(() => Object.defineProperty(Navigator.prototype, "globalPrivacyControl", { get: () => true }));
  const gpcPage = await gpc.newPage();
  const sent = beaconsOf(gpcPage);
  await gpcPage.goto(story.url);
  await gpcPage.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await gpcPage.waitForLoadState("networkidle");
  await gpcPage.goto("about:blank");
  expect(sent).toEqual([]);
  await gpc.close();
  expect(await readsOf(request, story.slug)).toBe(before);
});

test("the list never moves what the reader sees: no layout shift from it on the home page and under an article", async ({ page, request }) => {
  test.setTimeout(240_000);
  // Reads to list, whatever ran before (alone, this test starts from no reads at all).
  for (const story of STORIES) expect((await beacon(request, `k=read&s=${story.slug}`)).status()).toBe(204);
  // Every shift, with the elements that moved, from the start of the page.
  await recordLayoutShifts(page);
  for (const url of ["/", STORIES[1].url]) {
    // A page rendered before the reads has no list yet: it has one once its cached copy is renewed.
    await expect
      .poll(
        async () => {
          await page.goto(url);
          return page.getByTestId("most-read").count();
        },
        { timeout: 150_000, intervals: [2_000, 5_000] },
      )
      .toBeGreaterThan(0);
    await page.waitForLoadState("networkidle");
    // Down the page as a reader goes: the list is brought up to date on the way, then seen.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight - 2.5 * window.innerHeight));
    await page.waitForLoadState("networkidle");
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForLoadState("networkidle");
    await expect(page.getByTestId("most-read")).toBeVisible();
    // A shift the list causes moves the list or what follows it; anything above it moved for another reason.
    const fromTheList = (await shiftsFrom(page, '[data-testid="most-read"]')).reduce((sum, s) => sum + s.value, 0);
    expect(fromTheList, url).toBe(0);
  }
});

test("the Core Web Vitals of a visit reach the aggregated histograms", async ({ page, request }) => {
  test.setTimeout(60_000);
  const before = (await report(request)).p75.article?.LCP?.count ?? 0;
  await expect
    .poll(
      async () => {
        await page.goto(STORIES[0].url);
        await page.waitForLoadState("networkidle");
        // web-vitals is fetched when the browser is first idle after the load: let that happen.
        await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve)));
        await page.waitForLoadState("networkidle");
        await page.getByRole("heading", { level: 1 }).click();
        // The reader switches tabs. (Leaving the page sends the same beacon, but from the unloading
        // page Chromium sends it with its own "HeadlessChrome" user agent, which is refused as a robot.)
        const sent = page.waitForResponse((r) => r.url().endsWith("/api/beacon") && (r.request().postData() ?? "").startsWith("k=vitals"));
        await page.evaluate(() => {
          Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
          document.dispatchEvent(new Event("visibilitychange"));
        });
        expect((await sent).status()).toBe(204);
        return (await report(request)).p75.article?.LCP?.count ?? 0;
      },
      { timeout: 30_000, intervals: [500] },
    )
    .toBeGreaterThan(before);
  const { p75 } = await report(request);
  console.log(`Real-user p75 (article, last 24 h): ${Object.entries(p75.article).map(([m, v]) => `${m} ${v.p75} (${v.count})`).join(", ")}`);
  expect(p75.article.LCP.p75).toBeGreaterThan(0);
  expect(p75.article.TTFB.count).toBeGreaterThan(0);
  expect(p75.article.CLS.count).toBeGreaterThan(0);
});

test.describe("the beacon endpoint over HTTP", () => {
  const ok = { "content-type": "application/x-www-form-urlencoded", "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/130" };
  test("bad beacons get a 4xx (or a 204 that counts nothing), never a 5xx", async ({ request, baseURL }) => {
    const origin = new URL(baseURL!).origin;
    const before = await report(request);
    const cases: [string, Parameters<APIRequestContext["post"]>[1], number][] = [
      ["unknown slug", { headers: { ...ok, origin }, data: "k=read&s=no-such-story" }, 400],
      ["draft", { headers: { ...ok, origin }, data: "k=read&s=draft-budget-leak" }, 400],
      ["garbage", { headers: { ...ok, origin }, data: "\u0000\u00ff%%%" }, 400],
      ["not a slug", { headers: { ...ok, origin }, data: "k=read&s=../../etc/passwd" }, 400],
      ["extra field", { headers: { ...ok, origin }, data: `k=read&s=${STORIES[0].slug}&uid=123` }, 400],
      ["unknown metric", { headers: { ...ok, origin }, data: "k=vitals&t=article&FID=12" }, 400],
      ["out of range", { headers: { ...ok, origin }, data: "k=vitals&t=article&LCP=999999" }, 400],
      ["negative", { headers: { ...ok, origin }, data: "k=vitals&t=article&CLS=-1" }, 400],
      ["unknown page type", { headers: { ...ok, origin }, data: "k=vitals&t=checkout&LCP=100" }, 400],
      ["oversize", { headers: { ...ok, origin }, data: `k=read&s=${"a".repeat(2000)}` }, 413],
      ["other origin", { headers: { ...ok, origin: "https://elsewhere.example" }, data: `k=read&s=${STORIES[0].slug}` }, 403],
      ["no origin", { headers: ok, data: `k=read&s=${STORIES[0].slug}` }, 403],
      ["cross-site fetch", { headers: { ...ok, origin, "sec-fetch-site": "cross-site" }, data: `k=read&s=${STORIES[0].slug}` }, 403],
      ["robot", { headers: { ...ok, origin, "user-agent": "curl/8.0" }, data: `k=read&s=${STORIES[0].slug}` }, 403],
      ["json", { headers: { ...ok, origin, "content-type": "application/json" }, data: JSON.stringify({ k: "read" }) }, 415],
      ["gpc", { headers: { ...ok, origin, "sec-gpc": "1" }, data: `k=read&s=${STORIES[0].slug}` }, 204],
    ];
    for (const [name, options, status] of cases) {
      const response = await request.post("/api/beacon", options);
      expect(response.status(), name).toBe(status);
    }
    for (const method of ["GET", "PUT", "DELETE"]) {
      const response = await request.fetch("/api/beacon", { method });
      expect(response.status(), method).toBe(405);
    }
    expect((await request.get("/api/audience")).status()).toBe(401);
    expect((await request.get("/api/most-read/section/no-such-section")).status()).toBe(404);
    expect((await request.get("/api/most-read/elsewhere")).status()).toBe(404);
    const list = await request.get("/api/most-read/site");
    expect(list.status()).toBe(200);
    expect(list.headers()["cache-control"]).toMatch(/public, max-age=0, s-maxage=\d+/);
    // None of them was counted.
    const after = await report(request);
    expect(after.mostRead.find((e) => e.slug === STORIES[0].slug)?.reads ?? 0).toBe(before.mostRead.find((e) => e.slug === STORIES[0].slug)?.reads ?? 0);
  });
});
