import { expect, test } from "@playwright/test";

test("an article shows its headline and body in Chromium", async ({ page }) => {
  const response = await page.goto("/news/world-news/calder-strait-ferry-strike");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ferry workers across the Calder Strait walk out over pay");
  await expect(page.getByText("Ferry crews on the Calder Strait stopped work at first light")).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /A crossing that rarely stops/ })).toBeVisible();
});

test("the home page lists the newest articles and the section navigation", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  const nav = page.getByRole("navigation", { name: "Sections", exact: true });
  await expect(nav.getByRole("link", { name: "News", exact: true })).toHaveAttribute("href", "/news");
  await expect(nav.getByRole("link", { name: "Culture", exact: true })).toBeVisible();
  const firstCard = page.locator("main article").first();
  const title = await firstCard.getByRole("heading").innerText();
  await firstCard.getByRole("link").first().click();
  await expect(page).toHaveURL(/^[^?#]*\/[a-z0-9-]+\/[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
});

test("unknown paths answer 404 with the site's not-found page", async ({ page }) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("We can’t find that page");
});

test("drafts and scheduled articles are not served to readers", async ({ request }) => {
  expect((await request.get("/news/local/draft-budget-leak")).status()).toBe(404);
  const home = await (await request.get("/")).text();
  expect(home).not.toContain("Council weighs secret ferry subsidy");
  expect(home).not.toContain("Lighthouse museum to open in 2030");
});
