import { livePagePath } from "@/lib/live/paging";
import { getI18n } from "@/lib/i18n/translate";
import { BackArrow, ForwardArrow } from "./Glyphs";

const LINK = "inline-block rounded-md border border-rule px-4 py-2 font-semibold hover:bg-panel";

/**
 * Crawlable links through a live blog's pages. Archived pages count from the start of the
 * coverage (lib/live/paging.ts), so "newer" is the next number up and the front page is the newest.
 */
export function LivePagination({ articleUrl, page, archivePages }: { articleUrl: string; page: number; archivePages: number[] }) {
  if (!archivePages.length) return null;
  const last = archivePages[archivePages.length - 1];
  const first = archivePages[0];
  const newer = page === 1 ? null : page >= last ? 1 : page + 1;
  const older = page === 1 ? last : page > first ? page - 1 : null;
  const href = (n: number) => livePagePath(articleUrl, n);
  const { t } = getI18n();
  return (
    <nav aria-label={t("live.pages")} className="no-print mt-2 flex flex-wrap items-center justify-between gap-3 border-t border-rule pt-6 text-sm" data-testid="live-pagination">
      <div className="flex flex-wrap gap-2">
        {newer !== null && (
          <a rel="prev" href={href(newer)} className={LINK}>
            <BackArrow /> {t("live.newerUpdates")}
          </a>
        )}
        {page !== 1 && newer !== 1 && (
          <a href={href(1)} className={LINK}>
            {t("live.latestUpdates")}
          </a>
        )}
      </div>
      <div className="flex flex-wrap gap-2">
        {older !== null && older !== first && page !== first && (
          <a href={href(first)} className={LINK}>
            {t("live.firstUpdates")}
          </a>
        )}
        {older !== null && (
          <a rel="next" href={href(older)} className={LINK}>
            {t("live.olderUpdates")} <ForwardArrow />
          </a>
        )}
      </div>
    </nav>
  );
}
