/**
 * Issue 31, "SMTP_URL unset → no sign-up forms shown, nothing else changes", over real HTTP and in
 * Chromium. The Arabic and French sample sites declare two newsletters in their site.yml and are
 * built and served without SMTP_URL (e2e/editions/env.json): the lists exist, the mail server does
 * not, so nothing of the newsletters may show or answer — and the pages around them stay whole.
 */
import { expect, test, type APIRequestContext } from "@playwright/test";

const SIGN_UP = 'form[action="/api/newsletters/subscribe"]';

/** Every newsletter path a reader, a mail client or a bot could reach, and what it must answer. */
async function expectNoNewsletterEndpoints(request: APIRequestContext) {
  for (const path of ["/newsletters", "/newsletters/check-inbox", "/newsletters/confirmed", "/newsletters/preferences?token=x", "/newsletters/editions/00000000-0000-0000-0000-000000000000"]) {
    expect((await request.get(path, { maxRedirects: 0 })).status(), path).toBe(404);
  }
  // A sign-up posted anyway (a stale page, a bot): refused as absent, nothing recorded, no cookie.
  const posted = await request.post("/api/newsletters/subscribe", {
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    data: "email=someone%40inbox.test&list=morning-briefing",
    maxRedirects: 0,
  });
  expect(posted.status()).toBe(404);
  expect(posted.headers()["set-cookie"]).toBeUndefined();
  const oneClick = await request.post("/api/newsletters/unsubscribe?token=x", { headers: { "content-type": "application/x-www-form-urlencoded" }, data: "List-Unsubscribe=One-Click", maxRedirects: 0 });
  expect(oneClick.status()).toBe(404);
  // Not advertised to crawlers either.
  const sitemaps = await request.get("/sitemap.xml");
  expect(sitemaps.status()).toBe(200);
  for (const child of [...(await sitemaps.text()).matchAll(/<loc>https?:\/\/[^/<]+(\/[^<]*)<\/loc>/g)].map((m) => m[1])) {
    expect(await (await request.get(child)).text(), child).not.toMatch(/\/newsletters\b/);
  }
}

/**
 * Registers the test for one edition: `article` is a story with a donation box, `pages` the home and
 * a section page (the footer is on every page).
 */
export function noMailServerTest(article: string, pages: string[]) {
  test("without SMTP_URL no sign-up form is shown anywhere, no newsletter address answers, and the pages stay whole", async ({ page, request }) => {
    test.setTimeout(90_000);
    await page.goto(article);
    // The article's end as it is without newsletters: the story, then the donation box, then the rest.
    await expect(page.locator("#article-end")).toHaveCount(1);
    const donation = page.getByTestId("donation");
    await expect(donation).toBeVisible();
    await expect(donation.getByRole("link").first()).toBeVisible();
    await expect(page.locator("footer").last()).toBeVisible();
    await expect(page.locator("footer").last().getByRole("link").first()).toBeVisible();
    for (const path of [article, ...pages]) {
      if (path !== article) await page.goto(path);
      await expect(page.locator("main"), path).toBeVisible();
      // No form, no box, no honeypot, no link to a newsletter page — in the article end, the footer or anywhere.
      await expect(page.locator(`${SIGN_UP}, [data-testid^="newsletter"], input[name="website"], a[href^="/newsletters"]`), path).toHaveCount(0);
      expect(await page.content(), path).not.toContain("/api/newsletters");
    }
    await expectNoNewsletterEndpoints(request);
  });
}
