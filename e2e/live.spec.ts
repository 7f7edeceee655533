/**
 * Live blogs (issue 17) in Chromium over the production build: the server HTML without
 * JavaScript, crawlable pages of older updates, JSON-LD, caching, drafts that never leak, and —
 * on a private server with its own copy of the content — new, edited and removed updates reaching
 * an open page within one polling interval, without a reload and without moving what is being read.
 *
 * The poller's interval is the readers' own (12 s): the tests jump the page's clock forward by one
 * interval (Playwright's clock) instead of waiting for it.
 */
import { expectNoAxeViolations } from "./support/axe";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { expectParameterErrors } from "./support/api";
import fs from "node:fs";
import path from "node:path";
import e2e from "./env.json";
import { startPrivateServer, type PrivateServer } from "./support/private-server";

const STORM = "/news/local/storm-corran-live";
const STORM_SLUG = "storm-corran-live";
const VOTE = "/news/local/eastcliff-marina-vote-live";
const ARTICLE = "/news/world-news/calder-strait-ferry-strike";
/** Words that exist only in draft and scheduled updates of the sample live blogs. */
const NEVER = ["Greyling", "Oystercatcher", "roof-rumour", "recovery-fund", "unused-leak", "update-anniversary"];
/** One polling interval (components/LiveBlog.client.tsx, POLL_INTERVAL_MS). */
const INTERVAL = 12_000;
const SECRET = e2e.env.REVALIDATE_SECRET;

function jsonLd(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]));
}

function liveBlogNode(html: string): Record<string, unknown> {
  const blocks = jsonLd(html);
  expect(blocks).toHaveLength(1);
  const graph = blocks[0]["@graph"] as Record<string, unknown>[];
  const node = graph.find((n) => n["@type"] === "LiveBlogPosting");
  expect(node, "a LiveBlogPosting in the page's @graph").toBeDefined();
  expect(graph.some((n) => n["@type"] === "BreadcrumbList")).toBe(true);
  return node!;
}

// Several page loads per test on a shared two-core machine: generous per-test time, no timed assertions.
test.describe.configure({ timeout: 180_000 });

