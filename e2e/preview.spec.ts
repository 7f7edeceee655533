import { expect, test, type APIRequestContext } from "@playwright/test";
import { createPreviewToken, NEXT_PREVIEW_COOKIE, PREVIEW_COOKIE } from "../lib/access/preview-cookie";
import e2e from "./env.json";

const SECRET = e2e.env.PREVIEW_SECRET;
const BASE = `http://127.0.0.1:${Number(process.env.E2E_PORT) || e2e.port}`;

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

  test("failed secret attempts are rate-limited per client; the right secret is never refused", async ({ request }) => {
    const headers = client("rate-limit-client");
    for (let i = 0; i < 10; i++) {
      expect((await request.get("/api/draft?secret=nope-nope-nope-nope&slug=x", { headers })).status()).toBe(401);
    }
    const limited = await request.get("/api/draft?secret=nope-nope-nope-nope&slug=x", { headers, maxRedirects: 0 });
    expect(limited.status()).toBe(429);
    expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
    // The editor with the right secret gets in, from this very client too (issue 13, item 4).
    const editor = await request.get(`/api/draft?secret=${SECRET}&slug=draft-budget-leak`, { headers, maxRedirects: 0 });
    expect(editor.status()).toBe(307);
    // another client is unaffected
    const other = await request.get("/api/draft?secret=nope-nope-nope-nope&slug=x", { headers: client("someone-else"), maxRedirects: 0 });
    expect(other.status()).toBe(401);
  });

  test("behind the trusted proxy, the limit keys on the address the proxy appended, not on the client's own entries", async ({ request }) => {
    // TRUST_PROXY=1: the last X-Forwarded-For entry is the one our proxy wrote; whatever comes
    // before it was sent by the client and can be rotated at will.
    const appended = `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const headers = { "X-Forwarded-For": `203.0.113.${i}, ${appended}` };
      statuses.push((await request.get("/api/draft?secret=nope-nope-nope-nope&slug=x", { headers, maxRedirects: 0 })).status());
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
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

/** Enters preview over plain HTTP and returns the cookies it set, as a browser would store them. */
async function enterPreview(headers: Record<string, string> = {}) {
  const res = await fetch(`${BASE}/api/draft?secret=${SECRET}&slug=draft-budget-leak`, {
    redirect: "manual",
    headers: { "X-Forwarded-For": `10.13.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`, ...headers },
  });
  expect(res.status).toBe(307);
  const setCookies = res.headers.getSetCookie();
  const pairs = new Map(setCookies.map((c) => c.split(";")[0].split(/=(.*)/s).slice(0, 2) as [string, string]));
  return { setCookies, pairs, header: (over: Record<string, string | null> = {}) => cookieHeader(pairs, over) };
}

function cookieHeader(pairs: Map<string, string>, over: Record<string, string | null> = {}): string {
  const all = new Map(pairs);
  for (const [name, value] of Object.entries(over)) {
    if (value === null) all.delete(name);
    else all.set(name, value);
  }
  return [...all].map(([name, value]) => `${name}=${value}`).join("; ");
}

/** What a reader with these cookies sees at the draft's URL. */
async function draftVisible(cookie: string): Promise<boolean> {
  const res = await fetch(`${BASE}/news/local/draft-budget-leak`, { headers: { Cookie: cookie, Accept: "text/html" } });
  const text = await res.text();
  if (text.includes("zephyrine")) {
    expect(res.status).toBe(200);
    return true;
  }
  expect(res.status).toBe(404);
  return false;
}

const exitPreview = (cookie: string, headers: Record<string, string> = {}) =>
  fetch(`${BASE}/api/draft/exit`, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: "returnTo=%2Fnews%2Flocal%2Fdraft-budget-leak",
  });

test.describe("preview access expires and can be revoked", () => {
  test("the preview cookie is our own: signed, an hour long, HttpOnly, SameSite=Lax, Secure over HTTPS", async () => {
    const plain = await enterPreview();
    const ours = plain.setCookies.find((c) => c.startsWith(`${PREVIEW_COOKIE}=`));
    expect(ours, plain.setCookies.join("\n")).toBeTruthy();
    expect(ours).toMatch(/;\s*HttpOnly/i);
    expect(ours).toMatch(/;\s*SameSite=Lax/i);
    expect(ours).toMatch(/;\s*Path=\//i);
    expect(Number(/Max-Age=(\d+)/i.exec(ours!)?.[1])).toBe(3600);
    expect(ours).not.toMatch(/;\s*Secure/i);
    // Each editor gets a value of their own (Next's cookie is one constant per build).
    expect((await enterPreview()).pairs.get(PREVIEW_COOKIE)).not.toBe(plain.pairs.get(PREVIEW_COOKIE));
    const https = await enterPreview({ "X-Forwarded-Proto": "https" });
    expect(https.setCookies.find((c) => c.startsWith(`${PREVIEW_COOKIE}=`))).toMatch(/;\s*Secure/i);
  });

  test("replaying the captured cookies after Exit preview shows no draft", async () => {
    const editor = await enterPreview();
    expect(await draftVisible(editor.header())).toBe(true);
    const exit = await exitPreview(editor.header(), { Origin: BASE, "Sec-Fetch-Site": "same-origin" });
    expect(exit.status).toBe(303);
    const cleared = exit.headers.getSetCookie();
    for (const name of [NEXT_PREVIEW_COOKIE, PREVIEW_COOKIE]) {
      expect(cleared.find((c) => c.startsWith(`${name}=`)), `${name} cleared`).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/i);
    }
    expect(await draftVisible(editor.header())).toBe(false);
  });

  test("Next's draft cookie alone, captured or forged, is not preview", async () => {
    const editor = await enterPreview();
    expect(await draftVisible(editor.header({ [PREVIEW_COOKIE]: null }))).toBe(false);
    expect(await draftVisible(`${NEXT_PREVIEW_COOKIE}=x`)).toBe(false);
    expect(await draftVisible(`${NEXT_PREVIEW_COOKIE}=x; ${PREVIEW_COOKIE}=${editor.pairs.get(PREVIEW_COOKIE)}`)).toBe(false);
  });

  test("an expired, tampered or old-secret cookie of ours is not preview", async () => {
    const editor = await enterPreview();
    const hourAgo = Date.now() - 2 * 3600_000;
    const expired = createPreviewToken({ secret: SECRET, now: hourAgo });
    const oldSecret = createPreviewToken({ secret: "the-previous-preview-secret-0123" });
    const valid = editor.pairs.get(PREVIEW_COOKIE)!;
    const [v, id, expires, sig] = valid.split(".");
    const tampered = [v, id, String(Number(expires) + 86_400), sig].join(".");
    for (const [what, value] of Object.entries({ expired, oldSecret, tampered, garbage: "v1.x.1.y" })) {
      expect(await draftVisible(editor.header({ [PREVIEW_COOKIE]: value })), what).toBe(false);
    }
    // The same request with the cookie as issued does show the draft.
    expect(await draftVisible(editor.header())).toBe(true);
  });

  test("Exit preview refuses cross-site requests", async () => {
    const editor = await enterPreview();
    const crossSite: Record<string, string>[] = [{ Origin: "https://evil.example" }, { Origin: "null" }, { "Sec-Fetch-Site": "cross-site" }, { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" }];
    for (const headers of crossSite) {
      const res = await exitPreview(editor.header(), headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.headers.getSetCookie(), JSON.stringify(headers)).toEqual([]);
      expect(res.headers.get("location")).toBeNull();
    }
    expect(await draftVisible(editor.header())).toBe(true);
    // From the site itself (as the banner's form posts it), exit works.
    expect((await exitPreview(editor.header(), { Origin: BASE, "Sec-Fetch-Site": "same-origin" })).status).toBe(303);
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
