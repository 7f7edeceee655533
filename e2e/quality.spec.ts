import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "@playwright/test";

const PAGES: Record<string, string> = {
  home: "/",
  section: "/news/world-news",
  article: "/news/world-news/calder-strait-ferry-strike",
  author: "/authors/maren-okafor",
  tag: "/tags/harbour",
  "not-found": "/this-page-does-not-exist",
};

for (const scheme of ["light", "dark"] as const) {
  for (const [name, path] of Object.entries(PAGES)) {
    test(`axe: no WCAG 2.1 A/AA violations on ${name} (${scheme})`, async ({ browser }) => {
      // The front page is long (a block per section): axe takes a while on a busy machine.
      test.setTimeout(90_000);
      await expectNoAxeViolations(browser, path, scheme);
    });
  }
}

for (const width of [360, 1280]) {
  test(`responsive at ${width}px: no horizontal scroll; screenshots saved`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    for (const [name, path] of Object.entries(PAGES)) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${name} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
      await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
      await page.screenshot({ path: `e2e/screenshots/${name}-${width}.png`, fullPage: true });
    }
    await context.close();
  });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the article, breadcrumb, donation links, related cards and check-also links are all there", async ({ page }) => {
    await page.goto("/news/world-news/calder-strait-ferry-strike");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ferry workers across the Calder Strait walk out over pay");
    await expect(page.getByText("Ferry crews on the Calder Strait stopped work at first light")).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "World news" })).toBeVisible();
    await expect(page.getByTestId("donation").getByRole("link", { name: "Give $10 by Credit card" })).toBeVisible();
    expect(await page.getByTestId("related").getByRole("article").count()).toBeGreaterThanOrEqual(3);
    await expect(page.locator('[data-check-also="inline"]').getByRole("link")).toBeVisible();
    // the end-of-article card is a plain, visible link in the flow of the page
    const card = page.getByTestId("check-also-card");
    await expect(card.getByRole("link")).toBeVisible();
    await expect(card.getByRole("button", { name: "Close" })).toBeHidden();
    await card.getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  });

  test("pagination links work", async ({ page }) => {
    const headlines = () => page.locator("main article").getByRole("heading").allInnerTexts();
    await page.goto("/news");
    const first = await headlines();
    await page.getByRole("navigation", { name: "Pagination" }).getByRole("link", { name: /Older/ }).click();
    await expect(page).toHaveURL(/\/news\/page\/2$/);
    const second = await headlines();
    expect(second.length).toBeGreaterThan(0);
    // Page 2 continues the list: none of its stories were on page 1.
    expect(second.filter((h) => first.includes(h))).toEqual([]);
  });

  test("the custom donation amount works as a plain form", async ({ page }) => {
    await page.route("https://donate.example/**", (route) => route.fulfill({ status: 200, contentType: "text/plain", body: "checkout" }));
    await page.goto("/news/world-news/calder-strait-ferry-strike");
    await page.getByLabel(/Other amount/).fill("7");
    await page.getByRole("button", { name: "Give" }).click();
    await expect(page).toHaveURL("https://donate.example/checkout?amount=7&currency=USD");
  });
});
