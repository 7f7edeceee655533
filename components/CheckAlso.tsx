import Link from "@/components/Link";
import type { ArticleSummary } from "@/lib/sources/types";
import { getI18n } from "@/lib/i18n/translate";

/** The inline "Check also: <title>" link placed inside the body; the accent rule sits on the reading-start side. */
export function CheckAlso({ article }: { article: ArticleSummary }) {
  return (
    <p className="not-prose my-6 border-s-4 border-accent bg-panel px-4 py-3 font-semibold" data-check-also="inline">
      <span className="text-muted">{getI18n().t("checkAlso.inline")} </span>
      <Link href={article.url} className="text-accent underline-offset-2 hover:underline">
        {article.title}
      </Link>
    </p>
  );
}
