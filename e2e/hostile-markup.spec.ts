/**
 * Hostile markup in a story body is inert (issue 28: the payloads live with the tests, not in the
 * sample newsroom). A private server serves a copy of content/ plus e2e/fixtures/articles/.
 */
import { expect, test } from "@playwright/test";
import { offMachine } from "./support/network";
import fs from "node:fs";
import path from "node:path";
import { startPrivateServer, type PrivateServer } from "./support/private-server";

const FIXTURE = "/opinion/hostile-markup";
let server: PrivateServer;

test.describe.configure({ mode: "serial", timeout: 120_000 });
test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startPrivateServer({
    portOffset: 80,
    prepare: (content) => {
      const fixtures = path.join(__dirname, "fixtures", "articles");
      for (const f of fs.readdirSync(fixtures)) fs.copyFileSync(path.join(fixtures, f), path.join(content, "articles", f));
    },
  });
});
test.afterAll(() => server?.stop());

  test("scripts, frames and objects in a story body do nothing", async ({ page }) => {
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(server.base + FIXTURE);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const body = await page.locator('[data-testid="article"]').innerHTML();
    expect(body).not.toMatch(/<script>alert|onerror=|<iframe|<object/);
    expect(dialogs).toEqual([]);

    // The hostile "videos": a script and an unknown iframe are links; the known players are facades
    // whose click loads only the provider's privacy-enhanced frame, and still nothing runs here.
    await expect(page.getByRole("link", { name: "Embedded content from evil.invalid" })).toHaveAttribute("href", "https://evil.invalid/x.js");
    await page.route(/^https:\/\/(player\.vimeo\.com|www\.youtube-nocookie\.com)\//, (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<p>stub</p>" }));
    const buttons = page.locator("button[data-embed-load]");
    const facades = await buttons.count();
    expect(facades).toBeGreaterThanOrEqual(2);
    // Each click replaces its facade (and its button) with the player.
    for (let left = facades; left > 0; left--) {
      await buttons.first().click();
      await expect(buttons).toHaveCount(left - 1);
    }
    const frames = await page.locator("article iframe").evaluateAll((els) => els.map((e) => e.getAttribute("src")!));
    expect(frames).toHaveLength(facades);
    for (const src of frames) expect(src).toMatch(/^https:\/\/(player\.vimeo\.com\/video\/76979871\?dnt=1&autoplay=1|www\.youtube-nocookie\.com\/embed\/aqz-KE-bpKQ\?autoplay=1)$/);
    expect(await page.locator("article iframe[srcdoc], article iframe[onload]").count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  test("an iframe from an unknown host never runs: it is a visible link to where it pointed", async ({ page }) => {
    const external = offMachine(page);
    await page.goto(server.base + FIXTURE);
    const link = page.getByRole("link", { name: "Embedded content from maps.quayside-tiles.example" });
    await expect(link).toBeVisible();
    await expect(link).toHaveAttribute("href", "https://maps.quayside-tiles.example/embed?route=lanterns&zoom=16");
    expect(await page.locator('iframe, script[src*="quayside"]').count()).toBe(0);
    await page.waitForLoadState("networkidle");
    expect(external).toEqual([]);
  });
