/**
 * Body media (issue 20, CONTENT.md "Body media"): privacy-first embeds, unknown embeds as links,
 * sized lazy images, galleries, pull quotes and tables, on the two sample articles written for it.
 * The network is closed here: provider pages are answered by page.route stubs, which also proves
 * the page's CSP let the frame load (a refused frame never asks for its document).
 */
import { expectNoAxeViolations } from "./support/axe";
import { expect, test, type Page } from "@playwright/test";
import { offMachine } from "./support/network";
import { recordLayoutShifts, shiftLinesFrom } from "./support/layout-shift";

const EMBEDS = "/culture/harbour-lights-as-shared";
// The page has hydrated (the theme toggle marks itself in the same effects pass as the embed loader's
// listeners): a button pressed before that does nothing on a CPU-starved browser.
const HYDRATED = 'button.theme-toggle[data-ready="true"]';
const IMAGES = "/culture/ten-boats-one-harbour";
const PLAIN = "/news/world-news/calder-strait-ferry-strike";

/** Each provider of the sample article: its facade's link and where it goes without JavaScript. */
const PROVIDERS = [
  { provider: "youtube", link: "Play on YouTube", href: "https://www.youtube.com/watch?v=Pw7Rb2kQx0A", frame: "https://www.youtube-nocookie.com/embed/Pw7Rb2kQx0A?autoplay=1" },
  { provider: "vimeo", link: "Play on Vimeo", href: "https://vimeo.com/824519067", frame: "https://player.vimeo.com/video/824519067?dnt=1&autoplay=1" },
  { provider: "x", link: "View post on X", href: "https://x.com/portwrencg/status/1843987654321098765", frame: "https://platform.twitter.com/embed/Tweet.html?id=1843987654321098765&dnt=true" },
  { provider: "instagram", link: "View post on Instagram", href: "https://www.instagram.com/p/C9hWrenLx4Q/", frame: "https://www.instagram.com/p/C9hWrenLx4Q/embed/" },
  { provider: "bluesky", link: "View post on Bluesky", href: "https://bsky.app/profile/harbourledger.bsky.social/post/3lkq7xw2nbs2a", frame: "https://embed.bsky.app/embed/harbourledger.bsky.social/app.bsky.feed.post/3lkq7xw2nbs2a" },
  { provider: "mastodon", link: "View post on Mastodon", href: "https://mastodon.social/@portwrenmet/113224466880011223", frame: "https://mastodon.social/@portwrenmet/113224466880011223/embed" },
  { provider: "soundcloud", link: "Listen on SoundCloud", href: "https://soundcloud.com/port-wren-silver-band/harbour-lights-sunday-set", frame: "https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2Fport-wren-silver-band%2Fharbour-lights-sunday-set&auto_play=true&visual=false" },
  { provider: "spotify", link: "Listen on Spotify", href: "https://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk", frame: "https://open.spotify.com/embed/episode/4rOoJ6Egrf8K2IrywzwOMk" },
  { provider: "datawrapper", link: "View chart on Datawrapper", href: "https://datawrapper.dwcdn.net/Xk3pQ/2/", frame: "https://datawrapper.dwcdn.net/Xk3pQ/2/" },
  { provider: "flourish", link: "View chart on Flourish", href: "https://public.flourish.studio/visualisation/17345678/", frame: "https://flo.uri.sh/visualisation/17345678/embed" },
];
const FRAME_ORIGINS = [...new Set(PROVIDERS.map((p) => new URL(p.frame).origin))].sort();

/** Answers a provider's frame with a tiny page instead of the (closed) network. */
async function stubProvider(page: Page, origin: string, body = "<p>Provider stub</p>") {
  await page.route(`${origin}/**`, (route) => route.fulfill({ status: 200, contentType: "text/html", body: `<!doctype html><title>stub</title>${body}` }));
}

/** Scrolls to the end in screen-sized steps, waiting for the images in view (lazy ones load as they come near). */
async function scrollThrough(page: Page) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const step = await page.evaluate(() => window.innerHeight);
  for (let y = 0; y <= height; y += step) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLImageElement>("article img")].every((img) => {
        const r = img.getBoundingClientRect();
        return r.bottom < 0 || r.top > window.innerHeight * 2 || img.complete;
      }),
    );
  }
}

const frameSrc = (csp: string) => (/(?:^|;\s*)frame-src ([^;]*)/.exec(csp)?.[1] ?? "").trim().split(/\s+/).sort();

