import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { englishFragments, englishIn, pageTexts } from "./english";
import { noMailServerTest } from "./no-mail-server";

/** The French sample site (content-fr, built into .next-fr): left to right, other words, other dates. */
const ARTICLE = "/actualites/monde/pacte-oceanique-belmaris";
const WINTER = "/actualites/phare-hiver";
const ENGLISH_STORY = "https://harbour-ledger.example/news/world-news/ocean-pact-signed-at-belmaris";
const ARABIC_STORY = "https://ar.harbour-ledger.example/akhbar/alam/mithaq-al-muhit";
const NBSP = "\u00a0";

const PAGES: Record<string, string> = {
  home: "/",
  section: "/actualites",
  article: ARTICLE,
  author: "/authors/camille-moreau",
  search: "/search?q=port",
  "not-found": "/page-introuvable",
};

test.describe("the French site", () => {
  test("the document is French, left to right", async ({ page }) => {
    test.setTimeout(120_000);
    for (const path of Object.values(PAGES)) {
      await page.goto(path);
      await expect(page.locator("html"), path).toHaveAttribute("lang", "fr");
      await expect(page.locator("html"), path).toHaveAttribute("dir", "ltr");
    }
  });

  test("dates are French, in Paris time: summer (UTC+2) and winter (UTC+1)", async ({ page }) => {
    await page.goto(ARTICLE);
    const header = page.locator("article header").first();
    // 06:00 UTC on 8 September is 08:00 in Paris (summer time).
    await expect(header.locator("time").nth(0)).toHaveAttribute("datetime", "2026-09-08T06:00:00.000Z");
    await expect(header).toContainText("Publié le 8 septembre 2026 à 08:00 UTC+2");
    await expect(header).toContainText("Mis à jour le 8 septembre 2026 à 19:45 UTC+2");
    await expect(header).toContainText("1 min de lecture");
    await page.goto(WINTER);
    await expect(page.locator("article header").first()).toContainText("Publié le 15 janvier 2026 à 09:30 UTC+1");
    await page.goto("/");
    await expect(page.locator("main time").filter({ hasText: "15 janvier 2026" })).toHaveCount(1);
  });

  test("article anatomy in French", async ({ page }) => {
    await page.goto(ARTICLE);
    const crumbs = page.getByRole("navigation", { name: "Fil d’Ariane" });
    await expect(crumbs.getByRole("link", { name: "Accueil" })).toHaveAttribute("href", "/");
    await expect(crumbs.getByRole("link", { name: "Monde" })).toHaveAttribute("href", "/actualites/monde");
    await expect(page.locator("article header").first()).toContainText("Par Camille Moreau");
    // A two-minute story has no outline (only long stories do: docs/decisions/0152).
    await expect(page.getByRole("navigation", { name: "Dans cet article" })).toHaveCount(0);
    await expect(page.locator('[data-check-also="inline"]')).toContainText(`À lire aussi${NBSP}:`);
    await expect(page.getByRole("region", { name: "Partager cet article" }).getByRole("link", { name: "Copier le lien" })).toBeVisible();
    const box = page.getByTestId("donation");
    await expect(box.getByRole("link", { name: `Donner 5${NBSP}€ par Carte bancaire` })).toHaveAttribute(
      "href",
      "https://donate.example/checkout?amount=5&currency=EUR&lang=fr",
    );
    await expect(box.getByLabel("Autre montant (EUR)")).toBeVisible();
    await expect(page.getByRole("region", { name: "À propos de Camille Moreau" })).toBeVisible();
    await expect(page.getByTestId("related").getByRole("heading", { name: "Sur le même sujet" })).toBeVisible();
  });

  test("editions: the switcher leads to the same story in English and Arabic", async ({ page, request }) => {
    const html = await (await request.get(ARTICLE)).text();
    expect(html).toContain(`<link rel="alternate" hrefLang="x-default" href="${ENGLISH_STORY}"/>`);
    expect(html).toContain(`<link rel="alternate" hrefLang="ar" href="${ARABIC_STORY}"/>`);
    expect(html).toContain('<meta property="og:locale" content="fr_FR"/>');
    await page.goto(ARTICLE);
    const editions = page.getByRole("navigation", { name: "Éditions" });
    await expect(editions.getByRole("link", { name: "English" })).toHaveAttribute("href", ENGLISH_STORY);
    const arabic = editions.getByRole("link", { name: "العربية" });
    await expect(arabic).toHaveAttribute("href", ARABIC_STORY);
    await expect(arabic).toHaveAttribute("dir", "rtl");
    await expect(arabic).toHaveAttribute("lang", "ar");
    const feed = await (await request.get("/feed.xml")).text();
    expect(feed).toContain("<language>fr</language>");
  });

  test("search, its empty state and the 404 page are in French", async ({ page }) => {
    await page.goto("/search?q=zzqqxx");
    await expect(page.getByRole("heading", { level: 2 })).toHaveText(`Aucun résultat pour «${NBSP}zzqqxx${NBSP}»`);
    await page.goto("/search?q=port");
    await expect(page.getByRole("heading", { level: 2 })).toHaveText(new RegExp(`^\\d+ résultats? pour «${NBSP}port${NBSP}»$`));
    const res = await page.goto("/page-introuvable");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nous ne trouvons pas cette page");
    await expect(page).toHaveTitle("Page introuvable | Le Registre du Port");
  });

  test("no English is left in the interface", async ({ page }) => {
    test.setTimeout(120_000);
    const fragments = englishFragments("fr");
    const found: string[] = [];
    for (const [name, path] of Object.entries(PAGES)) {
      await page.goto(path);
      if (name === "search") await expect(page.getByTestId("search-results")).toBeVisible();
      for (const hit of englishIn(await pageTexts(page), fragments)) found.push(`${name}: ${hit}`);
    }
    expect(found).toEqual([]);
  });

  for (const name of ["home", "article"]) {
    test(`axe: no WCAG 2.1 A/AA violations on ${name} (French)`, async ({ page }) => {
      await page.goto(PAGES[name]);
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    });
  }
});

// This build has no SMTP_URL while its site.yml declares newsletters (issue 31).
noMailServerTest(ARTICLE, ["/", "/actualites"]);
