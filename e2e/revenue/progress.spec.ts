import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import revenue from "./env.json";
import { recordLayoutShifts, shiftLinesFrom } from "../support/layout-shift";
import { settledSupporters } from "../support/supporters";

// The supporters' count in the article's donation box (issue 30, docs/decisions/0250): the article is
// one cached page without the count; the box's island fetches /api/support/progress (kept ≤ 5 minutes
// by shared caches) when the box nears the view, into space reserved for it (no layout shift).
const ARTICLE = "/news/world-news/calder-strait-ferry-strike";
const STAND_IN = `http://127.0.0.1:${Number(process.env.STRIPE_STAND_IN_PORT) || revenue.standInPort}`;
const LINE = /^(\d[\d,]*) (readers support|reader supports) The Harbour Ledger this month — help us reach 1,500\.$/;


/** A one-off gift by card through the stand-in, its event recorded by the webhook. */
async function giveOnce(page: Page, request: APIRequestContext): Promise<void> {
  await page.goto(ARTICLE);
  const box = page.getByTestId("donation");
  await box.getByText("Once", { exact: true }).click();
  await box.locator("fieldset:visible").getByText("$10", { exact: true }).click();
  await box.getByRole("button", { name: "Pay by card" }).click();
  await expect(page).toHaveURL(new RegExp(`^${STAND_IN}/pay/cs_`), { timeout: 30_000 });
  await page.getByRole("button", { name: "Pay" }).click();
  await expect(page).toHaveURL(/\/support\/thank-you\?session_id=cs_/, { timeout: 30_000 });
  const session = new URL(page.url()).searchParams.get("session_id");
  await expect
    .poll(
      async () => {
        const events: { type: string; object: string; deliveries: number[] }[] = await (await request.get(`${STAND_IN}/_stand-in/events`)).json();
        return events.some((e) => e.type === "checkout.session.completed" && e.object === session && e.deliveries.some((s) => s >= 200 && s < 300));
      },
      { timeout: 15_000 },
    )
    .toBe(true);
}

test.describe.configure({ mode: "serial" });

