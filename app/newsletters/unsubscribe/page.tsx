import type { Metadata } from "next";
import Link from "@/components/Link";
import { getI18n } from "@/lib/i18n/translate";
import { openReaderPage } from "@/lib/newsletters/reader-page";

export function generateMetadata(): Metadata {
  return { title: getI18n().t("newsletters.unsubscribe.title"), robots: { index: false, follow: false } };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The unsubscribe link opened in a browser: one button (a GET never unsubscribes; scanners fetch links). */
export default async function UnsubscribePage({ searchParams }: Props) {
  const { lists, query, token } = await openReaderPage(searchParams);
  const list = lists.find((l) => l.id === query.list);
  const { t } = getI18n();
  const action = `/api/newsletters/unsubscribe?${new URLSearchParams({ token, ...(list ? { list: list.id } : {}) })}`;
  return (
    <div className="mx-auto max-w-2xl py-8">
      <h1 className="font-serif text-3xl font-bold">{t("newsletters.unsubscribe.title")}</h1>
      <form action={action} method="post" className="mt-6">
        <button type="submit" className="rounded-md bg-accent px-4 py-2 font-semibold text-accent-ink">
          {list ? t("newsletters.unsubscribe.button", { list: list.name }) : t("newsletters.preferences.unsubscribeAll")}
        </button>
      </form>
      <p className="mt-6">
        <Link href={`/newsletters/preferences?token=${encodeURIComponent(token)}`} className="text-accent underline">
          {t("newsletters.mail.preferences")}
        </Link>
      </p>
    </div>
  );
}
