/**
 * Issue 4 "Search engines", checked over HTTP against the production build: what a crawler or a
 * feed reader actually receives (statuses, headers, XML, JSON-LD, head tags), not what the DOM
 * looks like after JavaScript.
 */
import { LIFETIME } from "../lib/request/cache-policy.mjs";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import e2e from "./env.json";

const SITE_URL = e2e.env.SITE_URL;
const ARTICLE = "/news/local/harbour-bridge-reopens"; // has a featured image and an old slug
const ARTICLE_TITLE = "Harbour bridge reopens after eighteen months of repairs";
const NO_IMAGE_ARTICLE = "/news/local/ferry-winter-timetable";
const DRAFT = { slug: "draft-budget-leak", title: "Council weighs secret ferry subsidy" };
const SCHEDULED = { slug: "lighthouse-museum-2030", title: "Lighthouse museum to open in 2030" };
const FEEDS = ["/feed.xml", "/news/feed.xml", "/news/local/feed.xml", "/culture/feed.xml", "/authors/ines-calloway/feed.xml", "/authors/hollis-baptiste/feed.xml"];
const H48 = 48 * 60 * 60 * 1000;

const xml = new XMLParser({
  ignoreAttributes: false,
  cdataPropName: "#cdata",
  isArray: (name) => ["url", "sitemap", "item", "category"].includes(name),
});

async function getXml(request: APIRequestContext, path: string) {
  const res = await request.get(path);
  expect(res.status(), path).toBe(200);
  const body = await res.text();
  expect(XMLValidator.validate(body), `${path} is well-formed XML`).toBe(true);
  return { res, body, doc: xml.parse(body) };
}

/** "https://harbour-ledger.example/news" → "/news", asserting the link is absolute on SITE_URL. */
function sitePath(url: string): string {
  expect(url.startsWith(`${SITE_URL}/`) || url === SITE_URL, `${url} is absolute on ${SITE_URL}`).toBe(true);
  return url.slice(SITE_URL.length) || "/";
}

function text(node: unknown): string {
  if (typeof node === "string") return node;
  if (node && typeof node === "object") {
    const n = node as Record<string, unknown>;
    return String(n["#cdata"] ?? n["#text"] ?? "");
  }
  return String(node ?? "");
}

function decodeEntities(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** Every <meta>/<link> tag of the server HTML's <head> as attribute maps. */
function headTags(html: string, tag: "meta" | "link"): Record<string, string>[] {
  const head = html.slice(0, html.indexOf("</head>"));
  return [...head.matchAll(new RegExp(`<${tag}\\s([^>]*?)/?>`, "g"))].map((m) =>
    Object.fromEntries([...m[1].matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1], decodeEntities(a[2])])),
  );
}

const metaContent = (html: string, key: string) =>
  headTags(html, "meta").filter((m) => m.property === key || m.name === key).map((m) => m.content);

function jsonLd(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]));
}

function locations(res: APIResponse): string[] {
  return res.headersArray().filter((h) => h.name.toLowerCase() === "location").map((h) => h.value);
}

function cacheControl(res: APIResponse): Record<string, string | true> {
  return Object.fromEntries(
    (res.headers()["cache-control"] ?? "")
      .split(",")
      .map((d) => d.trim().toLowerCase())
      .filter(Boolean)
      .map((d) => {
        const [k, v] = d.split("=");
        return [k, v ?? true];
      }),
  );
}

function expectCdnCacheable(res: APIResponse, what: string) {
  const cc = cacheControl(res);
  expect(cc.private, `${what}: ${res.headers()["cache-control"]}`).toBeUndefined();
  expect(cc["no-store"], what).toBeUndefined();
  expect(Number(cc["s-maxage"]), what).toBeGreaterThan(0);
  expect(Number(cc["stale-while-revalidate"]), what).toBeGreaterThan(0);
}

test.describe("robots.txt", () => {
  test("allows crawling, keeps out of /api/, lists both sitemaps absolutely", async ({ request }) => {
    const res = await request.get("/robots.txt");
    expect(res.status()).toBe(200);
    const lines = (await res.text()).split("\n").map((l) => l.trim());
    expect(lines).toContain("User-Agent: *");
    expect(lines).toContain("Allow: /");
    expect(lines).toContain("Disallow: /api/");
    expect(lines).toContain(`Sitemap: ${SITE_URL}/sitemap.xml`);
    expect(lines).toContain(`Sitemap: ${SITE_URL}/news-sitemap.xml`);
    expect(cacheControl(res).public).toBe(true);
    expectCdnCacheable(res, "robots.txt");
  });
});

