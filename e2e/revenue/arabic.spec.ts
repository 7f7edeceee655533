import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import Stripe from "stripe";
import revenue from "./env.json";
import { expectNoAxeViolations } from "../support/axe";

// Reader revenue in the Arabic (right-to-left) sample site (content-ar with card payments on,
// .next-revenue-ar): the box with its frequencies, an amount, Stripe Checkout (the stand-in), the
// thank-you page, the supporter's thank-you line and /support — in Arabic, right to left, amounts in
// dirhams as the site formats them, light and dark, phone and desktop, axe clean.
const ARTICLE = "/akhbar/mahalliya/jisr-al-marfa";
const NEXT_ARTICLE = "/iqtisad/souq-al-samak";
const SITE_NAME = "سجلّ المرفأ";
const STAND_IN = `http://127.0.0.1:${Number(process.env.STRIPE_STAND_IN_AR_PORT) || revenue.ar.standInPort}`;
const stripe = new Stripe(revenue.ar.env.STRIPE_SECRET_KEY, { host: "127.0.0.1", port: new URL(STAND_IN).port, protocol: "http" });
// The site formats money with Intl in its language (lib/i18n): "‏25 د.إ.‏" (digits as the locale has them).
const money = (n: number) => new Intl.NumberFormat("ar", { style: "currency", currency: "AED", maximumFractionDigits: 0 }).format(n);

const FREQUENCIES = ["مرة واحدة", "شهريًا", "سنويًا"];

async function expectRtl(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
}

/** No part of the page wider than the window (a phone must not scroll sideways). */
async function expectNoSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: false });
}

async function give(page: Page, frequency: string, { amount, custom }: { amount?: number; custom?: string }) {
  const box = page.getByTestId("donation");
  await box.getByText(frequency, { exact: true }).click();
  if (custom) await box.getByLabel("مبلغ آخر (AED)").fill(custom);
  else await box.locator("fieldset:visible").getByText(money(amount!), { exact: true }).click();
  await box.getByRole("button", { name: "الدفع بالبطاقة" }).click();
  // The server creates the session with Stripe first (the SDK's first call is slow on a loaded machine).
  await expect(page).toHaveURL(new RegExp(`^${STAND_IN}/pay/cs_`), { timeout: 30_000 });
}

async function pay(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Pay" }).click();
  await expect(page).toHaveURL(/\/support\/thank-you\?session_id=cs_/, { timeout: 30_000 });
  return new URL(page.url()).searchParams.get("session_id")!;
}

async function supporters(page: Page): Promise<number> {
  const html = await (await page.request.get("/support")).text();
  const match = /data-testid="support-progress" data-count="(\d+)"/.exec(html);
  return match ? Number(match[1]) : -1;
}

async function newPage(browser: Browser, options: { scheme: "light" | "dark"; width: number; cookie?: string }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ colorScheme: options.scheme, viewport: { width: options.width, height: options.width < 500 ? 844 : 900 } });
  if (options.cookie) await context.addCookies([{ name: "masthead-supporter", value: options.cookie, url: test.info().project.use.baseURL! }]);
  return { context, page: await context.newPage() };
}

test.describe.configure({ mode: "serial" });

test("the box in Arabic: frequencies and amounts in dirhams, right to left, the default frequency chosen", async ({ page }) => {
  await page.goto(ARTICLE);
  await expectRtl(page);
  const box = page.getByTestId("donation");
  await expect(box.getByRole("heading", { name: "ساند الصحافة المستقلة" })).toBeVisible();
  await expect(box.getByRole("radio", { name: "شهريًا" })).toBeChecked();
  await expect(box.getByTestId("support-frequencies").locator("label")).toHaveText(FREQUENCIES);
  await expect(box.locator('fieldset[data-frequency="monthly"] label')).toHaveText([10, 25, 50].map(money));
  await expect(box.locator('fieldset[data-frequency="monthly"] label').first()).toContainText("د.إ.");
  await expect(box.locator('fieldset[data-frequency="once"]')).toBeHidden();
  // Right to left: the first frequency and the first amount are at the right.
  const right = async (text: string, within: Locator) => {
    const b = (await within.getByText(text, { exact: true }).boundingBox())!;
    return b.x + b.width;
  };
  const tabs = box.getByTestId("support-frequencies");
  const amounts = box.locator('fieldset[data-frequency="monthly"]');
  expect(await right(FREQUENCIES[0], tabs)).toBeGreaterThan(await right(FREQUENCIES[2], tabs));
  expect(await right(money(10), amounts)).toBeGreaterThan(await right(money(50), amounts));
  // One-off: its own amounts, and PayPal as a link provider (the card link is Stripe Checkout now).
  await box.getByText("مرة واحدة", { exact: true }).click();
  await expect(box.locator('fieldset[data-frequency="once"] label')).toHaveText([25, 50, 100].map(money));
  await expect(box.getByRole("button", { name: "التبرع عبر PayPal" })).toBeVisible();
  await expect(box.getByText("بطاقة ائتمان")).toHaveCount(0);
  await expect(box.getByLabel("مبلغ آخر (AED)")).toBeVisible();
  await expect(box.getByRole("button", { name: "الدفع بالبطاقة" })).toBeVisible();
});

