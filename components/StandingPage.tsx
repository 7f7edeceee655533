import type { StandingPage as Page } from "@/lib/sources/types";
import { formatDate } from "@/lib/config/format";
import { getI18n } from "@/lib/i18n/translate";
import { homeCrumb } from "@/lib/pages/breadcrumbs";
import { Breadcrumbs } from "./Breadcrumbs";
import { ArticleBody } from "./ArticleBody";

/** True when the description is only the start of the body (derived, not written): not shown twice. */
function repeatsBody(page: Page): boolean {
  const lead = page.body.slice(0, 600).replace(/<[^>]+>/g, "").replace(/\s+/g, " ").trim();
  return lead.startsWith(page.description.replace(/…$/, "").slice(0, 60));
}

/** A standing page (About, Ethics, Contact…): Home › Title, the title and standfirst, when it last changed, the body. */
export function StandingPage({ page, banner }: { page: Page; banner?: React.ReactNode }) {
  const i18n = getI18n();
  return (
    <>
      {banner}
      <article className="mx-auto max-w-3xl" data-testid="standing-page">
        <Breadcrumbs items={[homeCrumb(), { name: page.title }]} />
        <header className="mt-4 border-b border-rule pb-6">
          <h1 className="font-serif text-4xl font-bold leading-tight text-balance sm:text-5xl">{page.title}</h1>
          {page.description && !repeatsBody(page) && <p className="mt-4 font-serif text-xl leading-relaxed text-muted">{page.description}</p>}
          {page.updatedAt && (
            <p className="mt-4 text-sm text-muted">
              {i18n.rich("page.lastUpdated", { date: <time dateTime={page.updatedAt}>{formatDate(page.updatedAt)}</time> })}
            </p>
          )}
        </header>
        <div className="mt-8">
          <ArticleBody html={page.body} />
        </div>
      </article>
    </>
  );
}