const sMaxAge = (cc: string | undefined) => Number(/s-maxage=(\d+)/.exec(cc ?? "")?.[1] ?? NaN);

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the newest updates, key events and the pinned update are in the server HTML; older ones one link away", async ({ page }) => {
    const response = await page.goto(STORM);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Storm Corran live: gales, flooding and closures across Port Wren");
    await expect(page.getByTestId("live-status")).toContainText("LIVE");
    await expect(page.getByTestId("live-status")).toContainText(/Updated \d+ (minutes?|hours?|days?) ago/);
    // Pinned first, then newest first, each with its time, author and permalink.
    const pinned = page.getByTestId("pinned-update");
    await expect(pinned.getByRole("heading", { name: "Where to find help, and what is closed" })).toBeVisible();
    const updates = page.getByTestId("live-updates").getByTestId("live-update");
    await expect(updates).toHaveCount(15);
    const times = await updates.locator("header time").evaluateAll((els) => els.map((e) => e.getAttribute("datetime")!));
    expect([...times].sort().reverse()).toEqual(times);
    const first = updates.first();
    await expect(first).toHaveAttribute("id", "update-what-we-know-tonight");
    await expect(first.getByRole("heading", { name: "What we know tonight" })).toBeVisible();
    await expect(first.getByRole("link", { name: "Maren Okafor" })).toHaveAttribute("href", "/authors/maren-okafor");
    await expect(first.locator("header a").first()).toHaveAttribute("href", `${STORM}#update-what-we-know-tonight`);
    await expect(first.getByRole("link", { name: /Copy link/ })).toHaveAttribute("href", `https://harbour-ledger.example${STORM}#update-what-we-know-tonight`);

    // Key events link to their updates on the page that holds them.
    const keyEvents = page.getByTestId("key-events");
    await expect(keyEvents.getByRole("link", { name: /Red warning extended to 9am Wednesday/ })).toHaveAttribute("href", `${STORM}#update-warning-extended`);
    await expect(keyEvents.getByRole("link", { name: /Harbour closed to all traffic/ })).toHaveAttribute("href", `${STORM}/page/2#update-harbour-closed`);

    // Older updates: a crawlable page, and a permalink lands on its update.
    await page.getByTestId("live-pagination").getByRole("link", { name: /Older updates/ }).click();
    await expect(page).toHaveURL(new RegExp(`${STORM}/page/2$`));
    await expect(page.getByTestId("archive-note").getByRole("heading")).toHaveText("Updates from December 1, 2026, 5:40 – 9:30 AM UTC");
    const older = page.getByTestId("live-updates").getByTestId("live-update");
    await expect(older).toHaveCount(10);
    await expect(older.last()).toHaveAttribute("id", "update-red-warning");
    await page.getByTestId("live-pagination").getByRole("link", { name: /Newer updates/ }).click();
    await expect(page).toHaveURL(new RegExp(`${STORM}$`));

    await page.goto(`${STORM}#update-warning-extended`);
    await page.getByTestId("key-events").getByRole("link", { name: /Harbour closed to all traffic/ }).click();
    await expect(page).toHaveURL(new RegExp(`${STORM}/page/2#update-harbour-closed$`));
    const target = page.locator("#update-harbour-closed");
    await expect(target).toBeInViewport();
    await expect(target.getByRole("heading")).toHaveText("Harbour closed to all traffic");
  });

  test("an ended blog says so and shows every update", async ({ page }) => {
    await page.goto(VOTE);
    await expect(page.getByTestId("live-status")).toContainText("This live coverage has ended");
    await expect(page.getByTestId("live-status")).not.toContainText("Updated");
    await expect(page.getByTestId("live-updates").getByTestId("live-update")).toHaveCount(13);
    await expect(page.getByTestId("pinned-update")).toContainText("How tonight’s vote works");
    await expect(page.getByTestId("live-pagination")).toHaveCount(0);
  });
});

