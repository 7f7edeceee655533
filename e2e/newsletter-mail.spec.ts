/**
 * The Arabic site's morning briefing as a reader's mail client shows it (issue 31: "the Arabic
 * site's briefing is dir="rtl" in Arabic"): composed by lib/newsletters from the Arabic sample
 * site's own stories (content-ar), rendered in Chromium light and dark, its images served from the
 * content's files as the site would serve them.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { loadSiteConfig } from "../lib/config/site";
import { MarkdownSource } from "../lib/sources/markdown/source";
import { composeDigest } from "../lib/newsletters/compose";

const root = path.resolve(__dirname, "..");
const ORIGIN = "https://ar.harbour-ledger.example";
const PHOTO = "content/images/fleet/nets.png";

async function arabicBriefing() {
  // A copy: the markdown source writes its index beside the files.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-ar-mail-"));
  fs.cpSync(path.join(root, "content-ar"), dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}.masthead`) });
  try {
    const site = { ...loadSiteConfig(dir), url: ORIGIN };
    const list = site.newsletters.find((l) => l.kind === "digest")!;
    const source = new MarkdownSource(dir);
    const stories = (await source.listArticles({ page: 1, perPage: 6 })).items;
    // The sample's pictures are SVG, which mail leaves out (decision 0220): the lead gets a
    // photograph, as a newsroom's would have.
    const png = fs.readFileSync(path.join(root, PHOTO));
    stories[0] = { ...stories[0], image: { src: "/content-images/fleet/nets.png", alt: "شباك الصيد على رصيف الميناء", width: png.readUInt32BE(16), height: png.readUInt32BE(20) } };
    const mail = composeDigest(site, list, stories, new Date(stories[0].publishedAt), `${ORIGIN}/newsletters/editions/sample`);
    return { site, list, stories, mail };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test("the Arabic briefing is Arabic and right to left in a mail client, light and dark", async ({ page }) => {
  const { stories, mail, list } = await arabicBriefing();
  expect(stories.length).toBeGreaterThan(1);
  // The site's images, as its image optimiser would send them (nothing leaves the machine).
  await page.route(`${ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    const src = url.pathname === "/_next/image" ? url.searchParams.get("url") ?? "" : url.pathname;
    if (src === "/content-images/fleet/nets.png") return route.fulfill({ path: path.join(root, PHOTO) });
    return route.fulfill({ status: 404, body: "" });
  });
  await page.setViewportSize({ width: 420, height: 900 });
  await page.setContent(mail.html, { waitUntil: "load" });
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("body")).toHaveAttribute("dir", "rtl");
  expect(mail.subject.startsWith(`${list.name}: `)).toBe(true);

  // Every story's headline reads right to left and starts at the right edge of the card.
  const card = (await page.locator("table.mh-card").boundingBox())!;
  for (const story of stories) {
    const headline = page.getByRole("heading", { level: 2, name: story.title });
    await expect(headline).toBeVisible();
    expect(await headline.evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
    const text = await headline.locator("a").evaluate((a) => {
      const r = document.createRange();
      r.selectNodeContents(a);
      const rects = [...r.getClientRects()];
      return { right: Math.max(...rects.map((x) => x.right)), left: Math.min(...rects.map((x) => x.left)) };
    });
    // The first line ends at the card's inner right edge (its padding), not at the left.
    expect(card.x + card.width - text.right, story.title).toBeLessThan(40);
  }
  // The lead's picture is there, sized, with its Arabic alt text, and loaded.
  const images = page.locator("img");
  await expect(images).toHaveCount(1);
  await expect(images).toHaveAttribute("alt", stories[0].image!.alt);
  await expect(images).toHaveAttribute("width", "560");
  await expect.poll(() => images.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  // The footer's links are in Arabic (the reader's preferences and unsubscribe are filled per reader).
  await expect(page.getByRole("link", { name: "إلغاء الاشتراك" })).toHaveAttribute("href", "{{UNSUBSCRIBE_URL}}");

  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const background = await page.locator("table.mh-card").evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).toBe(scheme === "dark" ? "rgb(30, 30, 30)" : "rgb(255, 255, 255)");
    // Headlines in the card's text colour (not the link colour) in both schemes; Arabic never tracked.
    const text = await page.locator("table.mh-card").evaluate((el) => getComputedStyle(el).color);
    for (const headline of await page.locator("h2 a").all()) expect(await headline.evaluate((el) => getComputedStyle(el).color)).toBe(text);
    for (const label of await page.locator("p.mh-muted, h1").all()) expect(await label.evaluate((el) => getComputedStyle(el).letterSpacing)).toBe("normal");
    await page.screenshot({ path: test.info().outputPath(`briefing-ar-${scheme}.png`), fullPage: true });
  }
});