test("the article's HTML carries no count; /api/support/progress answers it for shared caches, GET only, no parameters", async ({ request }) => {
  const article = await request.get(ARTICLE);
  expect(article.status()).toBe(200);
  const html = await article.text();
  // The box reserves the line's place, empty: the count is never part of the cached article.
  const line = /<p[^>]*data-testid="support-progress-text"[^>]*>([^<]*)<\/p>/.exec(html);
  expect(line, "the count line's place").not.toBeNull();
  expect(line![1]).toBe("");
  // Only the invisible copy that reserves the line's height is there, its count blanked (figure spaces).
  expect(/\d[\d,]*\s+readers? supports? The Harbour Ledger/.exec(html)?.[0] ?? null).toBeNull();
  expect(/\u2007+ readers support The Harbour Ledger this month — help us reach 1,500\./.test(html)).toBe(true);
  expect(/data-count="/.test(html)).toBe(false);

  const answer = await request.get("/api/support/progress");
  expect(answer.status()).toBe(200);
  expect(answer.headers()["content-type"]).toMatch(/^application\/json/);
  const cc = answer.headers()["cache-control"];
  expect(cc).toMatch(/^public\b/);
  // Fresh at the edge within 5 minutes: the shared lifetime plus the time a stale copy may be served.
  const shared = Number(/s-maxage=(\d+)/.exec(cc)?.[1]);
  const stale = Number(/stale-while-revalidate=(\d+)/.exec(cc)?.[1] ?? 0);
  expect(shared).toBeGreaterThan(0);
  expect(shared + stale).toBeLessThanOrEqual(300);
  expect(cc).not.toMatch(/stale-if-error/);
  expect(answer.headers()["set-cookie"]).toBeUndefined();
  expect(answer.headers()["vary"] ?? "").not.toMatch(/cookie/i);
  const body = await answer.json();
  expect(body).toEqual({ count: expect.any(Number), goal: 1500, countedAt: expect.any(String), text: expect.stringMatching(LINE) });
  expect(Date.parse(body.countedAt)).toBeGreaterThan(0);

  expect((await request.post("/api/support/progress", { data: {} })).status()).toBe(405);
  expect((await request.delete("/api/support/progress")).status()).toBe(405);
  for (const query of ["?cb=1", "?count=9999", "?utm_source=x"]) {
    const refused = await request.get(`/api/support/progress${query}`);
    expect(refused.status(), query).toBe(400);
    expect(refused.headers()["cache-control"]).toBe("no-store");
  }
});

test("after a completed checkout the article's box shows the count /support shows, fetched as the box nears the view, without a layout shift, nothing leaving the site", async ({ page, request, baseURL }) => {
  test.setTimeout(120_000);
  await giveOnce(page, request);
  const count = await settledSupporters(request, Date.now());
  expect(count).toBeGreaterThanOrEqual(1);
  // A supporter sees the thank-you line instead of the box: read the article as another reader.
  await page.context().clearCookies();

  // Shifts with their elements: only those in or after the story count (a CPU-starved browser may
  // shift the header while parsing, which e2e/design.spec.ts bounds; see e2e/media.spec.ts).
  await recordLayoutShifts(page);
  const origin = new URL(baseURL!).origin;
  const elsewhere: string[] = [];
  const progressRequests: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).origin !== origin && !r.url().startsWith("data:")) elsewhere.push(r.url());
    if (new URL(r.url()).pathname === "/api/support/progress") progressRequests.push(r.url());
  });

  const text = page.getByTestId("support-progress-text");
  // /support and the box's answer are each refreshed within seconds of the event: read until they agree.
  await expect
    .poll(
      async () => {
        await page.goto(ARTICLE);
        await page.getByTestId("donation").scrollIntoViewIfNeeded();
        await expect(text).toHaveText(LINE, { timeout: 15_000 }).catch(() => {});
        const shown = LINE.exec((await text.textContent()) ?? "");
        return shown ? Number(shown[1].replace(/,/g, "")) : -1;
      },
      { timeout: 60_000 },
    )
    .toBe(count);
  await expect(page.getByTestId("donation").getByTestId("support-progress")).toHaveAttribute("data-count", String(count));
  // The bar (its track shown with the line) is filled in proportion to the goal.
  const fill = page.getByTestId("support-progress-bar");
  await expect(fill.locator("..")).toBeVisible();
  expect(await fill.evaluate((el) => (el as HTMLElement).style.width)).toBe(`${Math.min(100, Math.round((count / 1500) * 100))}%`);
  expect(progressRequests.every((u) => new URL(u).search === "")).toBe(true);

  // Once more with the answer held until the box is on screen: the line fills in where the reader
  // looks, into its reserved place, and nothing moves.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/support/progress", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(ARTICLE);
  await page.getByTestId("donation").scrollIntoViewIfNeeded();
  await expect(page.getByTestId("donation")).toBeInViewport();
  await expect(text).toBeEmpty();
  release();
  await expect(text).toHaveText(LINE, { timeout: 15_000 });
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForLoadState("load");
  const fromTheStory = await shiftLinesFrom(page, '[data-testid="article"]');
  expect(fromTheStory).toEqual([]);
  expect(elsewhere).toEqual([]);
});

test("the line's place is reserved in the box's layout before the count arrives, and the box of a reader without JavaScript has none", async ({ browser }) => {
  // The island never runs here: the count's request is held, so the reserved place is measured empty.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route("**/api/support/progress", () => {});
  await page.goto(ARTICLE);
  const place = page.getByTestId("donation").getByTestId("support-progress");
  await place.scrollIntoViewIfNeeded();
  const empty = (await place.boundingBox())!.height;
  expect(empty).toBeGreaterThan(20);
  await expect(page.getByTestId("support-progress-text")).toHaveText("");
  await context.close();

  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noJs.newPage();
  await plain.goto(ARTICLE);
  await expect(plain.getByTestId("donation").getByRole("button", { name: "Pay by card" })).toBeVisible();
  await expect(plain.getByTestId("donation").getByTestId("support-progress")).toBeHidden();
  await noJs.close();
});
