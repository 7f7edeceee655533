import type { Metadata } from "next";
import Link from "@/components/Link";
import { getContentSource } from "@/lib/sources/source";
import { orWhenUnavailable } from "@/lib/sources/errors";
import { getI18n } from "@/lib/i18n/translate";
import { StatusPage } from "@/components/StatusPage";

export function generateMetadata(): Metadata {
  return { title: getI18n().t("notFound.metaTitle") };
}

/** Served with status 404, fully in the server HTML: a search box and the latest articles. */
export default async function NotFound() {
  const { t } = getI18n();
  const latest = await orWhenUnavailable(getContentSource().listArticles({ perPage: 5 }), { items: [], page: 1, perPage: 5, total: 0, totalPages: 1 });
  return (
    <StatusPage eyebrow={t("notFound.eyebrow")} title={t("notFound.title")} message={t("notFound.body")}>
      <form action="/search" method="get" role="search" className="mt-6 flex gap-2">
        <label htmlFor="notfound-q" className="sr-only">
          {t("search.label")}
        </label>
        <input id="notfound-q" name="q" type="search" maxLength={200} className="h-11 min-w-0 flex-1 rounded-md border border-rule bg-paper px-3" />
        <button type="submit" className="h-11 rounded-md bg-accent px-4 font-semibold text-accent-ink">
          {t("search.button")}
        </button>
      </form>
      {latest.items.length > 0 && (
        <section aria-labelledby="nf-latest" className="mt-10">
          <h2 id="nf-latest" className="font-serif text-2xl font-bold">
            {t("notFound.latest")}
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
    </StatusPage>
  );
}