test.describe("addresses and caches", () => {
  test("/page/1 is the article URL, pages past the end and pages of ordinary articles are 404", async ({ request }) => {
    const first = await request.get(`${STORM}/page/1`, { maxRedirects: 0 });
    expect(first.status()).toBe(301);
    expect(first.headers()["location"]).toMatch(new RegExp(`${STORM}$`));
    const moved = await request.get(`/sport/${STORM_SLUG}/page/2`, { maxRedirects: 0 });
    expect(moved.status()).toBe(301);
    expect(moved.headers()["location"]).toMatch(new RegExp(`${STORM}/page/2$`));
    for (const p of [`${STORM}/page/3`, `${STORM}/page/0`, `${VOTE}/page/2`, `${ARTICLE}/page/2`, "/live-pages/storm-corran-live/1"]) {
      expect((await request.get(p)).status(), p).toBe(404);
    }
  });

  test("a running blog's front page and delta are kept seconds and tagged; its older pages and ended blogs like articles", async ({ request }) => {
    const front = await request.get(STORM);
    expect(sMaxAge(front.headers()["cache-control"])).toBe(5);
    expect(front.headers()["surrogate-key"]).toContain("article:storm-corran-live");
    const older = await request.get(`${STORM}/page/2`);
    expect(sMaxAge(older.headers()["cache-control"])).toBe(60);
    expect(sMaxAge((await request.get(VOTE)).headers()["cache-control"])).toBe(60);

    const delta = await request.get(`/api/live/${STORM_SLUG}`);
    expect(delta.status()).toBe(200);
    expect(sMaxAge(delta.headers()["cache-control"])).toBe(5);
    expect(delta.headers()["cache-control"]).toMatch(/^public/);
    expect(delta.headers()["surrogate-key"]).toContain("article:storm-corran-live");
    const ended = await request.get(`/api/live/eastcliff-marina-vote-live`);
    expect(sMaxAge(ended.headers()["cache-control"])).toBe(60);
    expect((await ended.json()).status.ended).toBe(true);
  });

  test("the production server never keeps the front page longer than its 5 s", async ({ request }) => {
    // Every copy it sends is at most 5 s old, and a new one is fetched from Next after that.
    const seen = new Set<string>();
    let states = "";
    const until = Date.now() + 8_000;
    while (Date.now() < until) {
      const res = await request.get(STORM, { headers: { Accept: "text/html", "Accept-Encoding": "br, gzip" } });
      const age = Number(res.headers()["age"] ?? 0);
      expect(age, "Age of the stored copy").toBeLessThanOrEqual(5);
      states += res.headers()["x-masthead-cache"]?.[0] ?? "?";
      seen.add(res.headers()["x-masthead-cache"] ?? "?");
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(seen.has("hit"), states).toBe(true);
    // After the first hit, a miss again: the stored copy expired and Next was asked.
    expect(states.slice(states.indexOf("h")), states).toContain("m");
  });

  test("the delta endpoint answers 400 naming a bad parameter, 404 for what is not a live blog", async ({ request }) => {
    const cases: [string, string][] = [
      [`/api/live/${STORM_SLUG}?after=%3Cx%3E`, "after"],
      [`/api/live/${STORM_SLUG}?after=abc`, "after"],
      [`/api/live/${STORM_SLUG}?since=Not_An_Id`, "since"],
      [`/api/live/${STORM_SLUG}?after=abcdefgh&after=abcdefgh`, "after"],
      [`/api/live/${STORM_SLUG}?page=2`, "page"],
      [`/api/live/Not%20A%20Slug`, "slug"],
    ];
    await expectParameterErrors(request, cases);
    expect((await request.get("/api/live/no-such-blog")).status()).toBe(404);
    expect((await request.get("/api/live/calder-strait-ferry-strike")).status()).toBe(404);
    expect((await request.post(`/api/live/${STORM_SLUG}`)).status()).toBe(405);
  });

  test("an up-to-date reader gets a tiny 'unchanged'", async ({ request }) => {
    const full = await (await request.get(`/api/live/${STORM_SLUG}`)).json();
    expect(full.reset).toBe(true);
    expect(full.upserts).toHaveLength(16);
    const same = await request.get(`/api/live/${STORM_SLUG}?after=${full.version}`);
    expect(await same.json()).toEqual({ version: full.version, status: full.status, unchanged: true });
  });
});

test.describe("search engines", () => {
  test("JSON-LD: a LiveBlogPosting with the updates of each page, at the URLs of their pages", async ({ request }) => {
    const front = liveBlogNode(await (await request.get(STORM)).text());
    expect(front.coverageStartTime).toBe("2026-12-01T05:30:00.000Z");
    expect(front.coverageEndTime).toBeUndefined();
    const updates = front.liveBlogUpdate as Record<string, unknown>[];
    expect(updates).toHaveLength(16); // pinned + 15
    expect(updates[0]).toMatchObject({ "@type": "BlogPosting", headline: "Where to find help, and what is closed", url: `https://harbour-ledger.example${STORM}#update-where-to-find-help` });
    expect(updates[1]).toMatchObject({ headline: "What we know tonight", datePublished: "2026-12-01T22:15:00.000Z", author: [{ "@type": "Person", name: "Maren Okafor", url: "https://harbour-ledger.example/authors/maren-okafor" }] });
    for (const u of updates) expect(typeof u.headline === "string" && (u.headline as string).length > 0).toBe(true);

    const page2 = liveBlogNode(await (await request.get(`${STORM}/page/2`)).text());
    const older = page2.liveBlogUpdate as Record<string, unknown>[];
    expect(older).toHaveLength(10);
    for (const u of older) expect(u.url as string).toMatch(new RegExp(`^https://harbour-ledger\\.example${STORM}/page/2#update-`));

    const ended = liveBlogNode(await (await request.get(VOTE)).text());
    expect(ended.coverageEndTime).toBe("2026-11-24T22:40:00.000Z");
    expect(ended.liveBlogUpdate as unknown[]).toHaveLength(14);
  });

  test("an archived page is its own canonical page", async ({ request }) => {
    const html = await (await request.get(`${STORM}/page/2`)).text();
    expect(html).toContain(`<link rel="canonical" href="https://harbour-ledger.example${STORM}/page/2"/>`);
    // Intl writes ranges with thin and narrow no-break spaces.
    expect(/<title>([^<]*)<\/title>/.exec(html)![1].replace(/\s+/g, " ")).toBe("Storm Corran live: gales, flooding and closures across Port Wren: updates from December 1, 2026, 5:40 – 9:30 AM UTC | The Harbour Ledger");
  });
});

test.describe("drafts and scheduled updates", () => {
  test("never reach a reader: pages, the delta endpoint, JSON-LD, feeds, sitemaps, search", async ({ request }) => {
    const everywhere = [STORM, `${STORM}/page/2`, VOTE, `/api/live/${STORM_SLUG}`, `/api/live/eastcliff-marina-vote-live`, "/feed.xml", "/news/feed.xml", "/news/local/feed.xml", "/sitemap.xml", "/news-sitemap.xml"];
    for (const p of everywhere) {
      const body = await (await request.get(p)).text();
      for (const word of NEVER) expect(body, `${word} in ${p}`).not.toContain(word);
    }
    for (const q of ["Greyling", "Oystercatcher", "Pemberton"]) {
      const hits = await (await request.get(`/api/search?q=${q}`)).json();
      expect(hits.total, q).toBe(0);
    }
    // The delta endpoint's manifest lists only what readers see.
    const delta = await (await request.get(`/api/live/${STORM_SLUG}`)).json();
    expect(delta.manifest.map(([id]: [string]) => id)).not.toContain("roof-rumour");
  });

  test("show in preview, marked, and are never cached there", async ({ page }) => {
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": "10.17.0.9" });
    await page.goto(`/api/draft?secret=${e2e.env.PREVIEW_SECRET}&slug=${STORM_SLUG}`);
    await expect(page).toHaveURL(new RegExp(`${STORM}$`));
    const draft = page.locator("#update-roof-rumour");
    await expect(draft).toContainText("Draft — not published");
    await expect(draft).toContainText("Greyling Wharf");
    await expect(page.locator("#update-recovery-fund")).toContainText("Scheduled for");
    const res = await page.request.get(`/api/live/${STORM_SLUG}`);
    expect(res.headers()["cache-control"]).toBe("private, no-store");
    expect(res.headers()["surrogate-key"]).toBeUndefined();
    expect(JSON.stringify(await res.json())).toContain("Greyling");
    expect((await page.request.get(STORM)).headers()["cache-control"]).toMatch(/private/);
  });
});

test.describe("accessibility and looks", () => {
  for (const scheme of ["light", "dark"] as const) {
    for (const [name, p] of [["running", STORM], ["older updates", `${STORM}/page/2`], ["ended", VOTE]]) {
      test(`axe: no WCAG 2.1 A/AA violations on the ${name} live blog (${scheme})`, async ({ browser }) => {
        await expectNoAxeViolations(browser, p, scheme);
      });
    }
  }

  for (const width of [360, 1280]) {
    for (const scheme of ["light", "dark"] as const) {
      test(`the running blog at ${width}px (${scheme}): no horizontal scroll; screenshot saved`, async ({ browser }) => {
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
        const page = await context.newPage();
        await page.goto(STORM);
        await expect(page.getByTestId("live-updates")).toHaveAttribute("data-live-ready", "polling", { timeout: 30_000 });
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `e2e/screenshots/live-${width}-${scheme}.png`, fullPage: width === 1280 });
        await page.screenshot({ path: `e2e/screenshots/live-${width}-${scheme}-top.png` });
        await context.close();
      });
    }
  }
});

