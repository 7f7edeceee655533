/**
 * Issue 18, "a newsroom readers can trust", on the sample content over the production build:
 * standing pages, kinds of work, corrections, an "Updated" that means something, and what search
 * engines are told about the organisation and each piece. The webhook, the news sitemap's window,
 * a long corrections list and the threshold setting run on a private server with its own content.
 */
import { expectNoAxeViolations } from "./support/axe";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import fs from "node:fs";
import path from "node:path";
import e2e from "./env.json";
import { startPrivateServer, type PrivateServer } from "./support/private-server";

const SITE_URL = e2e.env.SITE_URL;
const PREVIEW_SECRET = e2e.env.PREVIEW_SECRET;
const REVALIDATE_SECRET = e2e.env.REVALIDATE_SECRET;

const PAGES = [
  { path: "/about", title: "About the Ledger", nav: "header", updatedAt: "2026-11-02T09:00:00.000Z" },
  { path: "/contact", title: "Contact us", nav: "header", updatedAt: "2026-10-20T09:00:00.000Z" },
  { path: "/ethics", title: "Our ethics code", nav: "footer", updatedAt: "2026-09-01T09:00:00.000Z" },
  { path: "/corrections-policy", title: "Corrections policy", nav: "footer", updatedAt: "2026-09-01T09:00:00.000Z" },
  { path: "/privacy", title: "Privacy notice", nav: "footer", updatedAt: "2026-10-01T09:00:00.000Z" },
];

const OPINION = "/opinion/our-view-sea-wall-and-ferry";
const LETTERS = "/opinion/reader-letters-roundup";
const REVIEW = "/culture/books/review-the-salt-almanac";
const ANALYSIS = "/news/world-news/kessovar-election-result";
const EXPLAINER = "/news/election-guide-port-wren";
const OBITUARY = "/culture/obituary-edda-quill";
const SPONSORED = "/sport/sponsored-cove-sailing-school-winter";
const NEWS = "/news/local/school-flood-drill";
const CORRECTED = "/news/world-news/grain-ships-rerouted";
const TINY_UPDATE = "/news/world-news/undersea-cable-repair";

type Node = Record<string, unknown>;

/** The page's one JSON-LD @graph, as the server sent it. */
async function graphOf(request: APIRequestContext, url: string): Promise<Node[]> {
  const html = await (await request.get(url)).text();
  const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]));
  expect(blocks, url).toHaveLength(1);
  return blocks[0]["@graph"] as Node[];
}

const background = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => getComputedStyle(el).backgroundColor);

