import type { Metadata } from "next";
import Link from "@/components/Link";
import { notFound } from "next/navigation";
import { getI18n, type MessageKey } from "@/lib/i18n/translate";
import { newsletterLists } from "@/lib/newsletters/config";

/** The answers of the newsletter forms and links, as pages (static: they say the same to everyone). */
const PAGES: Record<string, { title: MessageKey; body: MessageKey; again?: boolean }> = {
  "check-inbox": { title: "newsletters.check.title", body: "newsletters.check.body" },
  confirmed: { title: "newsletters.confirmed.title", body: "newsletters.confirmed.body" },
  "link-invalid": { title: "newsletters.invalid.title", body: "newsletters.invalid.body", again: true },
  "sign-up-failed": { title: "newsletters.form.failed", body: "newsletters.form.invalid", again: true },
  unsubscribed: { title: "newsletters.unsubscribed.title", body: "newsletters.unsubscribed.body" },
  deleted: { title: "newsletters.deleted.title", body: "newsletters.deleted.body" },
};

export const dynamicParams = false;
export function generateStaticParams() {
  return Object.keys(PAGES).map((status) => ({ status }));
}

type Props = { params: Promise<{ status: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = PAGES[(await params).status];
  return page ? { title: getI18n().t(page.title), robots: { index: false, follow: true } } : {};
}

export default async function NewsletterStatusPage({ params }: Props) {
  const page = PAGES[(await params).status];
  if (!page || newsletterLists().length === 0) notFound();
  const { t } = getI18n();
  return (
    <div className="mx-auto max-w-2xl py-8" data-testid="newsletter-status">
      <h1 className="font-serif text-3xl font-bold">{t(page.title)}</h1>
      <p className="mt-4 text-lg leading-relaxed">{t(page.body)}</p>
      {page.again && (
        <p className="mt-6">
          <Link href="/newsletters" className="font-semibold text-accent underline">
            {t("newsletters.form.heading")}
          </Link>
        </p>
      )}
    </div>
  );
}
