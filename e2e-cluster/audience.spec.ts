/**
 * "Most read" on several instances (issue 32), against the parts scripts/cluster/test.mjs started:
 * reads sent by readers' browsers through Varnish (:6081) reach whichever instance Varnish picks,
 * are added up in the one Redis, and within a minute both instances (:3001, :3002) and the home page
 * served by Varnish rank the same stories in the same order. Runs before cluster.spec.ts, which stops
 * Redis and instance A.
 */
import { expect, test, type Page } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";

const stateDir = process.env.MASTHEAD_CLUSTER_DIR || "/tmp/masthead-cluster";
const cluster = JSON.parse(fs.readFileSync(path.join(stateDir, "cluster.json"), "utf8")) as { env: Record<string, string> };
const A = "http://127.0.0.1:3001";
const B = "http://127.0.0.1:3002";
const EDGE = "http://127.0.0.1:6081";
const TOKEN = { authorization: `Bearer ${cluster.env.REVALIDATE_SECRET}` };
const UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36";
const STORIES = [
  { slug: "sea-swim-club-winter", url: "/sport/sea-swim-club-winter" },
  { slug: "fish-market-new-hall", url: "/news/local/fish-market-new-hall" },
  { slug: "net-loft-theatre-season", url: "/culture/net-loft-theatre-season" },
];

async function report(base: string): Promise<{ backend: string; mostRead: { slug: string; reads: number }[] }> {
  const response = await fetch(`${base}/api/audience`, { headers: TOKEN, signal: AbortSignal.timeout(15_000) });
  expect(response.status).toBe(200);
  return response.json();
}

/** A reader opens a story through the edge and scrolls to its end; resolves with the read beacon's status. */
async function readByScrolling(page: Page, url: string): Promise<number> {
  await page.goto(url);
  const answered = page.waitForResponse((r) => r.url().endsWith("/api/beacon") && (r.request().postData() ?? "").startsWith("k=read"));
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  return (await answered).status();
}

/** The same beacon a page sends, through the edge. */
async function beacon(slug: string): Promise<number> {
  const response = await fetch(`${EDGE}/api/beacon`, {
    method: "POST",
    headers: { origin: EDGE, "content-type": "application/x-www-form-urlencoded", "user-agent": UA },
    body: `k=read&s=${slug}`,
    signal: AbortSignal.timeout(15_000),
  });
  return response.status;
}

const listOf = async (base: string) => {
  const response = await fetch(`${base}/api/most-read/site`, { signal: AbortSignal.timeout(15_000) });
  return ((await response.json()) as { items: { url: string }[] }).items.map((i) => i.url);
};

test("reads sent through Varnish to either instance make one Most read list, the same on both instances and at the edge, within a minute", async ({ page, context }) => {
  test.setTimeout(240_000);
  const [onA, onB] = await Promise.all([report(A), report(B)]);
  expect(onA.backend).toBe("redis");
  expect(onB.backend).toBe("redis");
  const top = Math.max(0, ...onA.mostRead.map((e) => e.reads), ...onB.mostRead.map((e) => e.reads));
  // Enough reads that the three lead the list in this order: one by a reader in this browser, the
  // rest as the same beacon over HTTP — all through Varnish, which passes POSTs to A and B in turn.
  const wanted = [top + 12, top + 10, top + 8];
  for (const [i, story] of STORIES.entries()) {
    expect(await readByScrolling(page, EDGE + story.url), story.slug).toBe(204);
    for (let n = 1; n < wanted[i]; n++) expect(await beacon(story.slug)).toBe(204);
  }
  const expected = STORIES.map((s) => s.url);

  // Both instances rank them alike, from the one Redis (each asked directly, past the edge).
  await expect.poll(async () => (await listOf(A)).slice(0, 3), { timeout: 60_000, intervals: [1_000] }).toEqual(expected);
  await expect.poll(async () => (await listOf(B)).slice(0, 3), { timeout: 30_000, intervals: [1_000] }).toEqual(expected);
  const [countsA, countsB] = await Promise.all([report(A), report(B)]);
  for (const [i, story] of STORIES.entries()) {
    expect(countsA.mostRead.find((e) => e.slug === story.slug)?.reads, story.slug).toBe(wanted[i]);
    expect(countsB.mostRead.find((e) => e.slug === story.slug)?.reads, story.slug).toBe(wanted[i]);
  }
  // Through Varnish, the home page a reader sees leads with them within the minute.
  await expect
    .poll(
      async () => {
        await page.goto(`${EDGE}/`);
        await page.waitForLoadState("networkidle");
        // The list is in the HTML; its island brings it up to date from /api/most-read/site (kept
        // 15 s at the edge) while it is still below what the reader sees.
        return (await page.getByTestId("most-read").locator("li a").evaluateAll((as) => as.map((a) => a.getAttribute("href")))).slice(0, 3);
      },
      { timeout: 60_000, intervals: [2_000] },
    )
    .toEqual(expected);
  // Nothing of the reader was kept on their side either.
  expect(await context.cookies()).toEqual([]);
});