test.describe("sitemap.xml", () => {
  test("lists every visible article, section, author and tag with lastmod, each answering 200", async ({ request }) => {
    const { res, body, doc } = await getXml(request, "/sitemap.xml");
    expect(res.headers()["content-type"]).toMatch(/xml/);
    expect(cacheControl(res).public).toBe(true);
    expectCdnCacheable(res, "sitemap.xml");
    // The sample site is small: a urlset, not an index (the index is proven in lib/seo/sitemap.test.ts).
    expect(doc.urlset["@_xmlns"]).toBe("http://www.sitemaps.org/schemas/sitemap/0.9");
    const urls = doc.urlset.url as { loc: string; lastmod: string }[];
    const paths = urls.map((u) => sitePath(u.loc));
    for (const u of urls) expect(Number.isNaN(Date.parse(u.lastmod)), `${u.loc} lastmod ${u.lastmod}`).toBe(false);
    expect(new Set(paths).size).toBe(paths.length);
    for (const p of ["/", "/news", "/news/world-news", "/news/local", "/culture", "/culture/books", "/sport", "/opinion", ARTICLE, NO_IMAGE_ARTICLE, "/authors/ines-calloway", "/tags/harbour"]) {
      expect(paths).toContain(p);
    }
    expect(body).not.toContain(DRAFT.slug);
    expect(body).not.toContain(SCHEDULED.slug);
    // Every listed URL is a live, canonical page: no redirects, no 404s.
    for (const p of paths) expect((await request.get(p, { maxRedirects: 0 })).status(), p).toBe(200);
  });

  test("has no child sitemaps while it is a single urlset", async ({ request }) => {
    expect((await request.get("/sitemaps/1.xml")).status()).toBe(404);
  });
});

test.describe("news-sitemap.xml", () => {
  test("is Google News XML with only visible articles from the last 48 hours", async ({ request }) => {
    const { res, body, doc } = await getXml(request, "/news-sitemap.xml");
    expectCdnCacheable(res, "news-sitemap.xml");
    expect(doc.urlset["@_xmlns"]).toBe("http://www.sitemaps.org/schemas/sitemap/0.9");
    expect(doc.urlset["@_xmlns:news"]).toBe("http://www.google.com/schemas/sitemap-news/0.9");
    expect(body).not.toContain(DRAFT.slug);
    expect(body).not.toContain(DRAFT.title);
    expect(body).not.toContain(SCHEDULED.slug);
    expect(body).not.toContain(SCHEDULED.title);
    const sitemap = (await getXml(request, "/sitemap.xml")).doc.urlset.url.map((u: { loc: string }) => u.loc);
    const urls = (doc.urlset.url ?? []) as { loc: string; "news:news": Record<string, unknown> }[];
    expect(urls.length).toBeLessThanOrEqual(1000);
    const now = Date.now();
    for (const u of urls) {
      const news = u["news:news"] as { "news:publication": Record<string, string>; "news:publication_date": string; "news:title": string };
      expect(news["news:publication"]).toEqual({ "news:name": "The Harbour Ledger", "news:language": "en" });
      const published = Date.parse(news["news:publication_date"]);
      expect(published, u.loc).toBeLessThanOrEqual(now);
      expect(published, u.loc).toBeGreaterThanOrEqual(now - H48 - 10 * 60 * 1000); // allow a CDN-cache worth of drift
      expect(String(news["news:title"]).length).toBeGreaterThan(0);
      expect(sitemap, `${u.loc} is a visible article`).toContain(u.loc);
    }
  });
});

