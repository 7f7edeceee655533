import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getI18n } from "@/lib/i18n/translate";
import { openReaderPage } from "@/lib/newsletters/reader-page";
import { preferences } from "@/lib/newsletters/subscribers";
import { ListChoices } from "@/components/newsletters/ListChoices";

export function generateMetadata(): Metadata {
  return { title: getI18n().t("newsletters.preferences.title"), robots: { index: false, follow: false } };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * A reader's own page, reached by the signed link in every email (no account, no cookie): which
 * lists, unsubscribe from all, download the data, delete it. Per reader, so never cached.
 */
export default async function PreferencesPage({ searchParams }: Props) {
  const { lists, query, token, store, id } = await openReaderPage(searchParams);
  const prefs = await preferences(store.db, id);
  if (!prefs) redirect("/newsletters/link-invalid");
  const { t } = getI18n();
  const button = "rounded-md px-4 py-2 font-semibold";
  return (
    <div className="mx-auto max-w-2xl py-6" data-testid="newsletter-preferences">
      <h1 className="font-serif text-3xl font-bold">{t("newsletters.preferences.title")}</h1>
      <p className="mt-2 text-muted">
        {t("newsletters.preferences.intro", { email: "\u2068" + prefs.email + "\u2069" })}
      </p>
      {query.saved === "1" && (
        <p role="status" className="mt-4 rounded-md border border-accent p-3 font-semibold">
          {t("newsletters.preferences.saved")}
        </p>
      )}
      <form action="/api/newsletters/preferences" method="post" className="mt-6">
        <input type="hidden" name="token" value={token} />
        <ListChoices lists={lists} checked={(l) => prefs.lists[l.id] === "active"} />
        <div className="mt-4 flex flex-wrap gap-3">
          <button type="submit" name="action" value="save" className={`${button} bg-accent text-accent-ink`}>
            {t("newsletters.preferences.save")}
          </button>
          <button type="submit" name="action" value="unsubscribe-all" className={`${button} border border-rule`}>
            {t("newsletters.preferences.unsubscribeAll")}
          </button>
        </div>
      </form>
      <section aria-labelledby="your-data" className="mt-10 border-t border-rule pt-6">
        <h2 id="your-data" className="font-serif text-xl font-bold">
          {t("newsletters.preferences.yourData")}
        </h2>
        <p className="mt-2 text-sm text-muted">{t("newsletters.privacy")}</p>
        <div className="mt-4 flex flex-wrap items-start gap-3">
          <form action="/api/newsletters/data" method="post">
            <input type="hidden" name="token" value={token} />
            <button type="submit" className={`${button} border border-rule`}>
              {t("newsletters.preferences.download")}
            </button>
          </form>
          <form action="/api/newsletters/preferences" method="post">
            <input type="hidden" name="token" value={token} />
            <button type="submit" name="action" value="delete" className={`${button} border border-red-700 text-red-700 dark:border-red-400 dark:text-red-300`}>
              {t("newsletters.preferences.delete")}
            </button>
          </form>
        </div>
        <p className="mt-2 text-sm text-muted">{t("newsletters.preferences.deleteHint")}</p>
      </section>
    </div>
  );
}
