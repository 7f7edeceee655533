import { expectNoAxeViolations } from "../support/axe";
import { expect, test, type Page } from "@playwright/test";
import { englishFragments, englishIn, pageTexts } from "./english";
import { noMailServerTest } from "./no-mail-server";

/**
 * The Arabic sample site (content-ar, built into .next-ar): the reader journeys of the English
 * suite in a right-to-left language, and what makes RTL right rather than mirrored by accident.
 */
const SITE = "https://ar.harbour-ledger.example";
const ARTICLE = "/akhbar/mahalliya/jisr-al-marfa";
const TITLE = "جسر المرفأ يعود إلى العمل بعد 14 شهرًا من الترميم";
const TRANSLATED = "/akhbar/alam/mithaq-al-muhit";
const ENGLISH_STORY = "https://harbour-ledger.example/news/world-news/ocean-pact-signed-at-belmaris";
const FRENCH_STORY = "https://fr.harbour-ledger.example/actualites/monde/pacte-oceanique-belmaris";

const PAGES: Record<string, string> = {
  home: "/",
  section: "/akhbar",
  article: ARTICLE,
  author: "/authors/layla-haddad",
  tag: "/tags/" + encodeURIComponent("الميناء"),
  search: "/search?q=" + encodeURIComponent("المرفأ"),
  "not-found": "/la-tujad-hadhihi-alsafha",
  corrected: "/iqtisad/souq-al-samak",
  review: "/thaqafa/kutub/taqwim-al-milh",
  corrections: "/corrections",
  about: "/man-nahnu",
};

/** Scrolls to the end of an article so the slide-in opens, then back. */
async function openSlideIn(page: Page) {
  await page.locator("#article-end").scrollIntoViewIfNeeded();
  await expect(page.getByTestId("check-also-card")).toHaveAttribute("data-open", "true");
}