test.describe("embeds", () => {
  test("nothing leaves the machine on load; the CSP frames exactly the page's providers", async ({ page }) => {
    const external = offMachine(page);
    const response = await page.goto(EMBEDS);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Harbour Lights, as Port Wren shared it");
    await scrollThrough(page);
    await page.waitForLoadState("networkidle");
    expect(external).toEqual([]);
    await expect(page.locator("article iframe")).toHaveCount(0);

    const csp = response!.headers()["content-security-policy"];
    expect(frameSrc(csp)).toEqual(FRAME_ORIGINS);
    const fromDom = await page.locator("[data-embed-origin]").evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute("data-embed-origin")!))].sort());
    expect(fromDom).toEqual(FRAME_ORIGINS);

    // A page without embeds keeps the base policy.
    const plain = await page.request.get(PLAIN, { headers: { Accept: "text/html" } });
    expect(frameSrc(plain.headers()["content-security-policy"])).toEqual(["'none'"]);
  });

  test("every provider's bare URL is a facade with a name, a button and the provider's link", async ({ page }) => {
    await page.goto(EMBEDS);
    for (const p of PROVIDERS) {
      const facade = page.locator(`figure[data-embed-provider="${p.provider}"]`).first();
      await expect(facade, p.provider).toBeVisible();
      await expect(facade.getByRole("link", { name: p.link })).toHaveAttribute("href", p.href);
      await expect(facade.getByRole("button", { name: /^(Play here|Show here): \S.*$/ })).toBeVisible();
      await expect(facade.locator("[data-embed-src]")).toHaveAttribute("data-embed-src", p.frame);
    }
    // The allow-listed iframe (YouTube's own share code) is a facade too, with its title, on youtube-nocookie.com.
    const shared = page.locator("figure.embed").filter({ hasText: "The whale lantern crosses from Gull Island" });
    await expect(shared.getByRole("button", { name: "Play here: The whale lantern crosses from Gull Island (YouTube)" })).toBeVisible();
    await expect(shared.locator("[data-embed-src]")).toHaveAttribute("data-embed-src", "https://www.youtube-nocookie.com/embed/Gw4sL8nWr2E?autoplay=1");
    // A caption written with the embed stays with it.
    await expect(page.locator('figure[data-embed-provider="datawrapper"] figcaption')).toHaveText("Visitors on the quays, counted every fifteen minutes. Chart: Harbour Lights festival office");
  });

  test("a click replaces the facade with the privacy-enhanced player, and focus goes into it", async ({ page }) => {
    await stubProvider(page, "https://www.youtube-nocookie.com", "<p>Stub player</p>");
    await page.goto(EMBEDS);
    await expect(page.locator(HYDRATED).first()).toBeVisible(); // the facades' click handler is there
    const facade = page.locator('figure[data-embed-provider="youtube"]').first();
    await facade.getByRole("button", { name: /^Play here/ }).click();
    const iframe = facade.locator("iframe");
    await expect(iframe).toHaveAttribute("src", "https://www.youtube-nocookie.com/embed/Pw7Rb2kQx0A?autoplay=1");
    // The frame is named by the video's title, which the build kept from YouTube's oEmbed answer
    // (e2e/fixtures/embed-cache; issue 33, e2e/embed-previews.spec.ts).
    await expect(iframe).toHaveAttribute("title", "YouTube: Harbour Lights 2026: the lantern flotilla, filmed from the lifeboat");
    await expect(iframe).toHaveAttribute("allow", /autoplay/);
    await expect(iframe).toHaveAttribute("sandbox", /allow-scripts/);
    await expect(facade.getByRole("button")).toHaveCount(0);
    await expect(facade.getByRole("link", { name: "Play on YouTube" })).toHaveCount(0);
    // The frame's document loaded: the page's CSP allowed it.
    await expect(page.frameLocator('figure[data-embed-provider="youtube"] iframe').first().getByText("Stub player")).toBeVisible();
    expect(await iframe.evaluate((el) => document.activeElement === el)).toBe(true);
    // The player keeps the facade's 16:9 box.
    const box = (await iframe.boundingBox())!;
    expect(Math.abs(box.width / box.height - 16 / 9)).toBeLessThan(0.02);
  });

  test("the facade works from the keyboard; a post's frame takes the height the provider asks for", async ({ page }) => {
    // X's embed page reports its height to the parent, as platform.twitter.com does.
    await stubProvider(
      page,
      "https://platform.twitter.com",
      `<p>Stub post</p><script>parent.postMessage(JSON.stringify({"twttr.embed":{"method":"twttr.private.resize","params":[{"height":333,"width":550}]}}), "*")</script>`,
    );
    await page.goto(EMBEDS);
    await expect(page.locator(HYDRATED).first()).toBeVisible(); // the facades' key handler is there
    const facade = page.locator('figure[data-embed-provider="x"]');
    const button = facade.getByRole("button", { name: /^Show here/ });
    await button.focus();
    await page.keyboard.press("Enter");
    const iframe = facade.locator("iframe");
    await expect(iframe).toHaveAttribute("src", "https://platform.twitter.com/embed/Tweet.html?id=1843987654321098765&dnt=true");
    await expect(iframe).toHaveAttribute("title", /^X: /);
    await expect.poll(() => iframe.evaluate((el) => el.getBoundingClientRect().height)).toBe(333);
    expect(await iframe.evaluate((el) => document.activeElement === el)).toBe(true);
  });

  test("a link from a section page to the article loads the article itself, so its own CSP frames the player", async ({ page }) => {
    await stubProvider(page, "https://www.youtube-nocookie.com", "<p>Stub player</p>");
    // The section page's policy is frame-src 'none'; links are plain anchors (decision 0193), so the
    // article arrives as a document of its own, with its own policy, before "Play here" is pressed.
    await page.goto("/culture");
    await expect(page.locator('button.theme-toggle[data-ready="true"]').first()).toBeVisible(); // hydrated
    await page.evaluate(() => ((window as unknown as { sectionPage: boolean }).sectionPage = true));
    await page.locator("main").getByRole("link", { name: /Harbour Lights, as Port Wren shared it/ }).first().click();
    await expect(page).toHaveURL(new RegExp(`${EMBEDS}$`));
    expect(await page.evaluate(() => (window as unknown as { sectionPage?: boolean }).sectionPage)).toBeUndefined(); // a new document
    const facade = page.locator('figure[data-embed-provider="youtube"]').first();
    await facade.getByRole("button", { name: /^Play here/ }).click();
    await expect(facade.locator("iframe")).toHaveAttribute("src", /youtube-nocookie\.com\/embed\/Pw7Rb2kQx0A/);
    await expect(page.frameLocator('figure[data-embed-provider="youtube"] iframe').first().getByText("Stub player")).toBeVisible();
  });
});

