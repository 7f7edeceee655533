import type { ArticleSummary } from "@/lib/content/types";
import { isScheduled } from "@/lib/content/rules";
import { formatDateTime } from "@/lib/format";

/** Always visible in preview, so an editor never mistakes a draft for the published page. */
export function PreviewBanner({ article }: { article: ArticleSummary }) {
  const label =
    article.status === "draft"
      ? "Preview — draft"
      : isScheduled(article)
        ? `Preview — scheduled for ${formatDateTime(article.publishedAt)}`
        : "Preview — published version";
  return (
    <div role="region" aria-label="Preview" className="no-print sticky top-0 z-50 -mx-4 mb-6 flex flex-wrap items-center justify-between gap-3 bg-amber-300 px-4 py-3 text-amber-950">
      <p className="font-bold">{label}</p>
      <form action="/api/draft/exit" method="post">
        <input type="hidden" name="returnTo" value={article.url} />
        <button type="submit" className="rounded-md bg-amber-950 px-3 py-1.5 text-sm font-semibold text-amber-50">
          Exit preview
        </button>
      </form>
    </div>
  );
}