test("the live island's JavaScript is loaded by live blogs only, never by ordinary articles", async ({ request }) => {
  const scripts = async (p: string) => [...(await (await request.get(p)).text()).matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]);
  const carriesIsland = async (srcs: string[]) => {
    for (const src of srcs) if ((await (await request.get(src)).text()).includes("/api/live/")) return true;
    return false;
  };
  expect(await carriesIsland(await scripts(STORM))).toBe(true);
  expect(await carriesIsland(await scripts(ARTICLE))).toBe(false);
});

// ---- an open page, on a private server whose content the tests edit -----------------------------

test.describe("an open page", () => {
  test.describe.configure({ mode: "serial" });
  let server: PrivateServer;
  let n = 0;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    server = await startPrivateServer({ portOffset: 10 });
  });
  test.afterAll(() => server?.stop());

  const liveDir = () => path.join(server.content, "live", STORM_SLUG);
  const writeUpdate = (id: string, fm: string, body: string) => fs.writeFileSync(path.join(liveDir(), `${id}.md`), `---\n${fm}\n---\n${body}\n`);
  const webhook = async (request: APIRequestContext, body: unknown = { slug: STORM_SLUG }) =>
    request.post(`${server.base}/api/revalidate`, {
      headers: { Authorization: `Bearer ${SECRET}`, "Content-Type": "application/json", "X-Forwarded-For": "10.17.1.1" },
      data: body,
    });
  const minuteAgo = () => new Date(Date.now() - 60_000).toISOString();

  /** The front page with the poller running and the page's clock under the test's control. */
  async function open(page: Page) {
    await page.clock.install();
    // The page's own clock at the moment each poll is sent, recorded as the island calls fetch: when a
    // poll went out is read from the page, never inferred from how long the test waited.
    await page.addInitScript(() => {
      const sent: number[] = ((window as unknown as { liveSent: number[] }).liveSent = []);
      const fetch = window.fetch.bind(window);
      window.fetch = (input, init) => {
        if (String(input instanceof Request ? input.url : input).includes("/api/live/")) sent.push(Date.now());
        return fetch(input, init);
      };
    });
    await page.goto(`${server.base}${STORM}`);
    await expect(page.getByTestId("live-updates")).toHaveAttribute("data-live-ready", "polling", { timeout: 30_000 });
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    const polls: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/api/live/")) polls.push(r.url());
    });
    return polls;
  }
  const sentAt = (page: Page) => page.evaluate(() => (window as unknown as { liveSent: number[] }).liveSent);
  const notReloaded = async (page: Page) => expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);

  test("an update file + webhook appears at the top within one polling interval, announced, without a reload", async ({ page }) => {
    const polls = await open(page);
    const id = `test-arrival-${++n}`;
    writeUpdate(id, `publishedAt: ${new Date(Date.now() - 20_000).toISOString()}\ntitle: Lifeboat launched again at dusk\nkeyEvent: true`, "The lifeboat went out a second time to a fishing boat with engine failure.");
    expect((await webhook(page.request)).status()).toBe(200);
    await page.clock.fastForward(INTERVAL);
    const first = page.getByTestId("live-updates").getByTestId("live-update").first();
    await expect(first).toHaveAttribute("id", `update-${id}`);
    await expect(first.getByRole("heading")).toHaveText("Lifeboat launched again at dusk");
    await expect(page.getByTestId("live-announcer")).toContainText("New update: Lifeboat launched again at dusk");
    await expect(page.getByTestId("key-events").getByRole("link", { name: /Lifeboat launched again at dusk/ })).toBeVisible();
    await expect(page.getByTestId("live-status")).toContainText("Updated now");
    // One jump of one interval brought it (the clock also runs on, so a slow machine may poll again).
    expect(polls.length).toBeGreaterThanOrEqual(1);
    expect(polls[0]).toMatch(/\?after=[A-Za-z0-9_-]+&since=/);
    await notReloaded(page);
  });

  test("scrolled down: a button and (N) in the title, nothing moves; the button shows them with focus and an announcement", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await open(page);
    const reading = page.locator("#update-council-leader");
    await reading.scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -100));
    await page.evaluate(() => {
      const w = window as unknown as { shift: number };
      w.shift = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!e.hadRecentInput) w.shift += e.value;
      }).observe({ type: "layout-shift", buffered: false });
    });
    const before = { top: await reading.evaluate((el) => el.getBoundingClientRect().top), scroll: await page.evaluate(() => window.scrollY), title: await page.title() };
    const count = await page.getByTestId("live-updates").getByTestId("live-update").count();

    const ids = [`test-held-${++n}`, `test-held-${++n}`];
    // Newer than anything the earlier tests added.
    writeUpdate(ids[0], `publishedAt: ${new Date(Date.now() - 2_000).toISOString()}\ntitle: Causeway reopens`, "The Gull Island causeway is open again.");
    writeUpdate(ids[1], `publishedAt: ${new Date(Date.now() - 1_000).toISOString()}`, "Bins blown across Harbour Road are being cleared.");
    expect((await webhook(page.request)).status()).toBe(200);
    await page.clock.fastForward(INTERVAL);

    const button = page.getByRole("button", { name: "Show 2 new updates" });
    await expect(button).toBeVisible();
    await expect(page).toHaveTitle(`(2) ${before.title}`);
    await expect(page.getByTestId("live-announcer")).toContainText("2 new updates above");
    // Nothing moved: same scroll position, same place of the update being read, no layout shift.
    expect(await page.evaluate(() => window.scrollY)).toBe(before.scroll);
    expect(await reading.evaluate((el) => el.getBoundingClientRect().top)).toBe(before.top);
    expect(await page.evaluate(() => (window as unknown as { shift: number }).shift)).toBe(0);
    await expect(page.getByTestId("live-updates").getByTestId("live-update")).toHaveCount(count);
    await page.screenshot({ path: "e2e/screenshots/live-1280-light-new-updates.png" });

    await button.click();
    const first = page.getByTestId("live-updates").getByTestId("live-update").first();
    await expect(first).toHaveAttribute("id", `update-${ids[1]}`);
    await expect(first).toBeFocused();
    await expect(page.locator(`#update-${ids[0]}`)).toBeVisible();
    await expect(page.getByTestId("live-announcer")).toContainText("Showing 2 new updates.");
    await expect(page).toHaveTitle(before.title);
    await expect(button).toHaveCount(0);
    await notReloaded(page);
  });

  test("an edited update changes and a removed one goes, on the open page", async ({ page }) => {
    await open(page);
    const edited = page.locator("#update-trains");
    const removed = page.locator("#update-rest-centre-numbers");
    await expect(edited).toContainText("No trains will run");
    await expect(removed).toBeVisible();
    const file = path.join(liveDir(), "trains.md");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("No trains will run between Port Wren and Calder until at least midday tomorrow", "Trains between Port Wren and Calder will resume at 2pm tomorrow"));
    fs.rmSync(path.join(liveDir(), "rest-centre-numbers.md"));
    expect((await webhook(page.request)).status()).toBe(200);
    await page.clock.fastForward(INTERVAL);
    await expect(edited).toContainText("Trains between Port Wren and Calder will resume at 2pm tomorrow");
    await expect(removed).toHaveCount(0);
    await notReloaded(page);
    // A fresh page agrees.
    const html = await (await page.request.get(`${server.base}${STORM}`)).text();
    expect(html).toContain("will resume at 2pm tomorrow");
    expect(html).not.toContain("update-rest-centre-numbers");
  });

  test("a hidden tab does not poll; coming back does at once; errors slow it down", async ({ page }) => {
    const polls = await open(page);
    const visibility = (state: "hidden" | "visible") =>
      page.evaluate((s) => {
        Object.defineProperty(document, "visibilityState", { value: s, configurable: true });
        document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
      }, state);
    await visibility("hidden");
    await page.clock.fastForward(INTERVAL);
    await page.clock.fastForward(INTERVAL);
    expect(await sentAt(page)).toHaveLength(0);
    // The island times each wait from the moment a poll settles (data-live-settled): the clock moves
    // on only after that, as a reader's clock would, however slow the machine.
    const list = page.getByTestId("live-updates");
    let last = await list.getAttribute("data-live-settled");
    const settled = async () => {
      await expect.poll(() => list.getAttribute("data-live-settled")).not.toBe(last);
      last = await list.getAttribute("data-live-settled");
    };
    await visibility("visible");
    await expect.poll(() => polls.length).toBe(1);
    await settled();

    await page.route("**/api/live/**", (route) => route.fulfill({ status: 503, contentType: "application/json", body: '{"error":"down"}' }));
    await page.clock.fastForward(INTERVAL); // fails: the next wait doubles
    await expect.poll(() => polls.length).toBe(2);
    await settled();
    const failedAt = Number(last);
    await page.clock.fastForward(INTERVAL);
    await page.clock.fastForward(INTERVAL); // 24 s after the failure: fails again, the notice shows
    await expect.poll(() => polls.length).toBe(3);
    // The third poll went out two intervals after the failure settled, by the page's clock, not one.
    expect((await sentAt(page))[2] - failedAt).toBeGreaterThanOrEqual(2 * INTERVAL);
    await settled();
    await expect(page.getByText("New updates could not be loaded")).toBeVisible();
    await page.unroute("**/api/live/**");
    await page.clock.fastForward(INTERVAL * 4);
    await expect.poll(() => polls.length).toBe(4);
    await expect(page.getByText("New updates could not be loaded")).toHaveCount(0);
  });

  test("a future update appears on its own at its time, in the page and on an open page", async ({ page }) => {
    const id = `test-scheduled-${++n}`;
    // Far enough ahead to open a page before it (a busy machine is slow), near enough to wait for.
    const due = Date.now() + 40_000;
    writeUpdate(id, `publishedAt: ${new Date(due).toISOString()}\ntitle: High water passes the harbour mouth`, "The midnight tide has turned.");
    expect((await webhook(page.request)).status()).toBe(200);
    expect(await (await page.request.get(`${server.base}/api/live/${STORM_SLUG}`)).text()).not.toContain(id);
    expect(await (await page.request.get(`${server.base}${STORM}`)).text()).not.toContain(id);
    const polls = await open(page);
    await expect(page.locator(`#update-${id}`)).toHaveCount(0);
    // No webhook at its time: the short lifetimes alone bring it, to a new reader and to the open page.
    await expect.poll(async () => (await page.request.get(`${server.base}${STORM}`)).text(), { timeout: 120_000, intervals: [2_000] }).toContain(`update-${id}`);
    // The island waits an interval from its last settled poll: move the clock on, one interval at a
    // time, until a poll brings the update (however slow the machine was to render the first one).
    await expect
      .poll(async () => {
        await page.clock.fastForward(INTERVAL);
        return page.locator(`#update-${id}`).count();
      }, { timeout: 30_000, intervals: [1_000] })
      .toBe(1);
    await expect(page.locator(`#update-${id}`)).toBeVisible();
    expect(polls.length).toBeGreaterThanOrEqual(1);
  });

  test("an invalid update file: the webhook answers 422 naming it, the page keeps its last good version", async ({ page }) => {
    fs.writeFileSync(path.join(liveDir(), "broken-update.md"), "---\ntitle: No date here\npinned: maybe\n---\nText\n");
    const res = await webhook(page.request);
    expect(res.status()).toBe(422);
    const json = await res.json();
    const problems = json.problems as { file: string; field?: string }[];
    expect(problems.some((p) => p.file.includes("live/storm-corran-live/broken-update.md") && p.field === "publishedAt")).toBe(true);
    expect(problems.some((p) => p.file.includes("broken-update.md") && p.field === "pinned")).toBe(true);
    const pageRes = await page.request.get(`${server.base}${STORM}`);
    expect(pageRes.status()).toBe(200);
    expect(await pageRes.text()).toContain("update-what-we-know-tonight");
    expect((await page.request.get(`${server.base}/api/live/${STORM_SLUG}`)).status()).toBe(200);
    fs.rmSync(path.join(liveDir(), "broken-update.md"));
    expect((await webhook(page.request)).status()).toBe(200);
  });

  test("a sponsored live blog declares its outbound links as paid, in the page and in the delta the open page polls", async ({ page }) => {
    // Its own blog, so the storm's tests are untouched: a partner's live coverage of a regatta.
    const slug = "sponsored-regatta-live";
    const article = path.join(server.content, "articles", `${slug}.md`);
    const updates = path.join(server.content, "live", slug);
    fs.mkdirSync(updates, { recursive: true });
    fs.writeFileSync(
      article,
      `---\ntitle: "Cove regatta live"\nsection: sport\nauthors: [partner-studio]\npublishedAt: ${minuteAgo()}\nkind: sponsored\nlive: true\ndonation: false\n---\nEntries are open at [the school](https://sailing.example/regatta); results on [our sport page](/sport).\n`,
    );
    fs.writeFileSync(path.join(updates, "start.md"), `---\npublishedAt: ${minuteAgo()}\ntitle: Boats away\n---\nLive tracking on [the tracker](https://tracker.example/cove).\n`);
    try {
      expect((await webhook(page.request, { slug })).status()).toBe(200);
      const res = await page.request.get(`${server.base}/sport/${slug}`);
      expect(res.status()).toBe(200);
      const html = await res.text();
      const rel = (href: string, in_ = html) =>
        new RegExp(`<a href="${href.replace(/[.?/]/g, "\\$&")}"[^>]*\\brel="([^"]*)"`).exec(in_)?.[1]?.split(" ") ?? [];
      expect(rel("https://sailing.example/regatta")).toContain("sponsored");
      expect(rel("https://tracker.example/cove")).toContain("sponsored");
      expect(html).toContain('<a href="/sport">our sport page</a>');
      // The open page's updates come from the delta endpoint: the same links, the same rel.
      const delta = (await (await page.request.get(`${server.base}/api/live/${slug}`)).json()) as { upserts: { html: string }[] };
      const fromDelta = delta.upserts.map((u) => u.html).join("");
      expect(fromDelta).toContain("https://tracker.example/cove");
      expect(rel("https://tracker.example/cove", fromDelta)).toContain("sponsored");
    } finally {
      fs.rmSync(article);
      fs.rmSync(updates, { recursive: true });
      await webhook(page.request, { slug });
    }
  });

  test("when the coverage ends the open page says so and stops polling; the page is then cached like an article", async ({ page }) => {
    const polls = await open(page);
    const file = path.join(server.content, "articles", `${STORM_SLUG}.md`);
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("live: true\n", `live: true\nliveEndedAt: ${minuteAgo()}\n`));
    expect((await webhook(page.request)).status()).toBe(200);
    await page.clock.fastForward(INTERVAL);
    await expect(page.getByTestId("live-status")).toContainText("This live coverage has ended");
    await expect(page.getByTestId("live-announcer")).toContainText("This live coverage has ended");
    await expect(page.getByTestId("live-updates")).toHaveAttribute("data-live-ready", "static");
    const count = (await sentAt(page)).length;
    // A poll is sent from inside the timer the jump fires, so the page has recorded it when the jump returns.
    await page.clock.fastForward(INTERVAL * 3);
    expect(await sentAt(page)).toHaveLength(count);
    expect(sMaxAge((await page.request.get(`${server.base}${STORM}`)).headers()["cache-control"])).toBe(60);
    const ld = liveBlogNode(await (await page.request.get(`${server.base}${STORM}`)).text());
    expect(typeof ld.coverageEndTime).toBe("string");
  });
});
