import type { Metadata } from "next";
import Link from "@/components/Link";
import { notFound } from "next/navigation";
import { getI18n } from "@/lib/i18n/translate";
import { getSite } from "@/lib/config/site";
import { newsletterLists } from "@/lib/newsletters/config";
import { NewsletterSignup } from "@/components/newsletters/NewsletterSignup";
import { frequency } from "@/components/newsletters/ListChoices";

export const revalidate = 3600;

export function generateMetadata(): Metadata {
  const { t } = getI18n();
  return { title: t("newsletters.title"), description: t("newsletters.intro"), alternates: { canonical: "/newsletters" } };
}

/** /newsletters: every list with its description and how often it comes, and one form for several. */
export default function NewslettersPage() {
  const lists = newsletterLists();
  if (lists.length === 0) notFound();
  const { t } = getI18n();
  const site = getSite();
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="font-serif text-4xl font-bold">{t("newsletters.title")}</h1>
      <p className="mt-3 text-lg leading-relaxed">{t("newsletters.intro")}</p>
      <dl className="mt-8 divide-y divide-rule border-y border-rule">
        {lists.map((l) => (
          <div key={l.id} className="py-4">
            <dt className="font-serif text-xl font-bold">{l.name}</dt>
            <dd className="mt-1">{l.description}</dd>
            <dd className="mt-1 text-sm text-muted">{frequency(l)}</dd>
          </div>
        ))}
      </dl>
      <NewsletterSignup variant="page" page="/newsletters" />
      <p className="text-sm text-muted">
        {t("newsletters.privacy")}{" "}
        {site && (
          <Link href="/privacy" className="underline">
            {t("newsletters.privacyLink")}
          </Link>
        )}
      </p>
    </div>
  );
}
