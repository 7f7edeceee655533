import Link from "@/components/Link";
import { pagedPath } from "@/lib/request/paths";
import { getI18n } from "@/lib/i18n/translate";
import { BackArrow, ForwardArrow } from "./Glyphs";

/** Real links in the path (/…/page/N) so crawlers and readers without JavaScript can page through. */
/**
 * `withLoadMore`: a "Load more" island sits above; with scripting on it is the one control while
 * there are older pages, and these links are hidden (app/globals.css) — still in the HTML for
 * crawlers and readers without JavaScript.
 */
export function Pagination({ basePath, page, totalPages, withLoadMore = false }: { basePath: string; page: number; totalPages: number; withLoadMore?: boolean }) {
  if (totalPages <= 1) return null;
  const { t } = getI18n();
  // Newer pages sit at the reading start, older ones at the end (right in Arabic and Hebrew).
  return (
    <nav
      aria-label={t("pagination.label")}
      data-load-more={withLoadMore && page < totalPages ? "" : undefined}
      className="pagination mt-10 flex items-center justify-between gap-4 border-t border-rule pt-6 text-sm">
      {page > 1 ? (
        <Link rel="prev" href={pagedPath(basePath, page - 1)} className="rounded-md border border-rule px-4 py-2 font-semibold hover:bg-panel">
          <BackArrow /> {t("pagination.newer")}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-muted">
        {t("pagination.status", { page, totalPages })}
      </span>
      {page < totalPages ? (
        <Link rel="next" href={pagedPath(basePath, page + 1)} className="rounded-md border border-rule px-4 py-2 font-semibold hover:bg-panel">
          {t("pagination.older")} <ForwardArrow />
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
