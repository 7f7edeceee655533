import Link from "next/link";
import { getContentSource } from "@/lib/content/source";
import { orWhenUnavailable } from "@/lib/content/errors";

/** Served with status 404, fully in the server HTML: a search box and the latest articles. */
export default async function NotFound() {
  const latest = await orWhenUnavailable(getContentSource().listArticles({ perPage: 5 }), { items: [], page: 1, perPage: 5, total: 0, totalPages: 1 });
  return (
    <div className="mx-auto max-w-2xl">
      <p className="text-sm font-bold uppercase tracking-wide text-accent">Error 404</p>
      <h1 className="mt-2 font-serif text-4xl font-bold">We can’t find that page</h1>
      <p className="mt-4 text-lg text-muted">It may have moved, or the address may be mistyped. Try a search, or read the latest news.</p>
      <form action="/search" method="get" role="search" className="mt-6 flex gap-2">
        <label htmlFor="notfound-q" className="sr-only">
          Search articles
        </label>
        <input id="notfound-q" name="q" type="search" maxLength={200} className="h-11 min-w-0 flex-1 rounded-md border border-rule bg-paper px-3" />
        <button type="submit" className="h-11 rounded-md bg-accent px-4 font-semibold text-accent-ink">
          Search
        </button>
      </form>
      {latest.items.length > 0 && (
        <section aria-labelledby="nf-latest" className="mt-10">
          <h2 id="nf-latest" className="font-serif text-2xl font-bold">
            Latest articles
          </h2>
          <ul className="mt-4 space-y-3">
            {latest.items.map((a) => (
              <li key={a.slug}>
                <Link href={a.url} className="font-semibold text-accent hover:underline">
                  {a.title}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="mt-10">
        <Link href="/" className="font-semibold text-accent hover:underline">
          Go to the home page
        </Link>
      </p>
    </div>
  );
}