test.describe("standing pages", () => {
  for (const p of PAGES) {
    test(`${p.path}: Home › ${p.title}, the title, when it was last updated, a body`, async ({ page }) => {
      const response = await page.goto(p.path);
      expect(response?.status()).toBe(200);
      const crumbs = page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("listitem");
      await expect(crumbs).toHaveCount(2);
      await expect(crumbs.nth(0).getByRole("link", { name: "Home" })).toHaveAttribute("href", "/");
      await expect(crumbs.nth(1).locator('[aria-current="page"]')).toHaveText(p.title);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(p.title);
      const updated = page.getByTestId("standing-page").locator("header").getByText(/^Last updated/);
      await expect(updated.locator("time")).toHaveAttribute("datetime", p.updatedAt);
      expect(await page.getByTestId("standing-page").locator(".prose p").count()).toBeGreaterThan(1);
      await expect(page).toHaveTitle(`${p.title} | The Harbour Ledger`);
      expect(await page.locator('link[rel="canonical"]').getAttribute("href")).toBe(`${SITE_URL}${p.path}`);
    });
  }

  test("are linked from the header or the footer by their nav, and the links work", async ({ page }) => {
    await page.goto("/news");
    const header = page.getByRole("navigation", { name: "About the newsroom" });
    await expect(header.getByRole("link")).toHaveText(PAGES.filter((p) => p.nav === "header").map((p) => p.title));
    const footer = page.getByRole("navigation", { name: "About The Harbour Ledger" });
    for (const p of PAGES) await expect(footer.getByRole("link", { name: p.title, exact: true })).toHaveAttribute("href", p.path);
    await expect(footer.getByRole("link", { name: "Corrections", exact: true })).toHaveAttribute("href", "/corrections");
    await header.getByRole("link", { name: "Contact us" }).click();
    await expect(page).toHaveURL(/\/contact$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Contact us");
    await page.getByRole("contentinfo").getByRole("link", { name: "Our ethics code" }).click();
    await expect(page).toHaveURL(/\/ethics$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Our ethics code");
  });

  test("an unknown page is a real 404, and a page has no sub-paths or pagination", async ({ request, page }) => {
    for (const p of ["/aboutt", "/about/team", "/about/page/2", "/standing-pages/about"]) {
      const res = await request.get(p, { maxRedirects: 0 });
      expect(res.status(), p).toBe(404);
      expect(await res.text(), p).toContain("We can’t find that page");
    }
    await page.goto("/aboutt");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("We can’t find that page");
  });

  test("are in the sitemap with their dates, beside /corrections", async ({ request }) => {
    const xml = await (await request.get("/sitemap.xml")).text();
    for (const p of PAGES) expect(xml, p.path).toContain(`<loc>${SITE_URL}${p.path}</loc>\n    <lastmod>${p.updatedAt}</lastmod>`);
    expect(xml).toContain(`<loc>${SITE_URL}/corrections</loc>\n    <lastmod>2026-11-25T16:20:00.000Z</lastmod>`);
  });

  test("tell search engines what they are: a WebPage of the organisation with its breadcrumb", async ({ request }) => {
    const graph = await graphOf(request, "/ethics");
    expect(graph.find((n) => n["@type"] === "WebPage")).toMatchObject({ name: "Our ethics code", url: `${SITE_URL}/ethics`, dateModified: "2026-09-01T09:00:00.000Z" });
    expect(graph.find((n) => n["@type"] === "BreadcrumbList")?.itemListElement).toEqual([
      { "@type": "ListItem", position: 1, name: "Home", item: `${SITE_URL}/` },
      { "@type": "ListItem", position: 2, name: "Our ethics code" },
    ]);
  });

  test("preview them like articles: /api/draft?page=… opens the page with the banner, exit returns to it", async ({ page, request }) => {
    const headers = { "X-Forwarded-For": `10.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` };
    await page.setExtraHTTPHeaders(headers);
    await page.goto(`/api/draft?secret=${PREVIEW_SECRET}&page=ethics`);
    await expect(page).toHaveURL(/\/ethics$/);
    const banner = page.getByRole("region", { name: "Preview" });
    await expect(banner).toContainText("Preview — published version");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Our ethics code");
    expect(await page.locator('meta[name="robots"]').getAttribute("content")).toContain("noindex");
    await banner.getByRole("button", { name: "Exit preview" }).click();
    await expect(page).toHaveURL(/\/ethics$/);
    await expect(page.getByRole("region", { name: "Preview" })).toHaveCount(0);

    const get = (q: string) => request.get(`/api/draft?${q}`, { maxRedirects: 0, headers });
    expect((await get(`secret=${PREVIEW_SECRET}&page=ethics`)).headers()["location"]).toBe("/ethics");
    expect((await get(`secret=${PREVIEW_SECRET}&page=no-such-page`)).status()).toBe(404);
    expect((await get(`secret=${PREVIEW_SECRET}&page=ethics&slug=draft-budget-leak`)).status()).toBe(400);
    expect((await get(`secret=${PREVIEW_SECRET}&page=ethics&page=about`)).status()).toBe(400);
    expect((await get(`secret=${PREVIEW_SECRET}&page=%2F%2Fevil.example`)).status()).toBe(400);
    expect((await get("secret=wrong-wrong-wrong-wrong&page=ethics")).status()).toBe(401);
  });
});

test.describe("kinds of work", () => {
  const LABELLED: [string, string, string][] = [
    [OPINION, "opinion", "Opinion"],
    [REVIEW, "review", "Review"],
    [ANALYSIS, "analysis", "Analysis"],
    [EXPLAINER, "explainer", "Explainer"],
    [OBITUARY, "obituary", "Obituary"],
  ];
  for (const [url, kind, label] of LABELLED) {
    test(`${label}: labelled just above the headline`, async ({ page }) => {
      await page.goto(url);
      const header = page.locator("article header").first();
      await expect(header).toHaveAttribute("data-kind", kind);
      const kicker = header.locator("p").first();
      await expect(kicker).toContainText(label, { ignoreCase: true });
      // The label comes before the headline in reading order.
      const labelBox = (await kicker.boundingBox())!;
      const headline = (await page.getByRole("heading", { level: 1 }).boundingBox())!;
      expect(labelBox.y).toBeLessThan(headline.y);
    });
  }

  test("news carries no label", async ({ page }) => {
    await page.goto(NEWS);
    const header = page.locator("article header").first();
    await expect(header).toHaveAttribute("data-kind", "news");
    await expect(header.locator("[data-kind]")).toHaveCount(0);
    await expect(header.locator("p").first()).toHaveText("Local");
  });

  test("opinion, analysis and review look different from news: a band of their colour, opinion with the writer's photo", async ({ page }) => {
    await page.goto(NEWS);
    const newsBand = await background(page, "article header > div");
    const newsWeight = await page.getByRole("heading", { level: 1 }).evaluate((el) => getComputedStyle(el).fontWeight);
    expect(newsBand).toBe("rgba(0, 0, 0, 0)");
    const bands = new Set<string>();
    for (const url of [OPINION, ANALYSIS, REVIEW]) {
      await page.goto(url);
      const band = await background(page, "article header > div");
      expect(band, url).not.toBe(newsBand);
      bands.add(band);
      const top = await page.locator("article header > div").first().evaluate((el) => getComputedStyle(el).borderTopWidth);
      expect(parseFloat(top), url).toBeGreaterThanOrEqual(3);
    }
    expect(bands.size, "each kind has its own colour").toBe(3);

    await page.goto(OPINION);
    expect(await page.getByRole("heading", { level: 1 }).evaluate((el) => getComputedStyle(el).fontWeight)).not.toBe(newsWeight);
    const columnist = page.getByTestId("columnists").getByRole("listitem").first();
    const photo = columnist.getByRole("img");
    await expect(photo).toHaveAttribute("src", /maren-okafor\.svg/);
    expect((await photo.boundingBox())!.width).toBeGreaterThanOrEqual(64);
    await expect(columnist.getByRole("link", { name: "Maren Okafor" })).toHaveAttribute("href", "/authors/maren-okafor");
    await expect(columnist).toContainText("Editor");

    // A review's headline is in italics (in English; Arabic has none: e2e/editions/ar.spec.ts).
    await page.goto(REVIEW);
    expect(await page.getByRole("heading", { level: 1 }).evaluate((el) => getComputedStyle(el).fontStyle)).toBe("italic");
  });

  test("sponsored: always labelled, who it is not from, its outbound links rel=sponsored, internal ones not", async ({ page }) => {
    await page.goto(SPONSORED);
    const notice = page.getByTestId("sponsored-notice");
    await expect(notice).toBeVisible();
    await expect(notice).toContainText("Sponsored");
    await expect(notice).toContainText("paid for by an advertiser, not written by our newsroom");
    const outbound = page.getByTestId("article").locator('.prose a[href^="https://cove-sailing.example"]');
    await expect(outbound).toHaveCount(2);
    for (const rel of await outbound.evaluateAll((els) => els.map((e) => e.getAttribute("rel")))) expect(rel?.split(" ")).toEqual(expect.arrayContaining(["sponsored", "noopener"]));
    await expect(page.getByTestId("article").getByRole("link", { name: "this autumn’s regatta" })).toHaveAttribute("href", "/sport/regatta-results");
    await expect(page.getByTestId("article").getByRole("link", { name: "this autumn’s regatta" })).not.toHaveAttribute("rel", /sponsored/);
    // Ordinary articles' outbound links are not marked paid.
    await page.goto(LETTERS);
    expect(await page.locator('.prose a[rel~="sponsored"]').count()).toBe(0);
  });

  test("the label is on cards in lists and related articles, and in the JSON API", async ({ page, request }) => {
    await page.goto("/sport");
    const sponsoredCard = page.locator("main article").filter({ hasText: "Winter on the water" });
    await expect(sponsoredCard.locator('[data-kind="sponsored"]')).toHaveText("Sponsored");
    await page.goto("/culture/books");
    await expect(page.locator("main article").filter({ hasText: "The Salt Almanac" }).locator('[data-kind="review"]')).toHaveText("Review");
    await page.goto("/opinion");
    // In the Opinion section one kicker says it, not two.
    const letters = page.locator("main article").filter({ hasText: "Letters: the bridge" });
    await expect(letters.locator('[data-kind="opinion"]')).toHaveText("Opinion");
    await expect(letters.locator("p").first()).toHaveText("Opinion");
    await page.goto(OPINION);
    await expect(page.getByTestId("related").locator("article").filter({ hasText: "Letters: the bridge" }).locator('[data-kind="opinion"]')).toBeVisible();

    const api = await (await request.get("/api/articles?section=sport&limit=50")).json();
    const paid = api.items.find((i: { slug: string }) => i.slug === "sponsored-cove-sailing-school-winter");
    expect(paid).toMatchObject({ kind: "sponsored", kindLabel: "Sponsored" });
    const plain = api.items.find((i: { slug: string }) => i.slug === "regatta-results");
    expect(plain.kind).toBe("news");
    expect(plain.kindLabel).toBeUndefined();
  });

  test("a sponsored piece is never the home page's lead story", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("region", { name: "Lead story" }).locator('[data-kind="sponsored"]')).toHaveCount(0);
  });

  test("search engines get the schema.org type of each kind", async ({ request }) => {
    const typeOf = async (url: string) => (await graphOf(request, url)).find((n) => n["@type"] !== "BreadcrumbList")!["@type"];
    expect(await typeOf(OPINION)).toBe("OpinionNewsArticle");
    expect(await typeOf(LETTERS)).toBe("OpinionNewsArticle");
    expect(await typeOf(ANALYSIS)).toBe("AnalysisNewsArticle");
    expect(await typeOf(REVIEW)).toBe("ReviewNewsArticle");
    expect(await typeOf(EXPLAINER)).toBe("BackgroundNewsArticle");
    expect(await typeOf(OBITUARY)).toBe("NewsArticle");
    expect(await typeOf(SPONSORED)).toBe("NewsArticle");
    expect(await typeOf(NEWS)).toBe("NewsArticle");
  });
});

