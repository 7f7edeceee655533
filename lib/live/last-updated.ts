/**
 * The newest visible update of each running live blog in a list, so a card can say "LIVE · Updated
 * 4 minutes ago" rather than the blog's start date. One read per running blog (there are rarely
 * more than one or two); a source that cannot answer leaves the card on the blog's own update time.
 */
import type { ArticleSummary, ContentSource } from "../sources/types";
import { coverageEnded } from "./paging";

export async function liveLastUpdated(source: Pick<ContentSource, "getLiveUpdates">, items: ArticleSummary[], now = new Date()): Promise<Map<string, string>> {
  const running = [...new Map(items.filter((a) => a.live && !coverageEnded(a.live, now)).map((a) => [a.slug, a])).values()];
  const out = new Map<string, string>();
  await Promise.all(
    running.map(async (a) => {
      const updates = await source.getLiveUpdates(a.slug).catch(() => null);
      let newest = Date.parse(a.updatedAt);
      for (const u of updates ?? []) {
        if (u.status !== "published" || Date.parse(u.publishedAt) > now.getTime()) continue;
        newest = Math.max(newest, Date.parse(u.publishedAt), Date.parse(u.updatedAt));
      }
      out.set(a.slug, new Date(newest).toISOString());
    }),
  );
  return out;
}
