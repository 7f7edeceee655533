/**
 * Embed previews (issue 33, docs/decisions/0230): a video's facade shows the title and the picture its
 * provider's oEmbed endpoint gives, fetched when content is indexed and served by this site — the
 * reader's browser asks nothing of the provider before "Play". Without them, today's box.
 *
 * Two servers: the suite's, whose build read the previews kept in e2e/fixtures/embed-cache (made by
 * scripts/embeds/e2e-fixture.mts from the stand-in) and could reach no endpoint for the third video;
 * and a private one whose index update asks a local stand-in of the endpoints
 * (tests/embeds/stand-in.mjs) at start and on the webhook.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import e2e from "./env.json";
import { offMachine } from "./support/network";
import { startPrivateServer, type PrivateServer } from "./support/private-server";
// @ts-expect-error plain JavaScript helper
import { coverPicture, harbourPicture, startOembedStandIn } from "../tests/embeds/stand-in.mjs";

const EMBEDS = "/culture/harbour-lights-as-shared";
const YOUTUBE_TITLE = "Harbour Lights 2026: the lantern flotilla, filmed from the lifeboat";
const VIMEO_TITLE = "The Tide Comes for Tea — rehearsals behind the fish market";
const SOUNDCLOUD_TITLE = "Harbour Lights Sunday Set, live on the harbour wall";
const SPOTIFY_TITLE = "Eighteen years of lanterns, with Nell Asante";

/**
 * An audio facade's cover art (decision 0270): served by this site, square, a small fixed size beside
 * the words (not behind them), reserved before it loads (its width and height attributes).
 */
async function expectCover(figure: ReturnType<Page["locator"]>, side: number) {
  const img = figure.locator("img.embed-thumb");
  await expect(img).toHaveCount(1);
  await expect(img).toHaveAttribute("alt", "");
  await expect(img).toHaveAttribute("loading", "lazy");
  await expect(img).toHaveAttribute("src", /^\/_next\/image\?url=%2Fcontent-images%2F_embeds%2F[0-9a-f]{32}\.png&w=\d+&q=75$/);
  const reserved = await img.boundingBox();
  expect(Math.round(reserved!.width)).toBe(side);
  expect(Math.round(reserved!.height)).toBe(side);
  await img.scrollIntoViewIfNeeded();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => (el.complete ? el.naturalWidth : 0)), { timeout: 20_000 }).toBeGreaterThan(0);
  const [picture, title, button] = await Promise.all([img.boundingBox(), figure.locator(".embed-title").boundingBox(), figure.locator(".embed-load").boundingBox()]);
  expect(Math.round(picture!.width)).toBe(side);
  expect(Math.round(picture!.height)).toBe(side);
  // Beside the words: nothing of the title or the button lies on the picture.
  for (const words of [title!, button!]) expect(words.x >= picture!.x + picture!.width || words.x + words.width <= picture!.x).toBe(true);
}

/** The facade's picture: sized, lazy, decorative, from this site (through next/image). */
async function expectPicture(page: Page, figure: ReturnType<Page["locator"]>) {
  const img = figure.locator("img.embed-thumb");
  await expect(img).toHaveCount(1);
  await expect(img).toHaveAttribute("alt", "");
  await expect(img).toHaveAttribute("loading", "lazy");
  await expect(img).toHaveAttribute("width", /^\d+$/);
  await expect(img).toHaveAttribute("height", /^\d+$/);
  await expect(img).toHaveAttribute("src", /^\/_next\/image\?url=%2Fcontent-images%2F_embeds%2F[0-9a-f]{32}\.png&w=\d+&q=75$/);
  await img.scrollIntoViewIfNeeded();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => (el.complete ? el.naturalWidth : 0)), { timeout: 20_000 }).toBeGreaterThan(0);
  // The picture fills the facade's 16:9 box behind its words.
  const [frame, picture] = await Promise.all([figure.locator(".embed-frame").boundingBox(), img.boundingBox()]);
  expect(Math.abs(frame!.width - picture!.width)).toBeLessThanOrEqual(2);
  expect(Math.abs(frame!.height - picture!.height)).toBeLessThanOrEqual(2);
}

