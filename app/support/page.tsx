import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getI18n } from "@/lib/i18n/translate";
import { getSite } from "@/lib/config/site";
import { getContentSource } from "@/lib/sources/source";
import { revenueOffer } from "@/lib/revenue/offer";
import { countSupporters } from "@/lib/revenue/supporters";
import { getStore } from "@/lib/store";
import { DonationCta } from "@/components/DonationCta";
import type { SupportCount } from "@/components/revenue/SupportProgress";
import { ArticleBody } from "@/components/ArticleBody";

// Fresh at the edge within 5 minutes: the count of supporters changes with Stripe's events.
export const revalidate = 300;

export function generateMetadata(): Metadata {
  const site = getSite();
  return { title: getI18n().t("support.pageTitle", { site: site.name }), alternates: { canonical: "/support" } };
}

async function supporters(): Promise<SupportCount | null> {
  // Never at build time (no reader data there); a store that cannot answer hides the count.
  if (process.env.NEXT_PHASE === "phase-production-build") return null;
  try {
    const countedAt = new Date().toISOString();
    return { count: await countSupporters((await getStore()).db), countedAt };
  } catch (error) {
    console.error(`[revenue] supporters not counted: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

/**
 * /support: the box in full (with this month's progress when card payments are on), and the
 * newsroom's own page (pages/support.md) if any. Without card payments the box is the first
 * release's links; without a box or a page there is nothing to show (404).
 */
export default async function SupportPage() {
  const site = getSite();
  const offer = revenueOffer(site.donation);
  const i18n = getI18n();
  const page = await getContentSource()
    .getPage("support")
    .catch(() => null);
  if (!site.donation && !page) notFound();
  return (
    <article className="mx-auto max-w-3xl" data-testid="support-page">
      <h1 className="font-serif text-4xl font-bold leading-tight">{page?.title ?? i18n.t("support.pageTitle", { site: site.name })}</h1>
      <p className="mt-4 font-serif text-xl leading-relaxed text-muted">{page?.description || i18n.t("support.pageIntro")}</p>
      {site.donation && <DonationCta config={site.donation} from="/support" progress={offer ? await supporters() : null} />}
      {page && (
        <div className="mt-8">
          <ArticleBody html={page.body} />
        </div>
      )}
    </article>
  );
}
