/**
 * The site built with CONTENT_SOURCE=wordpress against the seeded test WordPress
 * (scripts/wordpress/setup.sh). Skipped unless WORDPRESS_URL is set and the server under test reads
 * WordPress: run it with scripts/wordpress/playwright.config.ts (scripts/wordpress/ci.sh does).
 */
import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import path from "node:path";

const ENABLED = Boolean(process.env.WORDPRESS_URL) && process.env.CONTENT_SOURCE === "wordpress";
const SECRET = process.env.PREVIEW_SECRET ?? "";

// In order: the last test takes WordPress down and brings it back.
test.describe.configure({ mode: "serial" });

test.describe("WordPress content source", () => {
  test.skip(!ENABLED, "needs WORDPRESS_URL and CONTENT_SOURCE=wordpress (scripts/wordpress/ci.sh)");

  test("an article renders its category breadcrumb, WordPress author bio and featured image", async ({ page }) => {
    const response = await page.goto("/news/local/harbour-dredging-plan");
    expect(response?.status()).toBe(200);
    // The title arrives as "Council &#038; port …" and is decoded once.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Council & port agree harbour dredging plan");

    const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
    await expect(crumbs.getByRole("link")).toHaveText(["Home", "News", "Local"]);
    await expect(crumbs.getByRole("link", { name: "Local" })).toHaveAttribute("href", "/news/local");

    const bio = page.getByTestId("author-bio");
    await expect(bio).toContainText("Marta Okafor covers the harbour, the town council & anything that floats.");
    await expect(bio.getByRole("img", { name: "Marta Okafor" })).toBeVisible();

    const image = page.getByRole("img", { name: "A dredger working in the outer harbour" });
    await expect(image).toBeVisible();
    await expect(image).toHaveAttribute("src", /\/_next\/image\?url=.*wp-content%2Fuploads%2F.*harbour-dredging-plan\.png/);
    expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await expect(page.locator("figcaption")).toContainText("Dredging will start in the outer basin");

    // The sanitiser ran on content.rendered: the subheadings have ids, nothing executable survives.
    await expect(page.locator("h2#why-now")).toHaveText(/Why now/);
  });

  test("entities decode in headlines and section names; old slugs redirect", async ({ page, request }) => {
    await page.goto("/culture/lighthouse-choir-album");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("The lighthouse choir\u2019s first album");
    await expect(page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Arts & Culture" })).toBeVisible();
    const moved = await request.get("/news/local/dredging-plan-old", { maxRedirects: 0 });
    expect(moved.status()).toBe(301);
    expect(moved.headers().location).toMatch(/\/news\/local\/harbour-dredging-plan$/);
  });

  test("a draft is hidden from readers and shown in preview", async ({ page }) => {
    expect((await page.request.get("/news/local/secret-harbour-deal", { maxRedirects: 0, timeout: 10_000 })).status()).toBe(404);
    await page.goto(`/api/draft?secret=${encodeURIComponent(SECRET)}&slug=secret-harbour-deal`);
    await expect(page).toHaveURL(/\/news\/local\/secret-harbour-deal$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Secret harbour deal under review");
    // Standfirst and body both start with it.
    await expect(page.getByText("A draft about the zephyrine agreement").first()).toBeVisible();
  });

  test("WordPress down: cached pages still served, an uncached page is a 503 with a real page, then recovery", async ({ request }) => {
    test.setTimeout(120_000);
    const scripts = path.resolve(__dirname, "../scripts/wordpress");
    expect((await request.get("/news/local/harbour-dredging-plan")).status()).toBe(200);
    execFileSync(path.join(scripts, "stop.sh"), { stdio: "ignore" });
    try {
      const cached = await request.get("/news/local/harbour-dredging-plan");
      expect(cached.status()).toBe(200);
      expect(await cached.text()).toContain("Council &amp; port agree harbour dredging plan");

      const uncached = await request.get("/search?q=outage-probe-zzz", { headers: { Accept: "text/html" } });
      expect(uncached.status()).toBe(503);
      expect(Number(uncached.headers()["retry-after"])).toBeGreaterThan(0);
      expect(uncached.headers()["cache-control"]).toContain("no-store");
      const body = await uncached.text();
      expect(body).toMatch(/not available right now/);
      expect(body).not.toMatch(/\bat .+\.(js|ts):\d+/); // no stack trace

      // Whatever the client accepts, on pages the proxy cannot resolve and on crawler documents
      // WordPress never answered before: 503 with Retry-After, never 500, never cached.
      for (const path of ["/news/local/never-requested-story", "/culture/never-requested-either", "/authors/no-one-asked/feed.xml", "/news-sitemap.xml"]) {
        for (const accept of ["*/*", "text/html", "application/xml", undefined]) {
          const res = await request.get(path, { headers: accept ? { Accept: accept } : {}, maxRedirects: 0 });
          expect(res.status(), `${path} (Accept: ${accept ?? "none"})`).toBe(503);
          expect(Number(res.headers()["retry-after"]), path).toBeGreaterThan(0);
          expect(res.headers()["cache-control"], path).toContain("no-store");
          expect(await res.text(), path).not.toMatch(/\bat .+\.(js|ts):\d+/);
        }
      }
    } finally {
      execFileSync(path.join(scripts, "start.sh"), { stdio: "ignore" });
    }
    // Recovery is automatic: no restart of the site.
    await expect
      .poll(async () => (await request.get("/search?q=outage-probe-zzz", { headers: { Accept: "text/html" } })).status(), { timeout: 60_000, intervals: [1000, 2000, 5000] })
      .toBe(200);
  });
});
