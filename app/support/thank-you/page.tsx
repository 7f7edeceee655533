import type { Metadata } from "next";
import Link from "@/components/Link";
import { notFound } from "next/navigation";
import { getI18n } from "@/lib/i18n/translate";
import { getSite } from "@/lib/config/site";
import { revenueOffer } from "@/lib/revenue/offer";
import { completedSupport, readSession } from "@/lib/revenue/session";

export function generateMetadata(): Metadata {
  return { title: getI18n().t("support.thankYouTitle"), robots: { index: false, follow: false } };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const GIVEN = { once: "support.givenOnce", monthly: "support.givenMonthly", yearly: "support.givenYearly" } as const;

/** Where Stripe Checkout returns: the session read from Stripe server-side, what was given, thanks. */
export default async function ThankYouPage({ searchParams }: Props) {
  const site = getSite();
  const offer = revenueOffer(site.donation);
  if (!offer) notFound();
  const i18n = getI18n();
  const raw = (await searchParams).session_id;
  const id = Array.isArray(raw) ? raw[0] : raw;
  let support = null;
  try {
    const session = await readSession(id);
    support = session ? completedSupport(session) : null;
  } catch (error) {
    console.error(`[revenue] thank-you page: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (
    <article className="mx-auto max-w-2xl py-8" data-testid="thank-you">
      <h1 className="font-serif text-4xl font-bold">{i18n.t("support.thankYouTitle")}</h1>
      {support ? (
        <>
          <p className="mt-6 font-serif text-2xl" data-testid="thank-you-given">
            {i18n.t(GIVEN[support.frequency], { amount: i18n.money(support.amount, support.currency) })}
          </p>
          <p className="mt-4 leading-relaxed">{i18n.t("support.thankYouBody")}</p>
        </>
      ) : (
        <p className="mt-6 leading-relaxed" role="status" data-testid="thank-you-pending">
          {i18n.t("support.thankYouPending")}
        </p>
      )}
      <p className="mt-8 flex flex-wrap gap-4">
        <Link href={support?.from ?? "/"} className="font-semibold text-accent underline">
          {i18n.t("support.backToReading")}
        </Link>
        {support && support.frequency !== "once" && offer.manageUrl && (
          <a href={offer.manageUrl} className="font-semibold text-accent underline">
            {i18n.t("support.manage")}
          </a>
        )}
      </p>
    </article>
  );
}
