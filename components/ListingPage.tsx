import type { ArticleSummary, Page } from "@/lib/content/types";
import { Breadcrumbs, type Crumb } from "./Breadcrumbs";
import { ArticleList } from "./ArticleList";
import { Pagination } from "./Pagination";

/** Author and tag pages: a header, the articles newest first, and path pagination. */
export function ListingPage({
  trail,
  title,
  intro,
  list,
  basePath,
}: {
  trail: Crumb[];
  title: string;
  intro?: React.ReactNode;
  list: Page<ArticleSummary>;
  basePath: string;
}) {
  return (
    <>
      <Breadcrumbs items={trail} />
      <header className="mt-4 border-b border-rule pb-6">
        <h1 className="font-serif text-4xl font-bold">
          {title}
          {list.page > 1 && <span className="text-muted"> — page {list.page}</span>}
        </h1>
        {intro}
      </header>
      <div className="mt-8">
        <ArticleList articles={list.items} />
      </div>
      <Pagination basePath={basePath} page={list.page} totalPages={list.totalPages} />
    </>
  );
}
