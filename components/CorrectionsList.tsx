import Link from "@/components/Link";
import type { CorrectionEntry, Page } from "@/lib/sources/types";
import { formatDate } from "@/lib/config/format";
import { correctionAnchor } from "@/lib/pages/corrections";
import { getI18n } from "@/lib/i18n/translate";
import { homeCrumb } from "@/lib/pages/breadcrumbs";
import { ListingPage } from "./ListingPage";
import { Pagination } from "./Pagination";

/**
 * /corrections: every correction the newsroom has published, newest first, each dated and linked to
 * the notice on its article, with the policy and the feed one click away. Paginated in the path.
 */
export function CorrectionsList({ list, policyUrl }: { list: Page<CorrectionEntry>; policyUrl?: string }) {
  const i18n = getI18n();
  return (
    <ListingPage
      trail={[homeCrumb(), { name: i18n.t("corrections.title") }]}
      title={i18n.t("corrections.title")}
      page={list.page}
      intro={
        <div className="mt-3 max-w-2xl space-y-2 text-muted">
          <p className="font-serif text-lg">{i18n.t("corrections.intro")}</p>
          <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm font-semibold">
            {policyUrl && (
              <a href={policyUrl} className="text-accent hover:underline">
                {i18n.t("corrections.policyLink")}
              </a>
            )}
            <a href="/corrections/feed.xml" className="text-accent hover:underline">
              {i18n.t("corrections.feed")}
            </a>
          </p>
        </div>
      }
    >
      {list.items.length === 0 ? (
        <p className="text-muted">{i18n.t("corrections.empty")}</p>
      ) : (
        <ol className="divide-y divide-rule border-b border-rule" data-testid="corrections-list">
          {list.items.map(({ article, correction }) => (
            <li key={`${article.slug}-${correction.date}`} className="grid gap-x-8 gap-y-1 py-6 first:pt-0 sm:grid-cols-[11rem_1fr]">
              <p className="text-sm font-semibold uppercase tracking-wide text-notice">
                <time dateTime={correction.date}>{formatDate(correction.date)}</time>
              </p>
              <div className="min-w-0">
                <h2 className="font-serif text-xl font-bold leading-snug">
                  <Link href={`${article.url}#${correctionAnchor(correction)}`} className="hover:underline">
                    {article.title}
                  </Link>
                </h2>
                <p className="mt-2 font-serif text-lg leading-relaxed [&_a]:text-accent [&_a]:underline" dangerouslySetInnerHTML={{ __html: correction.html }} />
                <p className="mt-2 text-sm text-muted">
                  {article.section.name} · <time dateTime={article.publishedAt}>{formatDate(article.publishedAt)}</time>
                </p>
              </div>
            </li>
          ))}
        </ol>
      )}
      <Pagination basePath="/corrections" page={list.page} totalPages={list.totalPages} />
    </ListingPage>
  );
}
