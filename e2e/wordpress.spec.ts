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

  test("top-level WordPress pages are standing pages, placed in the header or footer by their meta", async ({ page }) => {
    const response = await page.goto("/about");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("About the Courier");
    await expect(page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link")).toHaveText(["Home"]);
    await expect(page.locator("h2#who-owns-us")).toHaveText(/Who owns us/);
    await expect(page.getByText(/^Last updated/).locator("time")).toHaveAttribute("datetime", "2026-09-01T09:00:00.000Z");
    await expect(page.getByRole("navigation", { name: "About the newsroom" }).getByRole("link")).toHaveText(["About the Courier"]);
    const footer = page.getByRole("navigation", { name: "About The Ellery Cove Courier" });
    await expect(footer.getByRole("link", { name: "Contact the newsroom" })).toHaveAttribute("href", "/contact");
    await expect(footer.getByRole("link", { name: "Ethics and standards" })).toHaveCount(0); // nav: none
    expect((await page.request.get("/ethics")).status()).toBe(200);
  });

  test("a draft page is a 404 for readers and shows in preview", async ({ page }) => {
    expect((await page.request.get("/annual-report", { maxRedirects: 0 })).status()).toBe(404);
    await page.goto(`/api/draft?secret=${encodeURIComponent(SECRET)}&page=annual-report`);
    await expect(page).toHaveURL(/\/annual-report$/);
    await expect(page.getByRole("region", { name: "Preview" })).toContainText("Preview — draft");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Annual report");
  });

  test("kinds and corrections come from the post meta: label, dated notices, /corrections", async ({ page }) => {
    await page.goto("/news/world-news/north-sea-quota-talks");
    await expect(page.locator("article header").first()).toHaveAttribute("data-kind", "analysis");
    const notices = page.getByRole("complementary", { name: "Corrections to this article" }).getByRole("listitem");
    await expect(notices).toHaveCount(2);
    await expect(notices.nth(0)).toContainText("the wrong year for the last agreement");
    await expect(notices.nth(0).locator("time")).toHaveAttribute("datetime", "2026-11-03T12:00:00.000Z");
    await page.goto("/corrections");
    const entries = page.getByTestId("corrections-list").getByRole("listitem");
    await expect(entries).toHaveCount(3);
    await expect(entries.nth(0)).toContainText("North Sea fishing quota talks stall");
    await expect(page.getByTestId("corrections-list")).not.toContainText("Secret harbour deal");
  });

  test("body media from WordPress blocks: facades that load nothing until asked, sized images, gallery, pull quote, table, audio", async ({ page, browser }) => {
    const external: string[] = [];
    page.on("request", (r) => {
      if (!["127.0.0.1", "localhost"].includes(new URL(r.url()).hostname)) external.push(r.url());
    });
    const response = await page.goto("/culture/equinox-gale-in-pictures");
    expect(response?.status()).toBe(200);
    // The CSP frames exactly this page's two providers.
    const frameSrc = /(?:^|;\s*)frame-src ([^;]*)/.exec(response!.headers()["content-security-policy"])![1].trim().split(/\s+/).sort();
    expect(frameSrc).toEqual(["https://platform.twitter.com", "https://www.youtube-nocookie.com"]);

    // The YouTube embed block (oEmbed iframe in WordPress) and the X embed block (blockquote + widgets.js).
    const video = page.locator('figure[data-embed-provider="youtube"]');
    await expect(video.getByRole("link", { name: "Play on YouTube" })).toHaveAttribute("href", "https://www.youtube.com/watch?v=Pw7Rb2kQx0A");
    await expect(video.locator("figcaption")).toHaveText("Waves over the pier wall at two in the morning.");
    const post = page.locator('figure[data-embed-provider="x"]');
    await expect(post.getByText("Gusts of seventy knots at the point.")).toBeVisible();
    await expect(post.getByRole("link", { name: "View post on X" })).toHaveAttribute("href", "https://x.com/ellerycovecg/status/1836000000000000001");
    expect(await page.locator("article iframe, article script").count()).toBe(0);

    // Image block with WordPress's srcset, a gallery of three, a pull quote, a table that scrolls, audio.
    const images = page.locator("article .prose img");
    await expect(images).toHaveCount(4);
    for (const img of await images.all()) {
      await expect(img).toHaveAttribute("width", "800");
      await expect(img).toHaveAttribute("height", "450");
      await expect(img).toHaveAttribute("srcset", /^http:\/\/127\.0\.0\.1:\d+\/wp-content\/uploads\/.+ 800w, .+ 300w, .+ 768w$/);
    }
    await expect(page.locator("figure.gallery figure img")).toHaveCount(3);
    await expect(page.locator("figure.pullquote cite")).toHaveText("Agnes Pell, Quay Row");
    await expect(page.getByRole("region", { name: "Readings at the pier gauge through Sunday night." }).locator("tbody tr")).toHaveCount(5);
    const audio = page.locator("article audio");
    await expect(audio).toHaveAttribute("controls", "");
    await expect(audio).toHaveAttribute("preload", "none");
    await expect(audio).toHaveAttribute("src", /\/wp-content\/uploads\/.+\/foghorn\.wav$/);
    await page.waitForLoadState("networkidle");
    expect(external).toEqual([]);

    // A click: the privacy-enhanced player, allowed by the page's CSP (the stub page loads in it).
    await page.route("https://www.youtube-nocookie.com/**", (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<p>Stub player</p>" }));
    await video.getByRole("button", { name: "Play here: Waves over the pier wall, Ellery Cove (YouTube)" }).click();
    await expect(video.locator("iframe")).toHaveAttribute("src", "https://www.youtube-nocookie.com/embed/Pw7Rb2kQx0A?autoplay=1");
    await expect(page.frameLocator('figure[data-embed-provider="youtube"] iframe').getByText("Stub player")).toBeVisible();

    // Without JavaScript the facade's link is the way.
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noJs.newPage();
    await plain.route("https://x.com/**", (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<p>the post on X</p>" }));
    await plain.goto("/culture/equinox-gale-in-pictures");
    await expect(plain.locator('figure[data-embed-provider="x"]').getByRole("button")).toBeHidden();
    await plain.locator('figure[data-embed-provider="x"]').getByRole("link", { name: "View post on X" }).click();
    await expect(plain.getByText("the post on X")).toBeVisible();
    await noJs.close();
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
