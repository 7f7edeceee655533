import { expect, type APIRequestContext } from "@playwright/test";

/**
 * This month's supporters as /support shows them once they were counted at or after `since` (ms):
 * /support is refreshed within 10 s of an event (at once after a quiet spell, at the end of the window
 * in a burst: decision 0241), so a count read right after an event may not include it yet.
 */
export async function settledSupporters(request: APIRequestContext, since: number): Promise<number> {
  let count = -1;
  await expect
    .poll(
      async () => {
        const html = await (await request.get("/support")).text();
        const match = /data-testid="support-progress" data-count="(\d+)" data-counted-at="([^"]+)"/.exec(html);
        count = match ? Number(match[1]) : -1;
        return match ? Date.parse(match[2]) : 0;
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThanOrEqual(since);
  return count;
}
