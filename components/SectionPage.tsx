import Link from "next/link";
import type { ArticleSummary, Page, Section } from "@/lib/content/types";
import type { Crumb } from "./Breadcrumbs";
import { Breadcrumbs } from "./Breadcrumbs";
import { ArticleList } from "./ArticleList";
import { Pagination } from "./Pagination";

export function SectionPage({ section, trail, list }: { section: Section; trail: Crumb[]; list: Page<ArticleSummary> }) {
  return (
    <>
      <Breadcrumbs items={[...trail.slice(0, -1), { name: section.name }]} />
      <header className="mt-4 border-b border-rule pb-6">
        <h1 className="font-serif text-4xl font-bold">
          {section.name}
          {list.page > 1 && <span className="text-muted"> — page {list.page}</span>}
        </h1>
        {section.description && <p className="mt-2 text-lg text-muted">{section.description}</p>}
        {section.children.length > 0 && (
          <nav aria-label={`${section.name} subsections`} className="mt-4">
            <ul className="flex flex-wrap gap-2 text-sm">
              {section.children.map((c) => (
                <li key={c.path}>
                  <Link href={`/${c.path}`} className="inline-block rounded-full border border-rule px-3 py-1 font-semibold hover:bg-panel">
                    {c.name}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      <div className="mt-8">
        <ArticleList articles={list.items} emptyText="No articles in this section yet." />
      </div>
      <Pagination basePath={`/${section.path}`} page={list.page} totalPages={list.totalPages} />
    </>
  );
}