test.describe("embeds without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the facade's link works, and the button that could not work is not shown", async ({ page }) => {
    await page.route("https://www.youtube.com/**", (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<title>YouTube</title><p>the video page</p>" }));
    await page.goto(EMBEDS);
    const facade = page.locator('figure[data-embed-provider="youtube"]').first();
    await expect(facade.getByRole("button")).toBeHidden();
    await expect(facade.getByText("This loads content from YouTube, which may set cookies.")).toBeVisible();
    await facade.getByRole("link", { name: "Play on YouTube" }).click();
    await expect(page).toHaveURL("https://www.youtube.com/watch?v=Pw7Rb2kQx0A");
    await expect(page.getByText("the video page")).toBeVisible();
  });
});

test.describe("body images, galleries, pull quotes, tables", () => {
  test("ten images, each with its size; lazy below the first screen; responsive sources; CLS 0", async ({ page }) => {
    // Every shift, with the elements that moved.
    await recordLayoutShifts(page);
    const external = offMachine(page);
    await page.goto(IMAGES);
    const body = page.locator('[data-testid="article"] .prose').first();
    const images = body.locator("img");
    await expect(images).toHaveCount(10);
    const attrs = await images.evaluateAll((els) =>
      (els as HTMLImageElement[]).map((img) => ({
        src: img.getAttribute("src")!,
        width: Number(img.getAttribute("width")),
        height: Number(img.getAttribute("height")),
        loading: img.getAttribute("loading"),
        decoding: img.getAttribute("decoding"),
        srcset: img.getAttribute("srcset"),
      })),
    );
    for (const a of attrs) {
      expect(a.width, a.src).toBeGreaterThan(0);
      expect(a.height, a.src).toBeGreaterThan(0);
      expect(a.decoding, a.src).toBe("async");
    }
    expect(attrs[0].loading).toBe("eager");
    expect(attrs.slice(1).every((a) => a.loading === "lazy")).toBe(true);
    // Intrinsic sizes read from the files (the 4:5 lifeboat, the 16:9 ferry).
    expect(attrs.find((a) => a.src.includes("lifeboat"))).toMatchObject({ width: 1000, height: 1250 });
    expect(attrs.find((a) => a.src.includes("gull-island-ferry"))).toMatchObject({ width: 1600, height: 900 });
    // Raster images get next/image sources; SVGs are sent as they are.
    const png = attrs.find((a) => a.src.includes("harbourmaster"))!;
    expect(png.src).toMatch(/^\/_next\/image\?url=%2Fcontent-images%2Ffleet%2Fharbourmaster\.png&w=\d+&q=75$/);
    expect(png.srcset).toMatch(/\/_next\/image\?url=%2Fcontent-images%2Ffleet%2Fharbourmaster\.png&w=640&q=75 640w/);
    // Below the first screen nothing has loaded yet.
    expect(await page.evaluate(() => [...document.querySelectorAll<HTMLImageElement>("article .prose img")].at(-1)!.complete)).toBe(false);

    await scrollThrough(page);
    expect(await images.evaluateAll((els) => (els as HTMLImageElement[]).every((img) => img.complete && img.naturalWidth > 0))).toBe(true);
    // An image without its size moves its own figure or what follows it in the story. Only those shifts
    // count here: a browser starved of CPU may paint the header while its HTML is still being parsed
    // (its right-aligned controls step left as each arrives — traced at 16× CPU throttling, 0.002–0.008
    // in all), which is the page's parsing, not its images, and e2e/design.spec.ts bounds it.
    const fromTheBody = await shiftLinesFrom(page, '[data-testid="article"] .prose');
    expect(fromTheBody).toEqual([]);
    expect(external).toEqual([]);

    // Captions and credits stay with their images.
    await expect(body.locator("figure", { has: page.locator('img[src*="gull-island-ferry"]') }).locator("figcaption")).toHaveText(
      "The Gull Island ferry leaves the north pier on the 7.40 crossing. Illustration: The Harbour Ledger",
    );
    await expect(body.locator("figure", { has: page.locator('img[src*="mary-ellen"]') }).locator("figcaption")).toContainText("built in the net loft in 1961");
  });

  test("gallery, pull quote and a table that scrolls sideways on a phone", async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    await page.goto(IMAGES);
    const gallery = page.locator("figure.gallery");
    await expect(gallery.locator("figure img")).toHaveCount(3);
    await expect(gallery.locator(":scope > figcaption")).toContainText("Gear of the inshore fleet");
    const quote = page.locator("figure.pullquote");
    await expect(quote.locator("blockquote")).toContainText("Nobody joins for the rescues.");
    await expect(quote.locator("cite")).toHaveText("Priya Okonkwo, lifeboat helm");

    const region = page.getByRole("region", { name: "Table 1" });
    await expect(region.locator("table")).toBeVisible();
    const scroll = await region.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
    expect(scroll.scrollWidth).toBeGreaterThan(scroll.clientWidth);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    // The scrolling region can be reached and scrolled with the keyboard.
    await region.focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    await context.close();
  });
});

test.describe("accessibility and looks", () => {
  for (const scheme of ["light", "dark"] as const) {
    for (const [name, path] of [
      ["embeds", EMBEDS],
      ["images", IMAGES],
    ] as const) {
      test(`axe: no WCAG 2.1 A/AA violations on the ${name} article (${scheme})`, async ({ browser }) => {
        await expectNoAxeViolations(browser, path, scheme);
      });
    }
  }

  for (const width of [360, 1280]) {
    test(`screenshots at ${width}px, light and dark; nothing overflows`, async ({ browser }) => {
      test.setTimeout(90_000);
      for (const scheme of ["light", "dark"] as const) {
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
        const page = await context.newPage();
        for (const [name, path] of [
          ["media-embeds", EMBEDS],
          ["media-images", IMAGES],
        ] as const) {
          await page.goto(path);
          await scrollThrough(page);
          await page.evaluate(() => window.scrollTo(0, 0));
          expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${name} at ${width}px`).toBeLessThanOrEqual(0);
          await page.screenshot({ path: `e2e/screenshots/${name}-${width}-${scheme}.png`, fullPage: true });
        }
        await context.close();
      }
    });
  }
});