test.describe("RSS feeds", () => {
  for (const path of FEEDS) {
    test(`${path} is RSS 2.0 with the newest visible articles in full`, async ({ request }) => {
      const { res, body, doc } = await getXml(request, path);
      expect(res.headers()["content-type"]).toMatch(/rss\+xml|xml/);
      expectCdnCacheable(res, path);
      expect(doc.rss["@_version"]).toBe("2.0");
      const channel = doc.rss.channel;
      expect(text(channel.title)).toContain("The Harbour Ledger");
      expect(channel["atom:link"]["@_href"]).toBe(`${SITE_URL}${path}`);
      const items = (channel.item ?? []) as Record<string, unknown>[];
      expect(items.length).toBeGreaterThan(0);
      expect(items.length).toBeLessThanOrEqual(50);
      const base = path === "/feed.xml" ? "" : path.replace(/\/feed\.xml$/, "");
      let previous = Infinity;
      for (const item of items) {
        const link = text(item.link);
        const p = sitePath(link);
        if (base && !base.startsWith("/authors/")) expect(p.startsWith(`${base}/`), `${p} is in ${base}`).toBe(true);
        expect(text(item.title).length).toBeGreaterThan(0);
        expect(text(item.description).length).toBeGreaterThan(0);
        const content = text(item["content:encoded"]);
        expect(content).toContain("<p>");
        // Relative links would break in a feed reader.
        expect(content).not.toMatch(/(href|src)="\/(?!\/)/);
        const date = Date.parse(text(item.pubDate));
        expect(date).toBeLessThanOrEqual(previous);
        expect(date).toBeLessThanOrEqual(Date.now());
        previous = date;
      }
      for (const hidden of [DRAFT, SCHEDULED]) {
        expect(body).not.toContain(hidden.slug);
        expect(body).not.toContain(hidden.title);
      }
    });
  }

  test("an article's item carries its standfirst and its whole body", async ({ request }) => {
    const { doc } = await getXml(request, "/news/local/feed.xml");
    const item = (doc.rss.channel.item as Record<string, unknown>[]).find((i) => text(i.link) === `${SITE_URL}${ARTICLE}`);
    expect(item).toBeDefined();
    expect(text(item!.title)).toBe(ARTICLE_TITLE);
    expect(text(item!.description)).toContain("The swing bridge linking Quayside and Eastcliff is back in use");
    expect(text(item!["content:encoded"])).toContain("eighteen months after it was closed");
    expect(text(item!["dc:creator"])).toBe("Ines Calloway");
  });

  test("unknown section or author feeds are 404", async ({ request }) => {
    for (const path of ["/no-such-section/feed.xml", "/news/no-such-child/feed.xml", "/authors/nobody-here/feed.xml", `${ARTICLE}/feed.xml`]) {
      expect((await request.get(path)).status(), path).toBe(404);
    }
  });
});

test.describe("head tags", () => {
  const pages: [string, string][] = [
    ["/", "/feed.xml"],
    ["/news", "/news/feed.xml"],
    ["/news/local", "/news/local/feed.xml"],
    [ARTICLE, "/news/local/feed.xml"],
    ["/authors/ines-calloway", "/authors/ines-calloway/feed.xml"],
    ["/tags/harbour", "/feed.xml"],
  ];
  for (const [page, feed] of pages) {
    test(`${page} links its feed and its canonical URL`, async ({ request }) => {
      const html = await (await request.get(page)).text();
      const links = headTags(html, "link");
      const alternate = links.filter((l) => l.rel === "alternate" && l.type === "application/rss+xml");
      expect(alternate.map((l) => l.href)).toEqual([`${SITE_URL}${feed}`]);
      expect(alternate[0].title).toContain("The Harbour Ledger");
      expect((await request.get(sitePath(alternate[0].href))).status()).toBe(200);
      const canonical = links.filter((l) => l.rel === "canonical").map((l) => l.href.replace(/\/$/, ""));
      expect(canonical).toEqual([`${SITE_URL}${page === "/" ? "" : page}`]);
      expect(metaContent(html, "robots").join()).toContain("max-image-preview:large");
    });
  }

  test("page 2 of a listing is canonical to itself", async ({ request }) => {
    const html = await (await request.get("/news/page/2")).text();
    expect(headTags(html, "link").filter((l) => l.rel === "canonical").map((l) => l.href)).toEqual([`${SITE_URL}/news/page/2`]);
    expect(html).toMatch(/<title>[^<]*page 2[^<]*<\/title>/);
  });

  test("an article has its title, description, Open Graph and Twitter tags", async ({ request }) => {
    const html = await (await request.get(ARTICLE)).text();
    expect(html).toContain(`<title>${ARTICLE_TITLE} | The Harbour Ledger</title>`);
    expect(metaContent(html, "description")[0]).toMatch(/^The swing bridge linking Quayside/);
    expect(metaContent(html, "og:type")).toEqual(["article"]);
    expect(metaContent(html, "og:url")).toEqual([`${SITE_URL}${ARTICLE}`]);
    expect(metaContent(html, "og:title")).toEqual([ARTICLE_TITLE]);
    expect(metaContent(html, "article:published_time")).toEqual(["2026-09-04T09:15:00.000Z"]);
    expect(metaContent(html, "article:modified_time")).toEqual(["2026-09-05T08:40:00.000Z"]);
    expect(metaContent(html, "article:section")).toEqual(["Local"]);
    expect(metaContent(html, "article:tag")).toEqual(["Harbour", "Infrastructure", "Town council"]);
    // The featured image, with its size and alt text.
    expect(metaContent(html, "og:image")).toEqual([`${SITE_URL}/content-images/harbour-bridge.svg`]);
    expect(metaContent(html, "og:image:width")).toEqual(["1200"]);
    expect(metaContent(html, "og:image:height")).toEqual(["675"]);
    expect(metaContent(html, "og:image:alt")[0]).toMatch(/swing bridge|iron swing bridge/);
    expect(metaContent(html, "twitter:card")).toEqual(["summary_large_image"]);
    expect(metaContent(html, "twitter:image")).toEqual([`${SITE_URL}/content-images/harbour-bridge.svg`]);
    expect(metaContent(html, "robots")[0]).toMatch(/^index, follow/);
  });

  test("an article without an image shares its generated card", async ({ request }) => {
    const html = await (await request.get(NO_IMAGE_ARTICLE)).text();
    const card = `${SITE_URL}/og/ferry-winter-timetable.png`;
    expect(metaContent(html, "og:image")).toEqual([card]);
    expect(metaContent(html, "og:image:width")).toEqual(["1200"]);
    expect(metaContent(html, "og:image:height")).toEqual(["630"]);
    expect(metaContent(html, "og:image:alt")[0].length).toBeGreaterThan(0);
    expect(metaContent(html, "twitter:image")).toEqual([card]);
    const image = await request.get(sitePath(card));
    expect(image.status()).toBe(200);
    expect(image.headers()["content-type"]).toBe("image/png");
    expect((await image.body()).subarray(1, 4).toString()).toBe("PNG");
    expect((await request.get(`/og/${DRAFT.slug}.png`)).status()).toBe(404);
  });

  test("search results and the empty search page are noindex, never kept by browsers, shared for seconds at most", async ({ request }) => {
    // A normalised query's page is shared briefly (issue 27, finding 4: docs/decisions/0121), and
    // dropped by any publish; it is the same for every reader, so it never varies on a cookie.
    for (const path of ["/search", "/search?q=ferry"]) {
      const res = await request.get(path);
      expect(res.status()).toBe(200);
      expect(metaContent(await res.text(), "robots").join()).toMatch(/noindex/);
      const cc = cacheControl(res);
      expect(cc["max-age"] ?? "0", path).toBe("0");
      expect(Number(cc["s-maxage"] ?? 0), path).toBeLessThanOrEqual(LIFETIME.search);
      expect(res.headers()["vary"] ?? "", path).not.toMatch(/cookie/i);
    }
  });
});

test.describe("JSON-LD", () => {
  test("an article has one @graph: NewsArticle + BreadcrumbList matching the visible breadcrumb", async ({ request, page }) => {
    const html = await (await request.get(ARTICLE)).text();
    const blocks = jsonLd(html);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]["@context"]).toBe("https://schema.org");
    const graph = blocks[0]["@graph"] as Record<string, unknown>[];
    const article = graph.find((n) => n["@type"] === "NewsArticle")!;
    const crumbs = graph.find((n) => n["@type"] === "BreadcrumbList")!;
    expect(article).toMatchObject({
      headline: ARTICLE_TITLE,
      description: expect.stringMatching(/^The swing bridge linking Quayside/),
      image: [`${SITE_URL}/content-images/harbour-bridge.svg`],
      datePublished: "2026-09-04T09:15:00.000Z",
      dateModified: "2026-09-05T08:40:00.000Z",
      author: [{ "@type": "Person", name: "Ines Calloway", url: `${SITE_URL}/authors/ines-calloway` }],
      publisher: { "@type": "NewsMediaOrganization", name: "The Harbour Ledger", url: `${SITE_URL}/`, logo: { url: `${SITE_URL}/logo.svg` } },
      mainEntityOfPage: { "@id": `${SITE_URL}${ARTICLE}` },
      articleSection: "Local",
      keywords: ["Harbour", "Infrastructure", "Town council"],
      inLanguage: "en",
      isAccessibleForFree: true,
    });
    expect((article.headline as string).length).toBeLessThanOrEqual(110);

    const items = crumbs.itemListElement as { position: number; name: string; item?: string }[];
    expect(items.map((i) => i.position)).toEqual([1, 2, 3, 4]);
    expect(items.map((i) => i.item)).toEqual([`${SITE_URL}/`, `${SITE_URL}/news`, `${SITE_URL}/news/local`, undefined]);
    await page.goto(ARTICLE);
    const visible = await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("listitem").allInnerTexts();
    expect(items.map((i) => i.name)).toEqual(visible.map((t) => t.replace("›", "").trim()));
  });

  test("an article without an image lists its generated card", async ({ request }) => {
    const [block] = jsonLd(await (await request.get(NO_IMAGE_ARTICLE)).text());
    const article = (block["@graph"] as Record<string, unknown>[]).find((n) => n["@type"] === "NewsArticle")!;
    expect(article.image).toEqual([`${SITE_URL}/og/ferry-winter-timetable.png`]);
  });

  test("the home page declares the WebSite and its search", async ({ request }) => {
    const blocks = jsonLd(await (await request.get("/")).text());
    expect(blocks).toHaveLength(1);
    const website = (blocks[0]["@graph"] as Record<string, unknown>[]).find((n) => n["@type"] === "WebSite")!;
    expect(website).toMatchObject({
      name: "The Harbour Ledger",
      url: `${SITE_URL}/`,
      potentialAction: {
        "@type": "SearchAction",
        target: { urlTemplate: `${SITE_URL}/search?q={search_term_string}` },
        "query-input": "required name=search_term_string",
      },
    });
  });
});

