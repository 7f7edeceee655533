import type { ArticleSummary } from "@/lib/content/types";
import { isScheduled } from "@/lib/content/rules";
import { getI18n } from "@/lib/i18n/translate";

/**
 * Always visible in preview, so an editor never mistakes a draft for the published page. Articles
 * and standing pages (which have no publication date) alike.
 */
export function PreviewBanner({ article }: { article: Pick<ArticleSummary, "status" | "url"> & { publishedAt?: string } }) {
  const i18n = getI18n();
  const label =
    article.status === "draft"
      ? i18n.t("preview.draft")
      : article.publishedAt && isScheduled({ status: article.status, publishedAt: article.publishedAt })
        ? i18n.t("preview.scheduled", { date: i18n.dateTime(article.publishedAt) })
        : i18n.t("preview.published");
  return (
    <div role="region" aria-label={i18n.t("preview.label")} className="no-print sticky top-0 z-50 -mx-4 mb-6 flex flex-wrap items-center justify-between gap-3 bg-amber-300 px-4 py-3 text-amber-950">
      <p className="font-bold">{label}</p>
      <form action="/api/draft/exit" method="post">
        <input type="hidden" name="returnTo" value={article.url} />
        <button type="submit" className="rounded-md bg-amber-950 px-3 py-1.5 text-sm font-semibold text-amber-50">
          {i18n.t("preview.exit")}
        </button>
      </form>
    </div>
  );
}
