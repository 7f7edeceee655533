import { expect, test } from "@playwright/test";

// The English site as one edition among three (site.yml `editions`, the ocean-pact story's
// `translations`). The Arabic and French sites have their own suite: e2e/editions/.
const STORY = "/news/world-news/ocean-pact-signed-at-belmaris";
const SITE = "https://harbour-ledger.example";
const ARABIC = "https://ar.harbour-ledger.example/akhbar/alam/mithaq-al-muhit";
const FRENCH = "https://fr.harbour-ledger.example/actualites/monde/pacte-oceanique-belmaris";

test.describe("without JavaScript (the numbered links are the pagination then)", () => {
  test.use({ javaScriptEnabled: false });
  test("the English site is English, left to right, and its arrows point right", async ({ page }) => {
    await page.goto("/news");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
    const older = page.getByRole("navigation", { name: "Pagination" }).getByRole("link", { name: "Older" });
    await expect(older).toHaveText(/Older\s*→/);
    expect(await older.locator('[aria-hidden="true"]').evaluate((el) => getComputedStyle(el).scale)).toBe("none");
  });
});

test("a translated story names its editions: hreflang with x-default, og:locale, the switcher", async ({ page, request }) => {
  const html = await (await request.get(STORY)).text();
  expect(html).toContain(`<link rel="alternate" hrefLang="en" href="${SITE}${STORY}"/>`);
  expect(html).toContain(`<link rel="alternate" hrefLang="ar" href="${ARABIC}"/>`);
  expect(html).toContain(`<link rel="alternate" hrefLang="fr" href="${FRENCH}"/>`);
  expect(html).toContain(`<link rel="alternate" hrefLang="x-default" href="${SITE}${STORY}"/>`);
  expect(html).toContain('<meta property="og:locale" content="en_US"/>');
  expect(html).toContain('<meta property="og:locale:alternate" content="ar_EG"/>');

  await page.goto(STORY);
  const editions = page.getByRole("navigation", { name: "Editions" });
  await expect(editions.getByRole("link", { name: "العربية" })).toHaveAttribute("href", ARABIC);
  await expect(editions.getByRole("link", { name: "Français" })).toHaveAttribute("href", FRENCH);
  // Client-side navigation to a story without translations: back to the editions' home pages.
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Home" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(editions.getByRole("link", { name: "العربية" })).toHaveAttribute("href", "https://ar.harbour-ledger.example/");
});

test("the sitemap lists the story's translations and the editions' home pages", async ({ request }) => {
  const xml = await (await request.get("/sitemap.xml")).text();
  expect(xml).toContain('xmlns:xhtml="http://www.w3.org/1999/xhtml"');
  const story = xml.split("<url>").find((u) => u.includes(`<loc>${SITE}${STORY}</loc>`))!;
  expect(story).toContain(`<xhtml:link rel="alternate" hreflang="ar" href="${ARABIC}"/>`);
  expect(story).toContain(`<xhtml:link rel="alternate" hreflang="x-default" href="${SITE}${STORY}"/>`);
  const home = xml.split("<url>").find((u) => u.includes(`<loc>${SITE}/</loc>`))!;
  expect(home).toContain('<xhtml:link rel="alternate" hreflang="fr" href="https://fr.harbour-ledger.example/"/>');
});