test("a monthly gift through Stripe Checkout: the thank-you page in Arabic, then the thank-you line instead of the box", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(ARTICLE);
  await give(page, "شهريًا", { amount: 25 });
  await expect(page.getByTestId("stand-in-amount")).toHaveText("AED 25.00 every month");
  const sessionId = await pay(page);
  await expectRtl(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("شكرًا");
  await expect(page.getByTestId("thank-you-given")).toHaveText(`${money(25)} شهريًا — شكرًا لك.`);
  await expect(page.getByRole("link", { name: "إدارة دعمك" })).toHaveAttribute("href", "https://billing.stripe.com/p/login/test_harbour_ledger_ar");
  const cookie = (await page.context().cookies()).find((c) => c.name === "masthead-supporter");
  expect(cookie?.value).toMatch(/^month\./);
  // The session Masthead created: the Arabic site's currency, the article it came from.
  const session = await stripe.checkout.sessions.retrieve(sessionId);
  expect([session.currency, session.mode, session.metadata?.from]).toEqual(["aed", "subscription", ARTICLE]);

  await page.getByRole("link", { name: "العودة إلى ما كنت تقرؤه" }).click();
  await expect(page).toHaveURL(new RegExp(`${ARTICLE}$`));
  await page.goto(NEXT_ARTICLE);
  await expectRtl(page);
  const thanks = page.getByTestId("support-thanks");
  await expect(thanks).toBeVisible();
  await expect(thanks).toContainText(`شكرًا لدعمك ${SITE_NAME}.`);
  await expect(thanks.getByRole("link", { name: "إدارة دعمك" })).toBeVisible();
  await expect(page.getByTestId("donation")).toBeHidden();

  // Counted from Stripe's event, in Arabic on /support: the first gift to this server's store (a new
  // store every run; /support's render of an earlier run, kept in the build's cache, is replaced).
  await expect.poll(() => supporters(page), { timeout: 30_000 }).toBe(1);
  await page.goto("/support");
  await expectRtl(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`ادعم ${SITE_NAME}`);
  await expect(page.getByTestId("support-progress")).toContainText(`يدعم قارئ واحد ${SITE_NAME} هذا الشهر — ساعدنا على بلوغ ${new Intl.NumberFormat("ar").format(1500)}.`);

  // Another reader's article box says the same, right to left, from /api/support/progress (decision
  // 0250; the answer of one process is counted at most every 10 s, so read until it has the gift).
  await page.context().clearCookies();
  const line = page.getByTestId("donation").getByTestId("support-progress-text");
  await expect
    .poll(
      async () => {
        await page.goto(NEXT_ARTICLE);
        await page.getByTestId("donation").scrollIntoViewIfNeeded();
        await expect(line).not.toBeEmpty({ timeout: 15_000 }).catch(() => {});
        return line.textContent();
      },
      { timeout: 60_000 },
    )
    .toBe(`يدعم قارئ واحد ${SITE_NAME} هذا الشهر — ساعدنا على بلوغ ${new Intl.NumberFormat("ar").format(1500)}.`);
  expect(await line.evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
});

test("a one-off gift of an amount the reader types: thanked for that amount, in dirhams", async ({ page }) => {
  await page.context().clearCookies();
  await page.goto(NEXT_ARTICLE);
  await give(page, "مرة واحدة", { custom: "30" });
  await expect(page.getByTestId("stand-in-amount")).toHaveText("AED 30.00");
  await pay(page);
  await expect(page.getByTestId("thank-you-given")).toHaveText(`${money(30)} — شكرًا لك.`);
  // No portal link for a one-off gift.
  await expect(page.getByRole("link", { name: "إدارة دعمك" })).toHaveCount(0);
  expect((await page.context().cookies()).find((c) => c.name === "masthead-supporter")?.value).toMatch(/^once\./);
});

test("a cancelled checkout comes back to the article with the box and a calm note in Arabic", async ({ page }) => {
  await page.context().clearCookies();
  await page.goto(ARTICLE);
  await give(page, "سنويًا", { amount: 250 });
  await expect(page.getByTestId("stand-in-amount")).toHaveText("AED 250.00 every year");
  await page.getByRole("link", { name: "Cancel and go back" }).click();
  await expect(page).toHaveURL(new RegExp(`${ARTICLE}#support-cancelled$`));
  await expect(page.getByTestId("support-cancelled")).toBeVisible();
  await expect(page.getByTestId("support-cancelled")).toContainText("لم يُخصم أي مبلغ");
});

for (const scheme of ["light", "dark"] as const) {
  test(`phone (390 px) and desktop, ${scheme}: the box, the thank-you page and the thank-you line fit, right to left (screenshots)`, async ({ browser }) => {
    test.setTimeout(90_000);
    for (const width of [390, 1280]) {
      const tag = `${scheme}-${width}`;
      // The box, scrolled into view.
      const reader = await newPage(browser, { scheme, width });
      await reader.page.goto(ARTICLE);
      await expect(reader.page.locator("html")).toHaveAttribute("data-theme", scheme);
      const box = reader.page.getByTestId("donation");
      await box.scrollIntoViewIfNeeded();
      // This month's count (a gift was counted above) fills its reserved line before the picture.
      await expect(box.getByTestId("support-progress-text")).not.toBeEmpty({ timeout: 15_000 });
      await expectNoSidewaysScroll(reader.page);
      // Every amount of the chosen frequency in one row, each label whole.
      const labels = box.locator("fieldset:visible [data-testid=donation-amounts] label");
      const rows = await labels.evaluateAll((els) => els.map((el) => ({ top: Math.round(el.getBoundingClientRect().top), clipped: el.scrollWidth > el.clientWidth })));
      expect(new Set(rows.map((r) => r.top)).size, JSON.stringify(rows)).toBe(1);
      expect(rows.filter((r) => r.clipped)).toEqual([]);
      // The box sits within the window, the frequency tabs within the box.
      const [boxRect, tabsRect] = [(await box.boundingBox())!, (await box.getByTestId("support-frequencies").boundingBox())!];
      expect(boxRect.x).toBeGreaterThanOrEqual(0);
      expect(boxRect.x + boxRect.width).toBeLessThanOrEqual(width);
      expect(tabsRect.x).toBeGreaterThanOrEqual(boxRect.x);
      expect(tabsRect.x + tabsRect.width).toBeLessThanOrEqual(boxRect.x + boxRect.width);
      await box.screenshot({ path: test.info().outputPath(`box-${tag}.png`) });

      // Checkout and the thank-you page.
      await give(reader.page, "شهريًا", { amount: 10 });
      await pay(reader.page);
      await expect(reader.page.getByTestId("thank-you-given")).toHaveText(`${money(10)} شهريًا — شكرًا لك.`);
      await expectNoSidewaysScroll(reader.page);
      await shot(reader.page, `thank-you-${tag}`);

      // The thank-you line on the next article.
      await reader.page.goto(NEXT_ARTICLE);
      const thanks = reader.page.getByTestId("support-thanks");
      await expect(thanks).toBeVisible();
      await thanks.scrollIntoViewIfNeeded();
      await expectNoSidewaysScroll(reader.page);
      const line = (await thanks.boundingBox())!;
      expect(line.x).toBeGreaterThanOrEqual(0);
      expect(line.x + line.width).toBeLessThanOrEqual(width);
      await thanks.screenshot({ path: test.info().outputPath(`thanks-${tag}.png`) });
      await reader.context.close();
    }
  });
}

for (const scheme of ["light", "dark"] as const) {
  test(`axe: no WCAG 2.1 A/AA violations on the Arabic box, /support, the thank-you page and the thank-you line (${scheme})`, async ({ browser }) => {
    test.setTimeout(90_000);
    await expectNoAxeViolations(browser, ARTICLE, scheme);
    await expectNoAxeViolations(browser, "/support", scheme);
    // A real session for the thank-you page; a supporter's cookie for the line.
    const { context, page } = await newPage(browser, { scheme, width: 1280 });
    await page.goto(ARTICLE);
    await give(page, "مرة واحدة", { amount: 50 });
    await pay(page);
    const thankYou = new URL(page.url());
    const cookie = (await context.cookies()).find((c) => c.name === "masthead-supporter")!.value;
    await context.close();
    await expectNoAxeViolations(browser, `${thankYou.pathname}${thankYou.search}`, scheme);
    await expectNoAxeViolations(browser, NEXT_ARTICLE, scheme, { cookies: [{ name: "masthead-supporter", value: cookie }], visible: "support-thanks" });
  });
}