test.describe("previews kept by the build (the suite's server)", () => {
  test("a YouTube and a Vimeo facade show their title, author and picture; nothing leaves the machine before Play", async ({ page }) => {
    const external = offMachine(page);
    await page.goto(EMBEDS);
    const youtube = page.locator('figure[data-embed-provider="youtube"]').first();
    await expect(youtube.locator(".embed-title")).toHaveText(YOUTUBE_TITLE);
    await expect(youtube.locator(".embed-provider")).toHaveText("YouTube · Port Wren Lifeboat Station");
    // The play control is named by the title (WCAG "label in name": its visible words first).
    await expect(youtube.getByRole("button", { name: `Play here: ${YOUTUBE_TITLE} (YouTube)` })).toBeVisible();
    await expectPicture(page, youtube);

    const vimeo = page.locator('figure[data-embed-provider="vimeo"]');
    await expect(vimeo.locator(".embed-title")).toHaveText(VIMEO_TITLE);
    await expect(vimeo.getByRole("button", { name: `Play here: ${VIMEO_TITLE} (Vimeo)` })).toBeVisible();
    await expectPicture(page, vimeo);

    // The third video got nothing (the build could reach no endpoint): today's box, with the title its <iframe> gave.
    const shared = page.locator("figure.embed").filter({ hasText: "The whale lantern crosses from Gull Island" });
    await expect(shared.locator(".embed-title")).toHaveText("The whale lantern crosses from Gull Island");
    await expect(shared.locator("img")).toHaveCount(0);
    await expect(shared.locator("[data-embed-picture]")).toHaveCount(0);
    await expect(shared.getByRole("button", { name: "Play here: The whale lantern crosses from Gull Island (YouTube)" })).toBeVisible();

    await page.waitForLoadState("networkidle");
    expect(external).toEqual([]);
    await expect(page.locator("article iframe")).toHaveCount(0);
  });

  test("a SoundCloud and a Spotify facade show their title and cover art from this site; nothing leaves the machine before Play", async ({ page }) => {
    const external = offMachine(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(EMBEDS);
    const soundcloud = page.locator('figure[data-embed-provider="soundcloud"]');
    await expect(soundcloud.locator(".embed-title")).toHaveText(SOUNDCLOUD_TITLE);
    await expect(soundcloud.locator(".embed-provider")).toHaveText("SoundCloud · Port Wren Silver Band");
    await expect(soundcloud.getByRole("button", { name: `Play here: ${SOUNDCLOUD_TITLE} (SoundCloud)` })).toBeVisible();
    await expectCover(soundcloud, 128);

    // Spotify gives no author: the provider's name alone above the title.
    const spotify = page.locator('figure[data-embed-provider="spotify"]');
    await expect(spotify.locator(".embed-title")).toHaveText(SPOTIFY_TITLE);
    await expect(spotify.locator(".embed-provider")).toHaveText("Spotify");
    await expect(spotify.getByRole("button", { name: `Play here: ${SPOTIFY_TITLE} (Spotify)` })).toBeVisible();
    await expectCover(spotify, 128);
    const file = decodeURIComponent(/url=([^&]+)/.exec((await spotify.locator("img.embed-thumb").getAttribute("src"))!)![1]);
    const picture = await page.request.get(file);
    expect(picture.status()).toBe(200);
    expect(picture.headers()["content-type"]).toBe("image/png");

    await page.waitForLoadState("networkidle");
    expect(external).toEqual([]);
    await expect(page.locator("article iframe")).toHaveCount(0);

    // Play: the player replaces the cover and the words.
    await page.route("https://open.spotify.com/**", (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>stub</title><p>Stub player</p>" }));
    await spotify.getByRole("button", { name: /^Play here/ }).click();
    await expect(spotify.locator("iframe")).toHaveAttribute("title", `Spotify: ${SPOTIFY_TITLE}`);
    await expect(spotify.locator("img")).toHaveCount(0);
  });

  test("audio facades at 390px and 1280px, light and dark: the cover beside the words, nothing overflows", async ({ browser }) => {
    for (const [width, side] of [[390, 96], [1280, 128]] as const) {
      for (const scheme of ["light", "dark"] as const) {
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
        const page = await context.newPage();
        await page.goto(EMBEDS);
        for (const provider of ["soundcloud", "spotify"]) {
          const figure = page.locator(`figure[data-embed-provider="${provider}"]`);
          await expectCover(figure, side);
          await figure.screenshot({ path: `e2e/screenshots/embed-preview-${provider}-${width}-${scheme}.png` });
        }
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${width}px ${scheme}`).toBeLessThanOrEqual(0);
        await context.close();
      }
    }
  });

  test("the pictures are served by this site as images; nothing else is served from the cache", async ({ page, request }) => {
    await page.goto(EMBEDS);
    const src = await page.locator('figure[data-embed-provider="youtube"] img.embed-thumb').first().getAttribute("src");
    const file = decodeURIComponent(/url=([^&]+)/.exec(src!)![1]);
    const picture = await request.get(file);
    expect(picture.status()).toBe(200);
    expect(picture.headers()["content-type"]).toBe("image/png");
    expect(picture.headers()["x-content-type-options"]).toBe("nosniff");
    expect((await picture.body()).subarray(1, 4).toString()).toBe("PNG");
    // The cache's JSON, other names and paths out of the folder are not served.
    for (const path of ["/content-images/_embeds/0994fd2887ce5511b246069595e51745.json", "/content-images/_embeds/00000000000000000000000000000000.png", "/content-images/_embeds/..%2F..%2Fpackage.json", "/content-images/_embeds"]) {
      // 400: the server's door refuses an encoded slash before any route sees it.
      expect([400, 404], path).toContain((await request.get(path)).status());
    }
  });

  test("Play replaces the picture and the words with the player, named by the title", async ({ page }) => {
    await page.route("https://www.youtube-nocookie.com/**", (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>stub</title><p>Stub player</p>" }));
    await page.goto(EMBEDS);
    const youtube = page.locator('figure[data-embed-provider="youtube"]').first();
    await youtube.getByRole("button", { name: /^Play here/ }).click();
    await expect(youtube.locator("iframe")).toHaveAttribute("title", `YouTube: ${YOUTUBE_TITLE}`);
    await expect(youtube.locator("img")).toHaveCount(0);
    await expect(page.frameLocator('figure[data-embed-provider="youtube"] iframe').first().getByText("Stub player")).toBeVisible();
  });

  for (const width of [390, 1280]) {
    test(`screenshots at ${width}px, light and dark: the words stay readable on the picture; nothing overflows`, async ({ browser }) => {
      for (const scheme of ["light", "dark"] as const) {
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
        const page = await context.newPage();
        await page.goto(EMBEDS);
        const youtube = page.locator('figure[data-embed-provider="youtube"]').first();
        await expectPicture(page, youtube);
        await expectPicture(page, page.locator('figure[data-embed-provider="vimeo"]'));
        // Every word of the facade lies inside the picture's box (the box grows with them on a phone).
        const inside = await youtube.evaluate((figure) => {
          const frame = figure.querySelector(".embed-frame")!.getBoundingClientRect();
          const thumb = figure.querySelector("img.embed-thumb")!.getBoundingClientRect();
          return [...figure.querySelectorAll(".embed-facade > *")].every((el) => {
            const r = el.getBoundingClientRect();
            return r.top >= frame.top - 1 && r.bottom <= frame.bottom + 1 && Math.abs(thumb.height - frame.height) <= 2;
          });
        });
        await youtube.screenshot({ path: `e2e/screenshots/embed-preview-youtube-${width}-${scheme}.png` });
        await page.locator('figure[data-embed-provider="vimeo"]').screenshot({ path: `e2e/screenshots/embed-preview-vimeo-${width}-${scheme}.png` });
        await page.locator("figure.embed").filter({ hasText: "The whale lantern" }).screenshot({ path: `e2e/screenshots/embed-preview-fallback-${width}-${scheme}.png` });
        expect(inside, `${width}px ${scheme}`).toBe(true);
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
        await context.close();
      }
    });
  }
});

test.describe("previews fetched when content is indexed (a private server, a stand-in of the endpoints)", () => {
  test.describe.configure({ mode: "serial", timeout: 120_000 });
  const base = Number(process.env.E2E_PRIVATE_BASE) || Number(process.env.E2E_PORT) || e2e.port;
  const FIRST = "https://www.youtube.com/watch?v=Qk5tWv3nR8c";
  const HOSTILE = "https://www.youtube.com/watch?v=Hx7aB2cD3eF";
  const GONE = "https://vimeo.com/987654321";
  const LATER = "https://vimeo.com/123456789";
  const TRACK = "https://soundcloud.com/port-wren-silver-band/quayside-hymns";
  // No quotes: the typography step would curl them (the title is text like any other).
  const HOSTILE_TITLE = "<img src=x onerror=alert(1)>Quay cam </p><script>alert(2)</script>";
  let standIn: { url: string; hits: { path: string; url: string | null; userAgent?: string }[]; close: () => Promise<void> };
  let server: PrivateServer;
  let cache: string;

  const story = (slug: string, title: string, body: string) =>
    `---\ntitle: "${title}"\nsection: culture\nauthors: [hollis-baptiste]\npublishedAt: 2026-10-09T08:00:00Z\n---\n${body}\n`;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    standIn = await startOembedStandIn({
      port: base + 86,
      items: {
        [FIRST]: { title: "Dawn over the outer harbour", author: "Port Wren Harbour Office", picture: harbourPicture(480, 360, 200) },
        [HOSTILE]: { title: HOSTILE_TITLE, author: "<b>Mallory</b>", picture: harbourPicture(480, 270, 330) },
        [LATER]: { title: "Net Loft Theatre: opening night", author: "Net Loft Theatre", picture: harbourPicture(640, 360, 120) },
        [TRACK]: { title: "Quayside hymns at dusk", author: "Port Wren Silver Band", picture: coverPicture(300, 90), pictureWidth: 300, pictureHeight: 300 },
        // GONE is not known to the stand-in: 404, as a removed video.
      },
    });
    cache = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-embed-cache-"));
    server = await startPrivateServer({
      portOffset: 85,
      env: { OEMBED_URL: standIn.url, EMBED_CACHE_DIR: cache, MASTHEAD_WARM_UP: "0" },
      prepare: (content) => {
        // A Hebrew (right-to-left) site: the facade's words and picture in the other direction (Arabic is
        // taken: the sample has an Arabic translation, which a site cannot have in its own language).
        const site = path.join(content, "site.yml");
        fs.writeFileSync(site, fs.readFileSync(site, "utf8").replace(/^language: en$/m, "language: he"));
        fs.writeFileSync(
          path.join(content, "articles", "harbour-videos.md"),
          story("harbour-videos", "Three videos from the harbour", `The harbour office films the outer harbour every morning.\n\n${FIRST}\n\nA reader sent this one.\n\n${HOSTILE}\n\nThis one was taken down.\n\n${GONE}\n\nThe band played on.\n\n${TRACK}\n`),
        );
      },
    });
  });
  test.afterAll(async () => {
    await server?.stop();
    await standIn?.close();
    if (cache) fs.rmSync(cache, { recursive: true, force: true });
  });

  test("the index update at start asked the endpoints; the page shows what they said, and the browser asks them nothing", async ({ page }) => {
    const asked = standIn.hits.filter((h) => h.path === "/youtube" || h.path === "/vimeo" || h.path === "/soundcloud").map((h) => h.url);
    expect(asked).toEqual(expect.arrayContaining([FIRST, HOSTILE, GONE, TRACK]));
    expect(standIn.hits.every((h) => /^Masthead\//.test(h.userAgent ?? ""))).toBe(true);
    const seen = standIn.hits.length;

    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const external = offMachine(page);
    await page.goto(`${server.base}/culture/harbour-videos`);
    const [first, hostile] = [page.locator("figure.embed").nth(0), page.locator("figure.embed").nth(1)];
    await expect(first.locator(".embed-title")).toHaveText("Dawn over the outer harbour");
    await expectPicture(page, first);
    // A hostile title is text: shown as written, no element made of it, nothing run.
    await expect(hostile.locator(".embed-title")).toHaveText(HOSTILE_TITLE);
    await expect(hostile.locator(".embed-provider")).toHaveText("YouTube · <b>Mallory</b>");
    await expectPicture(page, hostile);
    const body = page.locator('[data-testid="article"] .prose').first();
    expect(await body.locator("img:not(.embed-thumb)").count()).toBe(0);
    expect(await body.locator("script, b").count()).toBe(0);
    // The removed video: today's box.
    const gone = page.locator('figure[data-embed-provider="vimeo"]');
    await expect(gone.locator(".embed-title")).toHaveText("Vimeo");
    await expect(gone.locator("img")).toHaveCount(0);
    // The track: its cover art, fetched at start and served by this site, on the inline-start side (the right, in Hebrew).
    const track = page.locator('figure[data-embed-provider="soundcloud"]');
    await expect(track.locator(".embed-title")).toHaveText("Quayside hymns at dusk");
    await expectCover(track, 128);
    const [cover, title] = await Promise.all([track.locator("img.embed-thumb").boundingBox(), track.locator(".embed-title").boundingBox()]);
    expect(cover!.x).toBeGreaterThan(title!.x + title!.width - 1);

    await page.waitForLoadState("networkidle");
    expect(external).toEqual([]);
    expect(standIn.hits.length).toBe(seen);
    expect(dialogs).toEqual([]);

    // Right to left: the page is Hebrew, the English title keeps its own direction, the words stay on the picture.
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(first.locator(".embed-title")).toHaveAttribute("dir", "auto");
    await expect(first.locator(".embed-title")).toHaveCSS("direction", "ltr");
    for (const [width, scheme] of [[390, "dark"], [1280, "light"]] as const) {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme: scheme });
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await first.screenshot({ path: `e2e/screenshots/embed-preview-he-${width}-${scheme}.png` });
      await track.screenshot({ path: `e2e/screenshots/embed-preview-he-soundcloud-${width}-${scheme}.png` });
    }
  });

  test("a story published by the webhook gets its preview then", async ({ page }) => {
    fs.writeFileSync(path.join(server.content, "articles", "opening-night.md"), story("opening-night", "Opening night at the Net Loft", `The curtain went up at eight.\n\n${LATER}\n`));
    const response = await fetch(`${server.base}/api/revalidate`, {
      method: "POST",
      headers: { authorization: `Bearer ${e2e.env.REVALIDATE_SECRET}`, "content-type": "application/json" },
      body: JSON.stringify({ slug: "opening-night" }),
    });
    expect(response.status).toBe(200);
    expect(standIn.hits.some((h) => h.url === LATER)).toBe(true);
    await page.goto(`${server.base}/culture/opening-night`);
    const facade = page.locator('figure[data-embed-provider="vimeo"]');
    await expect(facade.locator(".embed-title")).toHaveText("Net Loft Theatre: opening night");
    await expectPicture(page, facade);
    // Kept on disk, keyed by the video's address: a JSON entry and the picture, named by its bytes.
    expect(fs.readdirSync(cache).filter((f) => /^[0-9a-f]{32}\.png$/.test(f)).length).toBeGreaterThanOrEqual(3);
  });
});
