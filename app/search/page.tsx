import type { Metadata } from "next";
import { getContentSource } from "@/lib/content/source";
import { ArticleList } from "@/components/ArticleList";

export const metadata: Metadata = {
  title: "Search",
  robots: { index: false, follow: true },
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const MAX_QUERY = 200;

export default async function SearchPage({ searchParams }: Props) {
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw ?? "").slice(0, MAX_QUERY).trim();
  const results = q ? await getContentSource().search({ q, perPage: 20 }) : null;
  return (
    <>
      <h1 className="font-serif text-4xl font-bold">Search</h1>
      <form action="/search" method="get" role="search" className="mt-6 flex max-w-xl gap-2">
        <label htmlFor="search-page-q" className="sr-only">
          Search articles
        </label>
        <input
          id="search-page-q"
          name="q"
          type="search"
          defaultValue={q}
          maxLength={MAX_QUERY}
          className="h-11 flex-1 rounded-md border border-rule bg-paper px-3"
        />
        <button type="submit" className="h-11 rounded-md bg-accent px-4 font-semibold text-accent-ink">
          Search
        </button>
      </form>
      {results && (
        <section aria-labelledby="results-title" className="mt-8">
          <h2 id="results-title" className="text-lg font-semibold" aria-live="polite">
            {results.total === 0 ? `No results for “${q}”` : `${results.total} result${results.total === 1 ? "" : "s"} for “${q}”`}
          </h2>
          <div className="mt-6">
            <ArticleList articles={results.items} emptyText="Try fewer or different words." />
          </div>
        </section>
      )}
    </>
  );
}
