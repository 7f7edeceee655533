import { expect, test, type Page } from "@playwright/test";

/** Two animation frames: IntersectionObserver callbacks for what just scrolled into view have run. */
const afterObserversRan = (page: Page) =>
  page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));

const ARTICLE = "/news/world-news/calder-strait-ferry-strike";
const TITLE = "Ferry workers across the Calder Strait walk out over pay";

test.describe("the article page", () => {
  test("1. breadcrumb: Home › News › World news › title, with working links", async ({ page }) => {
    await page.goto(ARTICLE);
    const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
    const items = crumbs.getByRole("listitem");
    await expect(items).toHaveCount(4);
    await expect(items.nth(0).getByRole("link")).toHaveText("Home");
    await expect(items.nth(1).getByRole("link")).toHaveAttribute("href", "/news");
    await expect(items.nth(2).getByRole("link")).toHaveAttribute("href", "/news/world-news");
    const current = items.nth(3).locator('[aria-current="page"]');
    await expect(current).toHaveText(TITLE);
    await expect(items.nth(3).getByRole("link")).toHaveCount(0);
    await items.nth(2).getByRole("link").click();
    await expect(page).toHaveURL(/\/news\/world-news$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("World news");
    await page.goBack();
    await crumbs.getByRole("link", { name: "News", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("News");
  });

  test("2. header: section, one h1, standfirst, linked byline, times, reading time, tags", async ({ page }) => {
    await page.goto(ARTICLE);
    const header = page.locator("article header").first();
    await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
    await expect(header.getByRole("link", { name: "World news" })).toHaveAttribute("href", "/news/world-news");
    await expect(header.getByText(/^Crews on the busiest short-sea crossing/)).toBeVisible();
    await expect(header.getByRole("link", { name: "Tobias Lindqvist" })).toHaveAttribute("href", "/authors/tobias-lindqvist");
    const times = header.locator("time");
    await expect(times).toHaveCount(2);
    await expect(times.nth(0)).toHaveAttribute("datetime", "2026-09-01T07:30:00.000Z");
    await expect(times.nth(1)).toHaveAttribute("datetime", "2026-09-01T16:05:00.000Z");
    await expect(header).toContainText("Updated");
    await expect(header).toContainText(/\d+ min read/);
    await header.getByRole("list", { name: "Tags" }).getByRole("link", { name: "Ferries" }).click();
    await expect(page).toHaveURL(/\/tags\/ferries$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tag: Ferries");
  });

  test("2b. an article never updated shows only its published time", async ({ page }) => {
    await page.goto("/news/local/school-flood-drill");
    await expect(page.locator("article header time")).toHaveCount(1);
    await expect(page.locator("article header")).not.toContainText("Updated");
  });

  test("3. featured image: sized, described, captioned and credited, loaded eagerly", async ({ page }) => {
    await page.goto(ARTICLE);
    const figure = page.locator("article figure").first();
    const img = figure.getByRole("img");
    await expect(img).toHaveAttribute("alt", /Two ferries moored side by side/);
    await expect(img).toHaveAttribute("width", "1200");
    await expect(img).toHaveAttribute("height", "675");
    await expect(img).toHaveAttribute("fetchpriority", "high");
    await expect(figure.locator("figcaption")).toContainText("Ferries remained tied up at the terminal");
    await expect(figure.locator("figcaption")).toContainText("Illustration: The Harbour Ledger");
    expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
  });

  test("4. body: subheadings with stable ids and self-links; a table of contents for long stories only", async ({ page }) => {
    await page.goto(ARTICLE);
    const h2 = page.getByRole("heading", { level: 2, name: /A crossing that rarely stops/ });
    await expect(h2).toHaveAttribute("id", "a-crossing-that-rarely-stops");
    await expect(h2.getByRole("link")).toHaveAttribute("href", "#a-crossing-that-rarely-stops");
    // Four subheadings, but a two-minute read: no outline (components/TableOfContents.tsx).
    await expect(page.getByRole("navigation", { name: "In this article" })).toHaveCount(0);
    await page.goto("/culture/ten-boats-one-harbour"); // a longer read (three minutes and more) with five subheadings
    const toc = page.getByRole("navigation", { name: "In this article" });
    await expect(toc.getByRole("link")).toHaveCount(5);
    const second = toc.getByRole("link").nth(1);
    const target = (await second.getAttribute("href"))!;
    await second.click();
    await expect(page).toHaveURL(new RegExp(`${target}$`));
    await expect(page.locator(target)).toBeInViewport();
  });

  test("4b. no table of contents with fewer than three subheadings", async ({ page }) => {
    await page.goto("/news/local/school-flood-drill");
    await expect(page.getByRole("heading", { level: 2, name: "Why now" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "In this article" })).toHaveCount(0);
  });

  test("5a. an inline 'Check also' link to another article sits inside the body", async ({ page }) => {
    await page.goto(ARTICLE);
    const inline = page.locator('[data-check-also="inline"]');
    await expect(inline).toContainText("Check also:");
    const href = await inline.getByRole("link").getAttribute("href");
    expect(href).toMatch(/^\/[a-z-]+(\/[a-z-]+)*$/);
    expect(href).not.toBe(ARTICLE);
    // after the second paragraph of the body
    const position = await inline.evaluate((el) => {
      let p = 0;
      for (let n = el.previousElementSibling?.lastElementChild ?? null; n; n = n.previousElementSibling) if (n.tagName === "P") p++;
      return p;
    });
    expect(position).toBe(2);
    await inline.getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(`${href}$`));
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  });

  test("5b. the 'Check also' card slides in at the end, closes with the mouse and Escape, and stays closed", async ({ page }) => {
    await page.goto(ARTICLE);
    const card = page.getByTestId("check-also-card");
    await expect(card).toBeHidden();
    await expect(card).toHaveAttribute("data-open", "false");
    // Where the story ends in the page: what comes later (the most-read list, the sign-up form) may be
    // brought up to date meanwhile, but the card opening must not move the story.
    const storyEnd = () => page.evaluate(() => document.getElementById("article-end")!.getBoundingClientRect().top + window.scrollY);
    const layoutBefore = await storyEnd();
    await page.locator("#article-end").scrollIntoViewIfNeeded();
    await expect(card).toBeVisible();
    await expect(card).toHaveAttribute("data-open", "true");
    await expect(card.getByRole("link")).toHaveAttribute("href", /^\/.+/);
    // out of the flow (in the margin at this width): opening it moves nothing in the page
    expect(await storyEnd()).toBe(layoutBefore);
    expect(["fixed", "absolute"]).toContain(await card.evaluate((el) => getComputedStyle(el).position));
    await page.keyboard.press("Escape");
    await expect(card).toBeHidden();
    // stays closed for the rest of the visit, also on the next article
    await expect(card).toHaveAttribute("data-dismissed", "true");
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator("#article-end").scrollIntoViewIfNeeded();
    await afterObserversRan(page);
    await expect(card).toBeHidden();
    await page.goto("/news/local/harbour-bridge-reopens");
    const next = page.getByTestId("check-also-card");
    // The island has read the visit's choice (a positive signal, not a pause)…
    await expect(next).toHaveAttribute("data-dismissed", "true");
    await page.locator("#article-end").scrollIntoViewIfNeeded();
    await afterObserversRan(page);
    // …so reaching the end of the article does not open it.
    await expect(next).toHaveAttribute("data-open", "false");
    await expect(next).toBeHidden();
  });

  test("5c. the card's close button works with the mouse", async ({ page }) => {
    await page.goto(ARTICLE);
    await page.locator("#article-end").scrollIntoViewIfNeeded();
    const card = page.getByTestId("check-also-card");
    await expect(card).toBeVisible();
    await card.getByRole("button", { name: "Close" }).click();
    await expect(card).toBeHidden();
  });

  test("6. donation box: not a paywall, one row of amounts with the ways to pay below as tabs, custom amount", async ({ page }) => {
    await page.goto(ARTICLE);
    const box = page.getByTestId("donation");
    await expect(box.getByRole("heading", { name: "Keep the Ledger afloat" })).toBeVisible();
    await expect(box).toContainText("This is not a paywall");
    // One row of amounts (the first way's), never one row per way.
    const amounts = box.getByRole("link", { name: /^Give / });
    await expect(amounts.filter({ visible: true })).toHaveCount(4);
    await expect(box.getByRole("link", { name: "Give $5 by Credit card" })).toHaveAttribute(
      "href",
      "https://donate.example/checkout?amount=5&currency=USD",
    );
    const ways = box.getByTestId("donation-ways");
    await expect(ways.getByRole("radio", { name: "Credit card" })).toBeChecked();
    const tops = await amounts.filter({ visible: true }).evaluateAll((as) => as.map((a) => Math.round(a.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);
    expect((await ways.boundingBox())!.y).toBeGreaterThan(tops[0]);
    // Choosing a way changes where the same row of amounts leads.
    await ways.getByText("PayPal").click();
    await expect(amounts.filter({ visible: true })).toHaveCount(4);
    await expect(box.getByRole("link", { name: "Give $25 by PayPal" })).toBeVisible();
    await expect(box.getByRole("link", { name: "Give $25 by PayPal" })).toHaveAttribute(
      "href",
      "https://www.paypal.com/donate?business=news%40harbour-ledger.example&amount=25&currency_code=USD",
    );
    await expect(box.getByRole("link", { name: "Give $25 by Credit card" })).toBeHidden();
    // keyboard: the custom amount form is reachable and hands over to the provider
    await page.route("https://www.paypal.com/**", (route) => route.fulfill({ status: 200, contentType: "text/plain", body: "PayPal stand-in" }));
    await box.getByLabel(/Other amount/).fill("12.50");
    await box.getByLabel("Pay with").selectOption({ label: "PayPal" });
    await box.getByRole("button", { name: "Give" }).focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL("https://www.paypal.com/donate?business=news%40harbour-ledger.example&amount=12.5&currency_code=USD");
  });

  test("6b. no donation box when the article opts out", async ({ page }) => {
    await page.goto("/news/election-guide-port-wren");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByTestId("donation")).toHaveCount(0);
  });

  test("7. author bio boxes: avatar, role, bio, links; none for an author without a bio", async ({ page }) => {
    await page.goto("/news/election-guide-port-wren");
    const maren = page.getByRole("region", { name: "About Maren Okafor" });
    await expect(maren.getByRole("img")).toHaveAttribute("src", /maren-okafor\.svg/);
    await expect(maren).toContainText("Editor");
    await expect(maren.getByRole("link", { name: "Website" })).toHaveAttribute("href", "https://marenokafor.example");
    await expect(maren.getByRole("link", { name: "More from Maren Okafor" })).toHaveAttribute("href", "/authors/maren-okafor");
    await expect(page.getByRole("region", { name: "About Ines Calloway" })).toBeVisible();

    await page.goto("/sport/regatta-results");
    await expect(page.getByRole("region", { name: "About Dev Ramanathan" })).toBeVisible();
    await expect(page.getByText("About Ada Fenwick")).toHaveCount(0);
  });

  test("8. three or four related cards linking to other visible articles", async ({ page }) => {
    await page.goto("/news/local/harbour-bridge-reopens");
    const related = page.getByTestId("related");
    const cards = related.getByRole("article");
    expect(await cards.count()).toBeGreaterThanOrEqual(3);
    expect(await cards.count()).toBeLessThanOrEqual(4);
    const hrefs = await related.getByRole("link").evaluateAll((els) => els.map((e) => e.getAttribute("href")));
    expect(hrefs).not.toContain("/news/local/harbour-bridge-reopens");
    // editor picks come first
    expect(hrefs[0]).toBe("/news/local/town-council-budget-vote");
    expect(hrefs[1]).toBe("/news/local/ferry-winter-timetable");
    for (const href of hrefs) expect((await page.request.get(href!)).status()).toBe(200);
    await expect(cards.first().locator("time")).toHaveCount(1);
  });

  test("9. share links are plain URLs, and copy link copies", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto(ARTICLE);
    const share = page.getByRole("region", { name: "Share this article" });
    const url = encodeURIComponent(`https://harbour-ledger.example${ARTICLE}`);
    await expect(share.getByRole("link", { name: /^X/ })).toHaveAttribute("href", new RegExp(`^https://x\\.com/intent/post\\?url=${url.replace(/[.%]/g, "\\$&")}`));
    await expect(share.getByRole("link", { name: /^Facebook/ })).toHaveAttribute("href", `https://www.facebook.com/sharer/sharer.php?u=${url}`);
    await expect(share.getByRole("link", { name: /^LinkedIn/ })).toHaveAttribute("href", `https://www.linkedin.com/sharing/share-offsite/?url=${url}`);
    await expect(share.getByRole("link", { name: /^WhatsApp/ })).toHaveAttribute("href", /^https:\/\/wa\.me\/\?text=/);
    await expect(share.getByRole("link", { name: "Email" })).toHaveAttribute("href", /^mailto:\?subject=/);
    await share.getByRole("link", { name: "Copy link" }).click();
    await expect(share.getByRole("link", { name: "Link copied" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`https://harbour-ledger.example${ARTICLE}`);
    const scripts = await page.locator("script[src]").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).src));
    for (const src of scripts) expect(new URL(src).host).toBe(new URL(page.url()).host);
  });

  test("an old slug and a wrong section answer a permanent redirect to the canonical URL", async ({ request }) => {
    for (const from of ["/news/local/harbour-bridge-to-reopen", "/culture/harbour-bridge-reopens"]) {
      const res = await request.get(from, { maxRedirects: 0 });
      expect(res.status()).toBe(301);
      expect(new URL(res.headers()["location"], "http://x").pathname).toBe("/news/local/harbour-bridge-reopens");
    }
  });
});
