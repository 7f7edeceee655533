import type { ArticlesFilter } from "@/lib/api/articles";
import { Breadcrumbs, type Crumb } from "./Breadcrumbs";
import { ArticleFeed } from "./ArticleFeed";
import { getI18n } from "@/lib/i18n/translate";

/** Author and tag pages: a header, the articles newest first, and path pagination. */
export function ListingPage({
  trail,
  title,
  intro,
  filter,
  page,
  perPage,
  basePath,
}: {
  trail: Crumb[];
  title: string;
  intro?: React.ReactNode;
  filter: ArticlesFilter;
  page: number;
  perPage: number;
  basePath: string;
}) {
  return (
    <>
      <Breadcrumbs items={trail} />
      <header className="mt-4 border-b border-rule pb-6">
        <h1 className="font-serif text-4xl font-bold">
          {title}
          {page > 1 && <span className="text-muted"> {getI18n().t("listing.pageSuffix", { page })}</span>}
        </h1>
        {intro}
      </header>
      <div className="mt-8">
        <ArticleFeed filter={filter} page={page} perPage={perPage} basePath={basePath} />
      </div>
    </>
  );
}