test.describe("status codes", () => {
  test("an unknown path is 404 with the site's not-found page in the server HTML", async ({ request }) => {
    for (const path of ["/no/such/page", "/news/local/not-a-real-story"]) {
      const res = await request.get(path);
      expect(res.status(), path).toBe(404);
      // Scripts removed: the RSC payload carries the not-found UI even when the HTML body is empty
      // (vercel/next.js#62228), and a crawler without JavaScript sees only the HTML.
      const html = (await res.text()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "");
      expect(html).toMatch(/<h1[^>]*>We can’t find that page<\/h1>/);
      expect(html).toContain('id="notfound-q"'); // its own search box, not only the header's
    }
  });

  const redirects: [string, string, string][] = [
    ["wrong section", "/news/world-news/harbour-bridge-reopens", ARTICLE],
    ["section missing", "/news/harbour-bridge-reopens", ARTICLE],
    ["old slug", "/news/local/harbour-bridge-to-reopen", ARTICLE],
    ["trailing slash", `${ARTICLE}/`, ARTICLE],
  ];
  for (const [why, from, to] of redirects) {
    test(`${why}: ${from} answers one permanent redirect to the canonical URL (GET and HEAD)`, async ({ request, baseURL }) => {
      for (const method of ["GET", "HEAD"] as const) {
        const res = await request.fetch(from, { method, maxRedirects: 0 });
        expect(res.status(), `${method} ${from}`).toBe(301);
        const location = locations(res);
        expect(location, `${method} ${from} Location headers`).toHaveLength(1);
        const target = new URL(location[0], baseURL);
        expect(target.pathname).toBe(to);
        expect([new URL(baseURL!).host, new URL(SITE_URL).host]).toContain(target.host);
      }
    });
  }

  test("HEAD answers like GET, without a body", async ({ request }) => {
    const paths = ["/", "/news", ARTICLE, "/authors/ines-calloway", "/tags/harbour", "/sitemap.xml", "/news-sitemap.xml", "/robots.txt", "/feed.xml", "/news/feed.xml", "/authors/ines-calloway/feed.xml", "/og/ferry-winter-timetable.png", "/no/such/page", "/no-such-section/feed.xml"];
    for (const path of paths) {
      const [get, head] = await Promise.all([request.get(path, { maxRedirects: 0 }), request.head(path, { maxRedirects: 0 })]);
      expect(head.status(), `HEAD ${path}`).toBe(get.status());
      expect(head.headers()["content-type"]?.split(";")[0], `HEAD ${path}`).toBe(get.headers()["content-type"]?.split(";")[0]);
      expect((await head.body()).length, `HEAD ${path}`).toBe(0);
    }
  });
});

test.describe("cache headers", () => {
  test("published pages are CDN-cacheable", async ({ request }) => {
    for (const path of ["/", "/news", ARTICLE, "/authors/ines-calloway", "/tags/harbour"]) {
      expectCdnCacheable(await request.get(path), path);
    }
  });

  test("sitemaps and feeds are public with s-maxage and stale-while-revalidate", async ({ request }) => {
    for (const path of ["/sitemap.xml", "/news-sitemap.xml", "/robots.txt", ...FEEDS]) {
      const res = await request.get(path);
      expect(cacheControl(res).public, path).toBe(true);
      expectCdnCacheable(res, path);
    }
  });
});
