import type { ArticleSummary } from "@/lib/sources/types";
import { isScheduled } from "@/lib/sources/rules";
import { formatProblem } from "@/lib/sources/errors";
import { getI18n } from "@/lib/i18n/translate";
import { lastRefusal } from "@/lib/publishing/publish";

/**
 * Always visible in preview, so an editor never mistakes a draft for the published page. Articles
 * and standing pages (which have no publication date) alike. When the editor's last saved version
 * was refused (invalid content: lib/publishing/publish.ts), it lists every problem with its line.
 */
export function PreviewBanner({
  article,
  kind = "article",
}: {
  article: Pick<ArticleSummary, "status" | "url" | "slug"> & { publishedAt?: string };
  kind?: "article" | "page";
}) {
  const i18n = getI18n();
  const label =
    article.status === "draft"
      ? i18n.t("preview.draft")
      : article.publishedAt && isScheduled({ status: article.status, publishedAt: article.publishedAt })
        ? i18n.t("preview.scheduled", { date: i18n.dateTime(article.publishedAt) })
        : i18n.t("preview.published");
  const refusal = lastRefusal(kind === "page" ? { page: article.slug } : { slug: article.slug });
  return (
    <div role="region" aria-label={i18n.t("preview.label")} className="no-print sticky top-0 z-50 -mx-4 mb-6 bg-amber-300 px-4 py-3 text-amber-950">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="font-bold">{label}</p>
        <form action="/api/draft/exit" method="post">
          <input type="hidden" name="returnTo" value={article.url} />
          <button type="submit" className="rounded-md bg-amber-950 px-3 py-1.5 text-sm font-semibold text-amber-50">
            {i18n.t("preview.exit")}
          </button>
        </form>
      </div>
      {refusal ? (
        <div role="alert" className="mt-3 rounded-md border-2 border-red-800 bg-red-50 p-3 text-red-950">
          <p className="font-semibold">{i18n.t("preview.refused")}</p>
          <ul className="mt-2 list-disc ps-5 font-mono text-sm" dir="ltr">
            {refusal.problems.map((problem, i) => (
              <li key={i} className="break-words">
                {formatProblem(problem)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
