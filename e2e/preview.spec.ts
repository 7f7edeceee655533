import { expect, test, type APIRequestContext } from "@playwright/test";
import e2e from "./env.json";

const SECRET = e2e.env.PREVIEW_SECRET;

const HIDDEN = [
  {
    kind: "draft",
    slug: "draft-budget-leak",
    url: "/news/local/draft-budget-leak",
    title: "Council weighs secret ferry subsidy",
    word: "zephyrine",
    author: "ines-calloway",
    tags: ["ferries", "town-council"],
    sections: ["/news", "/news/local"],
  },
  {
    kind: "scheduled",
    slug: "lighthouse-museum-2030",
    url: "/culture/lighthouse-museum-2030",
    title: "Lighthouse museum to open in 2030",
    word: "quillmorrow",
    author: "hollis-baptiste",
    tags: ["harbour", "museums"],
    sections: ["/culture"],
  },
];

/** Each test is its own client for the failed-secret rate limit (TRUST_PROXY=1 in e2e). */
const client = (name: string) => ({ "X-Forwarded-For": `10.9.${name.length}.${Math.floor(Math.random() * 250)}` });

test.describe("editor preview", () => {
  test("enter preview with the secret, see the banner and the draft, exit, see 404", async ({ page }) => {
    await page.setExtraHTTPHeaders(client("draft-flow"));
    expect((await page.goto("/news/local/draft-budget-leak"))?.status()).toBe(404);
    await page.goto(`/api/draft?secret=${SECRET}&slug=draft-budget-leak`);
    await expect(page).toHaveURL(/\/news\/local\/draft-budget-leak$/);
    const banner = page.getByRole("region", { name: "Preview" });
    await expect(banner).toContainText("Preview — draft");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Council weighs secret ferry subsidy");
    await expect(page.getByText(/zephyrine/).first()).toBeVisible();
    const robots = await page.locator('meta[name="robots"]').getAttribute("content");
    expect(robots).toContain("noindex");
    const response = await page.request.get("/news/local/draft-budget-leak");
    expect(response.headers()["cache-control"]).toMatch(/private/);
    expect(response.headers()["cache-control"]).toMatch(/no-store/);

    await banner.getByRole("button", { name: "Exit preview" }).click();
    await expect(page).toHaveURL(/\/news\/local\/draft-budget-leak$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("We can’t find that page");
    expect((await page.request.get("/news/local/draft-budget-leak")).status()).toBe(404);
  });

  test("a scheduled article previews with its date", async ({ page }) => {
    await page.setExtraHTTPHeaders(client("scheduled-flow"));
    await page.goto(`/api/draft?secret=${SECRET}&slug=lighthouse-museum-2030`);
    await expect(page).toHaveURL(/\/culture\/lighthouse-museum-2030$/);
    await expect(page.getByRole("region", { name: "Preview" })).toContainText("Preview — scheduled for January 15, 2030");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lighthouse museum to open in 2030");
  });

  test("wrong, missing or repeated secrets are refused; the redirect never leaves the site", async ({ request }) => {
    const headers = client("secrets");
    const get = (q: string) => request.get(`/api/draft?${q}`, { maxRedirects: 0, headers });
    expect((await get("slug=draft-budget-leak")).status()).toBe(401);
    expect((await get("secret=wrong-secret-wrong&slug=draft-budget-leak")).status()).toBe(401);
    expect((await get(`secret=${SECRET}&secret=${SECRET}&slug=draft-budget-leak`)).status()).toBe(401);
    expect((await get(`secret[]=${SECRET}&slug=draft-budget-leak`)).status()).toBe(401);
    for (const slug of ["//evil.example", "https://evil.example/x", "%2F%2Fevil.example", "..%2F..%2Fetc", "draft-budget-leak/../../x"]) {
      const res = await get(`secret=${SECRET}&slug=${encodeURIComponent(slug)}`);
      expect(res.status(), slug).toBeGreaterThanOrEqual(400);
      expect(res.headers()["location"], slug).toBeUndefined();
    }
    const ok = await get(`secret=${SECRET}&slug=draft-budget-leak`);
    expect(ok.status()).toBe(307);
    expect(ok.headers()["location"]).toBe("/news/local/draft-budget-leak");
    expect((await get(`secret=${SECRET}&slug=no-such-article`)).status()).toBe(404);
    expect((await request.post("/api/draft", { headers })).status()).toBe(405);
  });

  test("failed secret attempts are rate-limited per client", async ({ request }) => {
    const headers = client("rate-limit-client");
    for (let i = 0; i < 10; i++) {
      expect((await request.get("/api/draft?secret=nope-nope-nope-nope&slug=x", { headers })).status()).toBe(401);
    }
    const limited = await request.get(`/api/draft?secret=${SECRET}&slug=draft-budget-leak`, { headers, maxRedirects: 0 });
    expect(limited.status()).toBe(429);
    expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
    // another client is unaffected
    const other = await request.get(`/api/draft?secret=${SECRET}&slug=draft-budget-leak`, { headers: client("someone-else"), maxRedirects: 0 });
    expect(other.status()).toBe(307);
  });

  test("exit preview is a POST that only returns to a path on this site", async ({ request }) => {
    expect((await request.get("/api/draft/exit")).status()).toBe(405);
    for (const returnTo of ["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)"]) {
      const res = await request.post("/api/draft/exit", { form: { returnTo }, maxRedirects: 0 });
      expect(res.status()).toBe(303);
      expect(res.headers()["location"]).toBe("/");
    }
    const back = await request.post("/api/draft/exit", { form: { returnTo: "/news/local" }, maxRedirects: 0 });
    expect(back.headers()["location"]).toBe("/news/local");
  });
});

async function body(request: APIRequestContext, path: string): Promise<string> {
  const res = await request.get(path);
  expect(res.status(), path).toBeLessThan(500);
  return res.text();
}

test.describe("leak matrix: drafts and scheduled articles appear nowhere outside preview", () => {
  for (const hidden of HIDDEN) {
    test(`${hidden.kind}: 404 and absent from every surface`, async ({ request }) => {
      expect((await request.get(hidden.url)).status()).toBe(404);
      expect((await request.get(`/${hidden.slug}`, { maxRedirects: 0 })).status()).toBe(404);

      const surfaces = [
        "/",
        ...hidden.sections,
        ...hidden.sections.map((s) => `${s}/feed.xml`),
        `/authors/${hidden.author}`,
        `/authors/${hidden.author}/feed.xml`,
        ...hidden.tags.map((t) => `/tags/${t}`),
        `/search?q=${encodeURIComponent(hidden.title)}`,
        `/search?q=${hidden.word}`,
        "/feed.xml",
        "/sitemap.xml",
        "/news-sitemap.xml",
        `/og/${hidden.slug}.png`,
      ];
      // Every published page too: related cards, check-also, JSON-LD.
      const sitemap = await body(request, "/sitemap.xml");
      const pages = [...sitemap.matchAll(/<loc>https:\/\/harbour-ledger\.example([^<]*)<\/loc>/g)].map((m) => m[1] || "/");
      expect(pages.length).toBeGreaterThan(20);
      for (const path of [...surfaces, ...pages]) {
        const res = await request.get(path);
        if (path.startsWith("/og/")) {
          expect(res.status(), path).toBe(404);
          continue;
        }
        let text = await res.text();
        if (path.startsWith("/search")) {
          // The search page repeats the reader's query; the results must still be empty.
          expect(text, path).toContain("No results for");
          text = text.replaceAll(decodeURIComponent(path.split("q=")[1]), "");
        }
        expect(text, `${hidden.kind} title on ${path}`).not.toContain(hidden.title);
        expect(text, `${hidden.kind} URL on ${path}`).not.toContain(hidden.slug);
        expect(text, `${hidden.kind} body on ${path}`).not.toContain(hidden.word);
      }
    });
  }
});
