import { expect, test } from "@playwright/test";

test("home: a lead story, then the latest per top-level section", async ({ page }) => {
  await page.goto("/");
  const lead = page.getByRole("region", { name: "Lead story" });
  await expect(lead.getByRole("heading", { level: 3 })).toHaveCount(1);
  for (const name of ["News", "Culture", "Sport"]) {
    const section = page.getByRole("region", { name, exact: true });
    // The arrow is decoration (aria-hidden; it points the reading way), not part of the link's name.
    await expect(section.getByRole("link", { name: `More in ${name}`, exact: true })).toBeVisible();
    expect(await section.getByRole("article").count()).toBeGreaterThan(0);
  }
});

test("section: title, description, subsections, newest first, path pagination", async ({ page, request }) => {
  await page.goto("/news");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("News");
  const subsections = page.getByRole("navigation", { name: "News subsections" });
  await expect(subsections.getByRole("link", { name: "World news" })).toHaveAttribute("href", "/news/world-news");
  await expect(subsections.getByRole("link", { name: "Local" })).toHaveAttribute("href", "/news/local");
  // The publication date of each card (a corrected article's card also says when it was updated).
  // (A running live blog's card says when it was last updated instead: not a publication date.)
  const dates = await page.locator("main article:not(:has(.live-dot)) time:first-of-type").evaluateAll((els) => els.map((e) => e.getAttribute("datetime")!));
  expect(await page.locator("main article").count()).toBe(12);
  expect([...dates].sort().reverse()).toEqual(dates);
  // articles of subsections are listed too
  await expect(page.locator("main article").getByText("World news", { exact: true }).first()).toBeVisible();

  // With JavaScript "Load more" is the one control on screen (e2e/islands.spec.ts); the links are
  // still in the page for crawlers and readers without it (e2e/quality.spec.ts clicks them there).
  await expect(page.locator('nav.pagination a[rel="next"]')).toHaveAttribute("href", "/news/page/2");
  await page.goto("/news/page/2");
  await expect(page).toHaveURL(/\/news\/page\/2$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("page 2");
  await expect(page.locator('nav.pagination a[rel="prev"]')).toHaveAttribute("href", "/news");
  const page2Dates = await page.locator("main article time").evaluateAll((els) => els.map((e) => e.getAttribute("datetime")!));
  expect(page2Dates[0] < dates[dates.length - 1]).toBe(true);

  for (const bad of ["/news/page/0", "/news/page/-1", "/news/page/abc", "/news/page/99", "/news/page/1.5", "/news/page/99999999999999999999"]) {
    expect((await request.get(bad)).status(), bad).toBe(404);
  }
  const first = await request.get("/news/page/1", { maxRedirects: 0 });
  expect(first.status()).toBe(301);
  expect(first.headers()["location"]).toMatch(/\/news$/);
});

test("author page: bio and their articles; unknown author is 404", async ({ page, request }) => {
  await page.goto("/authors/maren-okafor");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Maren Okafor");
  await expect(page.getByText("Editor", { exact: true })).toBeVisible();
  expect(await page.locator("main article").count()).toBeGreaterThan(1);
  expect((await request.get("/authors/nobody-here")).status()).toBe(404);
  expect((await request.get("/authors/maren-okafor/page/2")).status()).toBe(404);
});

test("tag page lists tagged articles; unknown tag is 404", async ({ page, request }) => {
  await page.goto("/tags/harbour");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tag: Harbour");
  expect(await page.locator("main article").count()).toBeGreaterThanOrEqual(3);
  expect((await request.get("/tags/no-such-tag")).status()).toBe(404);
});

test("not-found page: 404 status, search box and latest articles in the server HTML", async ({ request, page }) => {
  const res = await request.get("/news/world-news/not-a-real-story");
  expect(res.status()).toBe(404);
  const html = await res.text();
  expect(html).toContain("We can’t find that page");
  expect(html).toContain('name="q"');
  expect(html).toContain("Latest articles");
  await page.goto("/nope");
  await page.getByRole("main").getByRole("searchbox").fill("ferry");
  await page.getByRole("main").getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/search\?q=ferry/);
});

test("skip link moves focus to the content", async ({ page }) => {
  await page.goto("/news");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
});

test("dark mode follows the system, the toggle persists, and there is no flash of the wrong theme", async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: "dark" });
  const page = await context.newPage();
  // The theme is decided before first paint: check the very first HTML the browser renders.
  await page.goto("/", { waitUntil: "commit" });
  await page.waitForSelector("body");
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
  const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(bg).toBe("rgb(16, 19, 24)");
  const toggle = page.getByRole("button", { name: "Dark theme" });
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await page.reload();
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("light");
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe("rgb(255, 255, 255)");
  await context.close();
});

test("print: navigation, donation, share and slide-in hidden; images printed; link URLs shown", async ({ page }) => {
  await page.goto("/news/world-news/calder-strait-ferry-strike");
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Sections", exact: true })).toBeHidden();
  await expect(page.getByTestId("donation")).toBeHidden();
  await expect(page.getByRole("region", { name: "Share this article" })).toBeHidden();
  await expect(page.getByTestId("check-also-card")).toBeHidden();
  await expect(page.locator("article figure img").first()).toBeVisible();
  const after = await page
    .locator('.prose a[href^="http"], .prose a[href^="/"]')
    .first()
    .evaluate((a) => getComputedStyle(a, "::after").content);
  expect(after).toContain("(");
});

test("phone: the section navigation opens and reaches nested sections", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto("/");
  await page.getByRole("banner").getByText("Menu").click();
  const tree = page.getByTestId("site-menu");
  await tree.getByRole("link", { name: "World news" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("World news");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  expect(overflow).toBe(false);
  await context.close();
});