test.describe("the Arabic site", () => {
  test("the document is Arabic, right to left, in every page", async ({ page }) => {
    test.setTimeout(120_000); // six pages on a shared machine
    for (const path of Object.values(PAGES)) {
      await page.goto(path);
      await expect(page.locator("html"), path).toHaveAttribute("lang", "ar");
      await expect(page.locator("html"), path).toHaveAttribute("dir", "rtl");
    }
  });

  test("article anatomy: breadcrumb, header, dates in Dubai time, reading time, tags, contents", async ({ page }) => {
    await page.goto(ARTICLE);
    const crumbs = page.getByRole("navigation", { name: "مسار التنقل" });
    const items = crumbs.getByRole("listitem");
    await expect(items).toHaveCount(4);
    await expect(items.nth(0).getByRole("link")).toHaveText("الرئيسية");
    await expect(items.nth(1).getByRole("link")).toHaveAttribute("href", "/akhbar");
    await expect(items.nth(2).getByRole("link")).toHaveAttribute("href", "/akhbar/mahalliya");
    await expect(items.nth(3).locator('[aria-current="page"]')).toHaveText(TITLE);

    const header = page.locator("article header").first();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
    await expect(header.getByRole("link", { name: "ليلى حداد" })).toHaveAttribute("href", "/authors/layla-haddad");
    await expect(header).toContainText("بقلم ليلى حداد");
    const times = header.locator("time");
    await expect(times.nth(0)).toHaveAttribute("datetime", "2026-11-05T04:15:00.000Z");
    // 04:15 UTC is 8:15 in the morning in Dubai (UTC+4), written the Arabic way.
    await expect(header).toContainText("نُشر في 5 نوفمبر 2026 في 8:15 ص غرينتش+4");
    await expect(header).toContainText("حُدّث في 5 نوفمبر 2026 في 5:40 م غرينتش+4");
    await expect(header).toContainText(/مدة القراءة: (دقيقة واحدة|دقيقتان|\d+ دقائق|\d+ دقيقة)/);
    await expect(header.getByRole("list", { name: "الوسوم" }).getByRole("link", { name: "المجلس البلدي" })).toBeVisible();

    // Four subheadings but a short read: no outline box (components/TableOfContents.tsx); each
    // subheading keeps its self-link.
    await expect(page.getByRole("navigation", { name: "في هذا المقال" })).toHaveCount(0);
    const subheading = page.getByRole("heading", { level: 2, name: /العبّارة المؤقتة تتوقف/ });
    await subheading.getByRole("link").focus();
    await page.keyboard.press("Enter");
    await expect(subheading).toBeInViewport();

    // The body's table and quotation read right to left too.
    const table = page.locator("article table");
    await expect(table.locator("th").first()).toHaveText("الفترة");
    expect(await table.locator("th").first().evaluate((el) => getComputedStyle(el).textAlign)).toMatch(/start|right/);
    await expect(page.locator("article blockquote")).toContainText("كنا نحسب الأيام");
  });

  test("right to left is laid out, not mirrored by accident", async ({ page }) => {
    await page.goto(ARTICLE);
    const vw = page.viewportSize()!.width;
    // The masthead starts at the right; the trail runs right to left and its separators point left.
    const name = await page.getByRole("banner").getByRole("link", { name: "سجلّ المرفأ" }).boundingBox();
    expect(name!.x + name!.width).toBeGreaterThan(vw * 0.8);
    const crumbs = page.getByRole("navigation", { name: "مسار التنقل" }).getByRole("listitem");
    const home = (await crumbs.nth(0).boundingBox())!;
    const section = (await crumbs.nth(1).boundingBox())!;
    expect(home.x).toBeGreaterThan(section.x);
    const separator = crumbs.nth(0).locator('[aria-hidden="true"]');
    expect(await separator.evaluate((el) => getComputedStyle(el).scale)).toBe("-1 1");
    // The inline "Check also" rule is on the reading-start (right) side.
    const inline = page.locator('[data-check-also="inline"]');
    await expect(inline).toContainText("اقرأ أيضًا:");
    expect(await inline.evaluate((el) => [getComputedStyle(el).borderRightWidth, getComputedStyle(el).borderLeftWidth])).toEqual(["4px", "0px"]);
    // Numbers, Latin brand names and a phone number embedded in Arabic keep their own order.
    await expect(page.getByTestId("article")).toContainText("OceanLink");
    await expect(page.getByTestId("article")).toContainText("11,400");
    // An isolated phone number (<bdi dir="ltr"> in the story) reads left to right: "+971" before "0199".
    const phone = page.locator('article bdi[dir="ltr"]');
    await expect(phone).toHaveText("+971 4 555 0199");
    const [plus, last] = await phone.evaluate((el) => {
      const text = el.firstChild!;
      const at = (i: number) => {
        const r = document.createRange();
        r.setStart(text, i);
        r.setEnd(text, i + 1);
        return r.getBoundingClientRect().left;
      };
      return [at(0), at(text.textContent!.length - 1)];
    });
    expect(plus).toBeLessThan(last);
  });

  test("the 'Check also' card sits in the margin at the reading end (the left) and closes", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(ARTICLE);
    const card = page.getByTestId("check-also-card");
    await expect(card).toHaveAttribute("data-open", "false");
    await expect(card).toBeHidden();
    await openSlideIn(page);
    await expect(card).toHaveAttribute("aria-label", "اقرأ أيضًا");
    await expect(card).toContainText("اقرأ أيضًا · ");
    // Beside the column, never over it: the left margin in Arabic.
    const column = (await page.getByTestId("article").boundingBox())!;
    await expect.poll(async () => Math.round((await card.boundingBox())!.x + (await card.boundingBox())!.width)).toBeLessThanOrEqual(Math.round(column.x));
    expect((await card.boundingBox())!.x).toBeGreaterThanOrEqual(0);
    await page.screenshot({ path: "e2e/screenshots/ar-check-also-1280-light.png" });
    await card.getByRole("button", { name: "إغلاق" }).click();
    await expect(card).toBeHidden();
  });

  test("the Arabic text face comes from the site itself and draws the headline; no Hebrew file is fetched", async ({ page }) => {
    const fonts: string[] = [];
    page.on("requestfinished", (r) => {
      if (r.resourceType() === "font") fonts.push(r.url());
    });
    await page.goto(ARTICLE, { waitUntil: "networkidle" });
    await page.evaluate(() => document.fonts.ready);
    const origin = new URL(page.url()).origin;
    for (const url of fonts) expect(url.startsWith(`${origin}/_next/static/media/`), url).toBe(true);
    expect(fonts.some((u) => /noto_naskh_arabic_arabic/.test(u)), fonts.join("\n")).toBe(true);
    expect(fonts.filter((u) => /hebrew/i.test(u))).toEqual([]);
    const drawn = await page.getByRole("heading", { level: 1 }).evaluate((h1) => {
      const first = getComputedStyle(h1).fontFamily.split(",")[0].trim().replace(/^["']|["']$/g, "");
      return [...document.fonts].some((f) => f.family.replace(/^["']|["']$/g, "") === first && f.status === "loaded");
    });
    expect(drawn).toBe(true);
  });

  test("donation box: amounts in dirhams, labels in Arabic, real provider links", async ({ page }) => {
    await page.goto(ARTICLE);
    const box = page.getByTestId("donation");
    await expect(box.getByRole("heading", { name: "ساند الصحافة المستقلة" })).toBeVisible();
    // One row of amounts; the ways to pay are tabs under it (the first, the card, is chosen).
    await box.getByTestId("donation-ways").getByText("PayPal").click();
    const paypal25 = box.getByRole("link", { name: /^تبرّع بمبلغ .*25 د\.إ\..* عبر PayPal$/ });
    await expect(paypal25).toHaveAttribute("href", /amount=25&currency_code=AED$/);
    await expect(paypal25).toContainText("د.إ.");
    await expect(box.getByLabel("مبلغ آخر (AED)")).toBeVisible();
    await expect(box.getByLabel("الدفع عبر")).toBeVisible();
    await expect(box.getByRole("button", { name: "تبرّع" })).toBeVisible();
  });

  test("author box, related articles and share links are in Arabic", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto(ARTICLE);
    const bio = page.getByRole("region", { name: "عن ليلى حداد" });
    await expect(bio.getByRole("link", { name: "المزيد من مقالات ليلى حداد" })).toHaveAttribute("href", "/authors/layla-haddad");
    await expect(page.getByTestId("related").getByRole("heading", { name: "مقالات ذات صلة" })).toBeVisible();
    const share = page.getByRole("region", { name: "شارك هذا المقال" });
    await expect(share.getByRole("link", { name: /^فيسبوك/ })).toHaveAttribute("href", new RegExp(`facebook\\.com/sharer/sharer\\.php\\?u=${encodeURIComponent(SITE + ARTICLE).replace(/[.%]/g, "\\$&")}`));
    await share.getByRole("link", { name: "نسخ الرابط" }).click();
    await expect(share.getByRole("link", { name: "نُسخ الرابط" })).toBeVisible();
  });

  test("a Latin name in an Arabic byline is isolated and joined with the Arabic conjunction", async ({ page }) => {
    await page.goto(TRANSLATED);
    const byline = page.getByTestId("article").locator("header p").filter({ hasText: "بقلم" });
    await expect(byline).toHaveText("بقلم Tobias Lindqvist وعمر الصايغ");
    await expect(byline.locator("bdi")).toHaveCount(2);
  });

  test("editions: hreflang in the head, and the switcher links to the same story, else to the edition's home", async ({ page, request }) => {
    const html = await (await request.get(TRANSLATED)).text();
    expect(html).toContain(`<link rel="alternate" hrefLang="en" href="${ENGLISH_STORY}"/>`);
    expect(html).toContain(`<link rel="alternate" hrefLang="fr" href="${FRENCH_STORY}"/>`);
    expect(html).toContain(`<link rel="alternate" hrefLang="ar" href="${SITE}${TRANSLATED}"/>`);
    expect(html).toContain(`<link rel="alternate" hrefLang="x-default" href="${ENGLISH_STORY}"/>`);
    expect(html).toMatch(/<meta property="og:locale" content="ar_EG"\/>/);
    expect(html).toContain('<meta property="og:locale:alternate" content="en_US"/>');
    expect(html).toContain('<meta property="og:locale:alternate" content="fr_FR"/>');

    await page.goto(TRANSLATED);
    const editions = page.getByRole("navigation", { name: "الطبعات" });
    await expect(editions.getByRole("link", { name: "English" })).toHaveAttribute("href", ENGLISH_STORY);
    await expect(editions.getByRole("link", { name: "Français" })).toHaveAttribute("href", FRENCH_STORY);
    await expect(editions.getByRole("link", { name: "English" })).toHaveAttribute("lang", "en");
    await expect(editions.getByRole("link", { name: "English" })).toHaveAttribute("dir", "ltr");
    // A story with no translation: the other editions' home pages.
    await page.goto(ARTICLE);
    await expect(editions.getByRole("link", { name: "English" })).toHaveAttribute("href", "https://harbour-ledger.example/");
    // Without JavaScript the switcher still works (to the homes); crawlers have the head links.
    const home = await (await request.get("/")).text();
    expect(home).toMatch(/<link rel="alternate" hrefLang="x-default" href="https:\/\/harbour-ledger\.example\/?"\/>/);
    expect(home).toMatch(/<link rel="alternate" hrefLang="ar" href="https:\/\/ar\.harbour-ledger\.example\/?"\/>/);
  });

  test("search engines: JSON-LD inLanguage, feed language, sitemap alternates", async ({ request }) => {
    const html = await (await request.get(TRANSLATED)).text();
    const ld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]);
    const article = ld["@graph"].find((n: { "@type": string }) => n["@type"] === "NewsArticle");
    expect(article.inLanguage).toBe("ar");
    expect(article.workTranslation).toEqual([
      { "@type": "NewsArticle", url: ENGLISH_STORY, inLanguage: "en" },
      { "@type": "NewsArticle", url: FRENCH_STORY, inLanguage: "fr" },
    ]);
    const feed = await (await request.get("/feed.xml")).text();
    expect(feed).toContain("<language>ar</language>");
    expect(feed).toContain("<title>سجلّ المرفأ</title>");
    const sectionFeed = await (await request.get("/akhbar/feed.xml")).text();
    expect(sectionFeed).toContain("<title>أخبار | سجلّ المرفأ</title>");
    const sitemap = await (await request.get("/sitemap.xml")).text();
    expect(sitemap).toContain('xmlns:xhtml="http://www.w3.org/1999/xhtml"');
    expect(sitemap).toContain(`<xhtml:link rel="alternate" hreflang="en" href="${ENGLISH_STORY}"/>`);
    const news = await (await request.get("/news-sitemap.xml")).text();
    expect(news).toContain('xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"');
  });

  test("search and its empty state are in Arabic, the reader's query isolated", async ({ page }) => {
    await page.goto("/search");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("بحث");
    await expect(page.getByRole("heading", { level: 2 })).toHaveText("اكتب للبحث في الأرشيف");
    const box = page.getByRole("searchbox", { name: "ابحث في المقالات" }).last();
    await box.fill("المرفأ");
    await expect(page.getByRole("heading", { level: 2 })).toHaveText(/^(\d+ نتائج|\d+ نتيجة|نتيجة واحدة|نتيجتان) عن «المرفأ»$/);
    await box.fill("OceanLink 2026");
    await expect(page.getByRole("heading", { level: 2 })).toContainText("عن «OceanLink 2026»");
    await expect(page.getByRole("heading", { level: 2 }).locator("bdi")).toHaveText("OceanLink 2026");
    await box.fill("zzqqxx");
    await expect(page.getByRole("heading", { level: 2 })).toHaveText("لا نتائج عن «zzqqxx»");
    await expect(page.getByText("جرّب كلمات أقل أو مختلفة، أو تصفّح الأقسام أعلاه.")).toBeVisible();
  });

  test("an Arabic tag has its page: the link from the article, its heading and an Arabic count", async ({ page }) => {
    await page.goto(ARTICLE);
    await page.getByRole("list", { name: "الوسوم" }).getByRole("link", { name: "الميناء" }).click();
    await expect(page).toHaveURL(new RegExp(`/tags/${encodeURIComponent("الميناء")}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("وسم: الميناء");
    // Three stories carry the tag: Arabic counts 3–10 with the plural noun.
    await expect(page.getByText("3 مقالات", { exact: true })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "مسار التنقل" }).getByRole("link", { name: "الرئيسية" })).toBeVisible();
  });

  test("the 404 page is in Arabic with status 404", async ({ page }) => {
    const res = await page.goto("/la-tujad-hadhihi-alsafha");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("لم نعثر على هذه الصفحة");
    await expect(page).toHaveTitle("الصفحة غير موجودة | سجلّ المرفأ");
  });

  test("trust in Arabic: a kind label, a dated correction, /corrections and its feed, the About page", async ({ page, request }) => {
    // A review carries its label above the headline, in Arabic, and is a ReviewNewsArticle.
    await page.goto(PAGES.review);
    const review = page.locator("article header").first();
    await expect(review).toHaveAttribute("data-kind", "review");
    await expect(review.locator('[data-kind="review"]')).toHaveText("مراجعة");
    // Set apart by its band, not by slanting Arabic letters (Arabic has no italics).
    expect(await page.getByRole("heading", { level: 1 }).evaluate((el) => getComputedStyle(el).fontStyle)).toBe("normal");

    // The correction: a dated notice in Arabic and in Dubai's calendar; "Updated" follows it.
    await page.goto(PAGES.corrected);
    const notice = page.getByRole("complementary", { name: "تصحيحات هذا المقال" }).getByRole("listitem");
    await expect(notice).toHaveCount(1);
    await expect(notice).toContainText("تصحيح، 14 نوفمبر 2026: ذكرت نسخة سابقة من هذا المقال");
    await expect(notice.locator("time")).toHaveAttribute("datetime", "2026-11-14T06:30:00.000Z");
    await expect(page.locator("article header").first()).toContainText("حُدّث في 14 نوفمبر 2026 في 10:30 ص غرينتش+4");
    const graph = JSON.parse((await page.locator('script[type="application/ld+json"]').first().textContent())!)["@graph"];
    expect(graph[0].correction).toEqual([
      { "@type": "CorrectionComment", datePublished: "2026-11-14T06:30:00.000Z", text: expect.stringContaining("2,350") },
    ]);

    // /corrections: the list in Arabic, each entry linking to its notice; the footer links to it.
    await page.goto(PAGES.corrections);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("التصحيحات");
    await expect(page.getByRole("navigation", { name: "مسار التنقل" }).getByRole("link")).toHaveText(["الرئيسية"]);
    const entry = page.getByTestId("corrections-list").getByRole("listitem");
    await expect(entry).toHaveCount(1);
    await expect(entry.getByRole("link")).toHaveAttribute("href", "/iqtisad/souq-al-samak#correction-20261114t063000z");
    await expect(entry.locator("time").first()).toHaveText("14 نوفمبر 2026");
    const footer = page.getByRole("navigation", { name: "عن سجلّ المرفأ" });
    await expect(footer.getByRole("link", { name: "التصحيحات" })).toHaveAttribute("href", "/corrections");
    const feed = await (await request.get("/corrections/feed.xml")).text();
    expect(feed).toContain("<title>التصحيحات | سجلّ المرفأ</title>");
    expect(feed).toContain("<language>ar</language>");
    expect(feed).toContain("تصحيح على مقال «أسعار السمك ترتفع 12.5% مع انتقال سوق الجملة إلى مبناه الجديد»");

    // The standing page: linked from the header, dated, and the organisation's ownership page.
    await page.getByRole("navigation", { name: "عن غرفة الأخبار" }).getByRole("link", { name: "من نحن" }).click();
    await expect(page).toHaveURL(/\/man-nahnu$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("من نحن");
    await expect(page.getByText(/^آخر تحديث:/)).toContainText("آخر تحديث: 2 نوفمبر 2026");
    const org = JSON.parse((await page.locator('script[type="application/ld+json"]').first().textContent())!)["@graph"][1];
    expect(org).toMatchObject({ "@type": "NewsMediaOrganization", ownershipFundingInfo: `${SITE}/man-nahnu` });
  });

  test("Most read: the stories read lead the home page's list, in Arabic, numbered from the right", async ({ page, request, baseURL }) => {
    test.setTimeout(120_000);
    const stories = [ARTICLE, "/riyada/nadi-al-rayhan-yatahal", "/thaqafa/mahrajan-adwa-al-marfa"];
    // One read by a reader in this browser (scrolled to the end), the rest as the same beacon over HTTP,
    // with margins so that reads other tests cause meanwhile do not change the order.
    await page.goto(stories[0]);
    const answered = page.waitForResponse((r) => r.url().endsWith("/api/beacon") && (r.request().postData() ?? "").startsWith("k=read"));
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    expect((await answered).status()).toBe(204);
    const headers = { origin: new URL(baseURL!).origin, "content-type": "application/x-www-form-urlencoded", "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36" };
    for (const [i, url] of stories.entries()) {
      for (let n = 0; n < 12 - 4 * i; n++) expect((await request.post("/api/beacon", { headers, data: `k=read&s=${url.split("/").pop()}` })).status()).toBe(204);
    }
    const list = page.getByTestId("most-read");
    await expect
      .poll(
        async () => {
          await page.goto("/");
          await page.waitForLoadState("networkidle");
          return (await list.locator("li a").evaluateAll((as) => as.map((a) => a.getAttribute("href")))).slice(0, 3);
        },
        { timeout: 60_000, intervals: [2_000] },
      )
      .toEqual(stories);
    await expect(list.getByRole("heading", { level: 2 })).toHaveText("الأكثر قراءة");
    await expect(list.locator("li").first()).toContainText(TITLE);
    // The number is at the reading start (the right) of its headline, the heading aligned right.
    const first = list.locator("li a").first();
    const number = (await first.locator("span").first().boundingBox())!;
    const title = (await first.locator("span").nth(1).boundingBox())!;
    expect(number.x).toBeGreaterThan(title.x);
    const heading = (await list.getByRole("heading", { level: 2 }).boundingBox())!;
    const section = (await list.boundingBox())!;
    expect(heading.x + heading.width).toBeGreaterThan(section.x + section.width - 2);
    await list.scrollIntoViewIfNeeded();
    await list.screenshot({ path: test.info().outputPath("most-read-ar.png") });
  });

  test("no English is left in the interface", async ({ page }) => {
    test.setTimeout(120_000);
    const fragments = englishFragments("ar");
    expect(fragments).toEqual(expect.arrayContaining(["Published", "min read", "Check also", "Home"]));
    const found: string[] = [];
    for (const [name, path] of Object.entries(PAGES)) {
      await page.goto(path);
      if (name === "article") await openSlideIn(page);
      if (name === "search") await expect(page.getByTestId("search-results")).toBeVisible();
      for (const hit of englishIn(await pageTexts(page), fragments)) found.push(`${name}: ${hit}`);
    }
    await page.goto("/search?q=zzqqxx");
    for (const hit of englishIn(await pageTexts(page), fragments)) found.push(`search (empty): ${hit}`);
    expect(found).toEqual([]);
  });

  test("the browser gets only this site's strings: no other catalogue in the JavaScript", async ({ page, request }) => {
    await page.goto(ARTICLE);
    const scripts = await page.locator("script[src]").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).src));
    const code = (await Promise.all(scripts.map(async (src) => (await request.get(src)).text()))).join("\n");
    // The error pages' Arabic strings are inlined at build time…
    expect(code).toContain("هذه الصفحة غير متاحة حاليًا");
    // …and no other language's catalogue came along.
    for (const other of ["Skip to content", "Aller au contenu", "Zum Inhalt springen", "Saltar al contenido", "דילוג לתוכן", "انتقل إلى المحتوى"]) {
      expect(code, other).not.toContain(other);
    }
  });
});

for (const scheme of ["light", "dark"] as const) {
  for (const [name, path] of Object.entries(PAGES)) {
    test(`axe: no WCAG 2.1 A/AA violations on ${name} (${scheme}, Arabic)`, async ({ browser }) => {
      await expectNoAxeViolations(browser, path, scheme);
    });
  }
}

for (const width of [360, 1280]) {
  for (const scheme of ["light", "dark"] as const) {
    test(`responsive at ${width}px (${scheme}, Arabic): no horizontal scroll; screenshots saved`, async ({ browser }) => {
      test.setTimeout(180_000); // six full-page screenshots
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
      const page = await context.newPage();
      for (const [name, path] of Object.entries(PAGES)) {
        await page.goto(path);
        if (name === "search") await expect(page.getByTestId("search-results")).toBeVisible();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${name} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `e2e/screenshots/ar-${name}-${width}-${scheme}.png`, fullPage: true });
      }
      await context.close();
    });
  }
}

test("on a 360px phone the donation box's amounts stay in one row, their Arabic labels whole", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const page = await context.newPage();
  await page.goto(ARTICLE);
  const links = page.getByTestId("donation-amounts").filter({ visible: true }).getByRole("link");
  expect(await links.count()).toBeGreaterThanOrEqual(3);
  const boxes = await links.evaluateAll((els) => els.map((el) => ({ top: el.getBoundingClientRect().top, clipped: el.scrollWidth > el.clientWidth })));
  expect(new Set(boxes.map((b) => Math.round(b.top))).size, JSON.stringify(boxes)).toBe(1);
  expect(boxes.filter((b) => b.clipped), "labels wider than their button").toEqual([]);
  await context.close();
});

test("Lighthouse accessibility is 100 on the Arabic article", async ({ baseURL }) => {
  test.setTimeout(300_000);
  const { runLighthouse } = await import("../../scripts/bench/lighthouse.mjs");
  const result = runLighthouse(`${baseURL}${ARTICLE}`, { form: "mobile", categories: ["accessibility"] });
  expect(result.failing.accessibility ?? [], JSON.stringify(result.failing.accessibility)).toEqual([]);
  expect(result.scores.accessibility).toBe(100);
});

// This build has no SMTP_URL while its site.yml declares newsletters (issue 31).
noMailServerTest(ARTICLE, ["/", "/akhbar"]);