test.describe("corrections", () => {
  test("a dated notice sits under the headline; Updated shows the latest correction, in <time>", async ({ page }) => {
    await page.goto(CORRECTED);
    const notices = page.getByRole("complementary", { name: "Corrections to this article" });
    const items = notices.getByRole("listitem");
    await expect(items).toHaveCount(2);
    await expect(items.nth(0)).toHaveText(/^Correction, October 17, 2026: An earlier version of this article said the cost of chartering/);
    await expect(items.nth(0).locator("time")).toHaveAttribute("datetime", "2026-10-17T09:10:00.000Z");
    await expect(items.nth(1)).toHaveText(/^Correction, October 19, 2026: We also misnamed/);
    await expect(items.nth(1).getByRole("link", { name: "the Belmaris ocean pact" })).toHaveAttribute("href", "/news/world-news/ocean-pact-signed-at-belmaris");
    await expect(notices.getByRole("link", { name: "How we correct our mistakes" })).toHaveAttribute("href", "/corrections-policy");
    // Where readers see it: before the body begins.
    const noticeY = (await notices.boundingBox())!.y;
    const bodyY = (await page.getByTestId("article").locator(".prose").first().boundingBox())!.y;
    expect(noticeY).toBeLessThan(bodyY);
    const times = page.locator("article header").first().locator("time");
    await expect(times).toHaveCount(2);
    await expect(times.nth(1)).toHaveAttribute("datetime", "2026-10-19T14:45:00.000Z");
    await expect(page.locator("article header").first()).toContainText("Updated October 19, 2026");
  });

  test("dateModified is honest and each correction is a CorrectionComment", async ({ request }) => {
    const article = (await graphOf(request, CORRECTED))[0];
    expect(article.dateModified).toBe("2026-10-19T14:45:00.000Z");
    expect(article.correction).toEqual([
      { "@type": "CorrectionComment", datePublished: "2026-10-17T09:10:00.000Z", text: expect.stringMatching(/^An earlier version of this article said/) },
      { "@type": "CorrectionComment", datePublished: "2026-10-19T14:45:00.000Z", text: expect.stringMatching(/^We also misnamed the body .* the Belmaris ocean pact, not a new agency\.$/) },
    ]);
    const html = await (await request.get(CORRECTED)).text();
    expect(html).toMatch(/<meta property="article:modified_time" content="2026-10-19T14:45:00.000Z"/);
    expect((await graphOf(request, NEWS))[0].correction).toBeUndefined();
  });

  test("cards of corrected articles say Updated with the date", async ({ page }) => {
    await page.goto("/news/world-news");
    const card = page.locator("main article").filter({ hasText: "Grain ships rerouted" });
    await expect(card).toContainText("Updated October 19, 2026");
    await expect(card.locator("time").nth(1)).toHaveAttribute("datetime", "2026-10-19T14:45:00.000Z");
  });

  test("/corrections lists every correction newest first, linking to the notice on the article", async ({ page }) => {
    await page.goto("/corrections");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Corrections");
    const crumbs = page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("listitem");
    await expect(crumbs).toHaveCount(2);
    await expect(crumbs.nth(1).locator('[aria-current="page"]')).toHaveText("Corrections");
    const entries = page.getByTestId("corrections-list").getByRole("listitem");
    await expect(entries).toHaveCount(3);
    const dates = await entries.evaluateAll((els) => els.map((e) => e.querySelector("time")!.getAttribute("datetime")));
    expect(dates).toEqual(["2026-11-25T16:20:00.000Z", "2026-10-19T14:45:00.000Z", "2026-10-17T09:10:00.000Z"]);
    await expect(entries.nth(0)).toContainText("Gull Island ballot boxes");
    await expect(page.getByRole("link", { name: "How we correct our mistakes" })).toHaveAttribute("href", "/corrections-policy");
    expect(await page.locator('link[rel="alternate"][type="application/rss+xml"]').getAttribute("href")).toBe(`${SITE_URL}/corrections/feed.xml`);
    await entries.nth(2).getByRole("heading").getByRole("link").click();
    await expect(page).toHaveURL(/\/news\/world-news\/grain-ships-rerouted#correction-20261017t091000z$/);
    await expect(page.locator("#correction-20261017t091000z")).toContainText("risen by half in a week");
    await expect(page.locator("#correction-20261017t091000z")).toBeInViewport();
  });

  test("/corrections is paginated in the path: /page/1 redirects, a page past the end is 404", async ({ request }) => {
    const first = await request.get("/corrections/page/1", { maxRedirects: 0 });
    expect(first.status()).toBe(301);
    expect(first.headers()["location"]).toMatch(/\/corrections$/);
    for (const p of ["/corrections/page/2", "/corrections/page/0", "/corrections/more", "/correction-pages/1"]) expect((await request.get(p)).status(), p).toBe(404);
  });

  test("the corrections feed carries every correction, newest first, linking to its notice", async ({ request }) => {
    const res = await request.get("/corrections/feed.xml");
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toMatch(/application\/rss\+xml/);
    expect(res.headers()["cache-control"]).toMatch(/s-maxage=\d+/);
    const body = await res.text();
    expect(XMLValidator.validate(body)).toBe(true);
    const channel = new XMLParser({ cdataPropName: "#cdata", isArray: (n) => n === "item" }).parse(body).rss.channel;
    expect(channel.link).toBe(`${SITE_URL}/corrections`);
    expect(channel.item.map((i: { link: string }) => i.link)).toEqual([
      `${SITE_URL}/news/election-guide-port-wren#correction-20261125t162000z`,
      `${SITE_URL}/news/world-news/grain-ships-rerouted#correction-20261019t144500z`,
      `${SITE_URL}/news/world-news/grain-ships-rerouted#correction-20261017t091000z`,
    ]);
    expect(channel.item[1].description["#cdata"]).toContain(`<a href="${SITE_URL}/news/world-news/ocean-pact-signed-at-belmaris">`);
  });
});

test.describe("an Updated that means something", () => {
  test("a fix fourteen minutes after publication shows no Updated line, yet dateModified stays true", async ({ page, request }) => {
    await page.goto(TINY_UPDATE);
    const header = page.locator("article header").first();
    await expect(header.locator("time")).toHaveCount(1);
    await expect(header).not.toContainText("Updated");
    const article = (await graphOf(request, TINY_UPDATE))[0];
    expect(article.dateModified).toBe("2026-11-05T07:34:00.000Z");
  });

  test("an update hours later is shown, inside <time>", async ({ page }) => {
    await page.goto("/news/world-news/calder-strait-ferry-strike");
    const updated = page.locator("article header").first().locator("time").nth(1);
    await expect(updated).toHaveAttribute("datetime", "2026-09-01T16:05:00.000Z");
    await expect(page.locator("article header").first()).toContainText(/Updated September 1, 2026/);
  });
});

test("search engines see a NewsMediaOrganization with its ethics, corrections policy, ownership and logo", async ({ request }) => {
  const expected = {
    "@type": "NewsMediaOrganization",
    name: "The Harbour Ledger",
    url: `${SITE_URL}/`,
    logo: { "@type": "ImageObject", url: `${SITE_URL}/logo.svg` },
    publishingPrinciples: `${SITE_URL}/ethics`,
    correctionsPolicy: `${SITE_URL}/corrections-policy`,
    ownershipFundingInfo: `${SITE_URL}/about`,
  };
  expect((await graphOf(request, "/")).find((n) => n["@type"] === "NewsMediaOrganization")).toMatchObject(expected);
  expect((await graphOf(request, OPINION))[0].publisher).toMatchObject(expected);
  // Each policy is a live page.
  for (const url of [expected.publishingPrinciples, expected.correctionsPolicy, expected.ownershipFundingInfo]) {
    expect((await request.get(url.slice(SITE_URL.length), { maxRedirects: 0 })).status(), url).toBe(200);
  }
});

test.describe("accessibility and looks", () => {
  const LOOKED_AT: Record<string, string> = { "standing-page": "/about", corrections: "/corrections", opinion: OPINION, sponsored: SPONSORED };
  for (const scheme of ["light", "dark"] as const) {
    for (const [name, url] of Object.entries(LOOKED_AT)) {
      test(`axe: no WCAG 2.1 A/AA violations on ${name} (${scheme})`, async ({ browser }) => {
        await expectNoAxeViolations(browser, url, scheme);
      });
    }
  }

  for (const width of [360, 1280]) {
    test(`at ${width}px nothing overflows; screenshots saved`, async ({ browser }) => {
      test.setTimeout(180_000); // eight full-page screenshots
      for (const scheme of ["light", "dark"] as const) {
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
        const page = await context.newPage();
        for (const [name, url] of Object.entries(LOOKED_AT)) {
          await page.goto(url);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expect(overflow, `${name} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
          await page.screenshot({ path: `e2e/screenshots/trust-${name}-${width}-${scheme}.png`, fullPage: true });
        }
        await context.close();
      }
    });
  }
});

// ---- On a private server with its own copy of the content ----------------------------------

const HOUR = 60 * 60 * 1000;
const FRESH_NEWS = { slug: "harbour-crane-arrives", title: "New harbour crane arrives by barge" };
const FRESH_SPONSORED = { slug: "sponsored-chandlery-winter-sale", title: "Sponsored: the chandlery's winter sale" };
const article = (title: string, extra: string) =>
  `---\ntitle: "${title}"\nsection: news/local\nauthors: [ines-calloway]\npublishedAt: ${new Date(Date.now() - HOUR).toISOString()}\n${extra}---\nThe quay was busy on Tuesday morning.\n`;
const MANY = 23;

test.describe("on a private server", () => {
  test.describe.configure({ mode: "serial" });
  let server: PrivateServer;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    server = await startPrivateServer({
      portOffset: 20,
      prepare: (content) => {
        fs.writeFileSync(path.join(content, "articles", `${FRESH_NEWS.slug}.md`), article(FRESH_NEWS.title, ""));
        fs.writeFileSync(path.join(content, "articles", `${FRESH_SPONSORED.slug}.md`), article(FRESH_SPONSORED.title, "kind: sponsored\n"));
        const corrections = Array.from({ length: MANY }, (_, i) => `  - { date: 2026-11-${String(i + 1).padStart(2, "0")}T10:00:00Z, text: "Fix number ${i + 1}." }`).join("\n");
        fs.writeFileSync(
          path.join(content, "articles", "many-corrections.md"),
          `---\ntitle: A much-corrected story\nsection: news/local\nauthors: [ines-calloway]\npublishedAt: 2026-10-31T09:00:00Z\ncorrections:\n${corrections}\n---\nA story we got wrong often.\n`,
        );
        const site = path.join(content, "site.yml");
        fs.writeFileSync(site, fs.readFileSync(site, "utf8").replace("updatedThresholdMinutes: 30", "updatedThresholdMinutes: 10"));
      },
    });
    // The copied build prerendered the shipped content; as after any deploy, the webhook makes the
    // pages follow the folder they now read.
    expect((await revalidate({ all: true })).status).toBe(200);
  });
  test.afterAll(() => server?.stop());

  const get = (p: string) => fetch(`${server.base}${p}`);
  const text = async (p: string) => (await get(p)).text();
  const revalidate = (body: unknown): Promise<Response> =>
    fetch(`${server.base}/api/revalidate`, {
      method: "POST",
      headers: { Authorization: `Bearer ${REVALIDATE_SECRET}`, "Content-Type": "application/json", "X-Forwarded-For": "10.18.0.1" },
      body: JSON.stringify(body),
    });

  test("the news sitemap lists a fresh news story but never a fresh sponsored one", async () => {
    const xml = await text("/news-sitemap.xml");
    expect(xml).toContain(`/news/local/${FRESH_NEWS.slug}</loc>`);
    expect(xml).not.toContain(FRESH_SPONSORED.slug);
    // It is still an ordinary, visible page, in the general sitemap.
    expect((await get(`/news/local/${FRESH_SPONSORED.slug}`)).status).toBe(200);
    expect(await text("/sitemap.xml")).toContain(`/news/local/${FRESH_SPONSORED.slug}</loc>`);
  });

  test("/corrections pages through a long list in the path, newest first", async ({ page }) => {
    await page.goto(`${server.base}/corrections`);
    const entries = page.getByTestId("corrections-list").getByRole("listitem");
    await expect(entries).toHaveCount(20);
    await expect(entries.nth(0)).toContainText("Gull Island ballot boxes"); // 25 November
    await expect(entries.nth(1)).toContainText("Fix number 23."); // 23 November
    await page.getByRole("navigation", { name: "Pagination" }).getByRole("link", { name: /Older/ }).click();
    await expect(page).toHaveURL(/\/corrections\/page\/2$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Corrections — page 2");
    // 23 + the sample content's 3.
    await expect(entries).toHaveCount(6);
    expect((await get("/corrections/page/3")).status).toBe(404);
  });

  test("the threshold comes from site.yml: at 10 minutes the fourteen-minute fix shows as Updated", async ({ page }) => {
    await page.goto(`${server.base}${TINY_UPDATE}`);
    await expect(page.locator("article header").first().locator("time")).toHaveCount(2);
    await expect(page.locator("article header").first()).toContainText("Updated");
  });

  test('the webhook {"page": …} refreshes an edited page, its title in the navigation, and adds and removes pages', async () => {
    const about = path.join(server.content, "pages", "about.md");
    expect(await text("/about")).toContain("About the Ledger");
    expect(await text("/news")).toContain(">About the Ledger</a>");
    fs.writeFileSync(about, fs.readFileSync(about, "utf8").replace("title: About the Ledger", "title: Who we are").replace("Six people make the Ledger", "Seven people make the Ledger"));
    expect(await text("/about"), "cached until the webhook").toContain("About the Ledger");

    const res = await revalidate({ page: "about" });
    expect(res.status).toBe(200);
    const plan = await res.json();
    expect(plan.tags).toEqual(expect.arrayContaining(["page:about", "pages"]));
    expect(plan.paths).toContain("/standing-pages/about");
    const html = await text("/about");
    expect(html).toContain("Seven people make the Ledger");
    expect(html).toContain("<h1");
    expect(html).toMatch(/<h1[^>]*>Who we are<\/h1>/);
    // Its title changed, so the header and footer of every page follow.
    const news = await text("/news");
    expect(news).toContain(">Who we are</a>");
    expect(news).not.toContain(">About the Ledger</a>");

    const letters = path.join(server.content, "pages", "letters.md");
    fs.writeFileSync(letters, "---\ntitle: Write to the Ledger\nupdatedAt: 2026-11-30T09:00:00Z\n---\nLetters go to the newsroom on Quay Street.\n");
    expect((await get("/letters")).status).toBe(404);
    expect((await revalidate({ page: "letters" })).status).toBe(200);
    expect((await get("/letters")).status).toBe(200);
    expect(await text("/")).toContain(">Write to the Ledger</a>");
    expect(await text("/sitemap.xml")).toContain("/letters</loc>");

    fs.rmSync(letters);
    expect((await revalidate({ page: "letters" })).status).toBe(200);
    expect((await get("/letters")).status).toBe(404);
    expect(await text("/")).not.toContain("Write to the Ledger");

    expect((await revalidate({ page: "no-such-page" })).status).toBe(404);
    expect((await revalidate({ page: "Not A Slug" })).status).toBe(400);
  });

  test("a correction added on disk reaches the article, /corrections and the feed after the webhook", async () => {
    const file = path.join(server.content, "articles", "school-flood-drill.md");
    expect(await text("/corrections")).not.toContain("Port Wren schools rehearse");
    fs.writeFileSync(
      file,
      fs.readFileSync(file, "utf8").replace("\n---\n", '\ncorrections:\n  - { date: 2026-11-30T15:00:00Z, text: "The drill was on a Thursday, not a Friday." }\n---\n'),
    );
    expect((await revalidate({ slug: "school-flood-drill" })).status).toBe(200);
    const html = await text(NEWS);
    expect(html).toContain("The drill was on a Thursday, not a Friday.");
    expect(html).toMatch(/datetime="2026-11-30T15:00:00.000Z"/i);
    expect(await text("/corrections")).toContain("Port Wren schools rehearse");
    expect(await text("/corrections/feed.xml")).toContain("/news/local/school-flood-drill#correction-20261130t150000z");
  });
});
