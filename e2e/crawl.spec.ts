/**
 * A crawler from the home page: every internal link on every page it can reach must answer 200
 * straight away (no broken link, no redirect hop a reader or a search engine would have to take).
 */
import { expect, test } from "@playwright/test";

const MAX_PAGES = 2000;

/** The href of every <a> in the server's HTML (what a crawler without JavaScript sees). */
function links(html: string): string[] {
  return [...html.matchAll(/<a\s[^>]*?href="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, "&"));
}

test("every internal link reachable from / answers 200, with no redirect", async ({ request, baseURL }) => {
  test.setTimeout(600_000);
  const origin = new URL(baseURL!).origin;
  const seen = new Map<string, string>([["/", "(start)"]]);
  const queue = ["/"];
  const broken: string[] = [];
  while (queue.length) {
    const path = queue.shift()!;
    const res = await request.get(path, { maxRedirects: 0 });
    if (res.status() !== 200) {
      broken.push(`${path} → ${res.status()} (linked from ${seen.get(path)})`);
      continue;
    }
    if (!(res.headers()["content-type"] ?? "").startsWith("text/html")) continue;
    for (const href of links(await res.text())) {
      if (!href || href.startsWith("#") || /^(mailto|tel|javascript):/i.test(href)) continue;
      const url = new URL(href, `${origin}${path}`);
      if (url.origin !== origin) continue;
      const target = url.pathname + url.search;
      if (seen.has(target)) continue;
      seen.set(target, path);
      expect(seen.size, "the crawl should end").toBeLessThan(MAX_PAGES);
      queue.push(target);
    }
  }
  expect(broken).toEqual([]);
  // It really went everywhere: the trust pages, /corrections and every kind of article were reached.
  for (const path of ["/about", "/ethics", "/corrections-policy", "/privacy", "/contact", "/corrections", "/corrections/feed.xml", "/sport/sponsored-cove-sailing-school-winter"]) {
    expect(seen.has(path), path).toBe(true);
  }
  expect(seen.size).toBeGreaterThan(80);
});
