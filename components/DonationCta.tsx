import type { DonationConfig } from "@/lib/site";
import { donationUrl, MAX_DONATION, providerSlug } from "@/lib/donation";
import { getI18n } from "@/lib/i18n/translate";
import { revenueOffer } from "@/lib/revenue/offer";
import { SupportBox } from "./revenue/SupportBox";
import { DonationHeading, OtherAmountField } from "./revenue/DonationParts";

/**
 * The reader-supported call-to-action. Not a paywall: it sits after the article, never over it.
 * Every preset is a real link to the provider; a custom amount goes through /api/donate, which
 * only ever redirects to a provider URL from site.yml.
 */
export function DonationCta({ config, from = "/support", progress }: { config: DonationConfig; from?: string; progress?: number | null }) {
  // Card payments through Stripe Checkout (issue 30) when STRIPE_SECRET_KEY is set; otherwise the links below.
  const offer = revenueOffer(config);
  if (offer) return <SupportBox config={config} offer={offer} from={from} progress={progress} />;
  const i18n = getI18n();
  return (
    <aside aria-labelledby="donate-title" className="no-print my-10 rounded-lg border-2 border-accent p-6" data-testid="donation">
      <DonationHeading config={config} />
      <div className="mt-4 space-y-3">
        {config.providers.map((provider) => (
          <div key={provider.label} className="flex flex-wrap items-center gap-2">
            <span className="w-28 text-sm font-semibold">
              <bdi>{provider.label}</bdi>
            </span>
            <ul className="flex flex-wrap gap-2">
              {config.amounts.map((amount) => (
                <li key={amount}>
                  <a
                    href={donationUrl(provider.url, amount, config.currency)}
                    rel="noopener"
                    className="inline-block min-w-14 rounded-md border border-accent px-2.5 py-2 text-center font-semibold text-accent hover:bg-accent hover:text-accent-ink"
                    aria-label={i18n.t("donation.give", { amount: i18n.money(amount, config.currency), provider: provider.label })}
                  >
                    {i18n.money(amount, config.currency)}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
      <form action="/api/donate" method="get" className="mt-5 flex flex-wrap items-end gap-2 border-t border-rule pt-4">
        <OtherAmountField id="donate-amount" name="amount" currency={config.currency} max={MAX_DONATION} required inputClassName="w-32" />
        <div>
          <label htmlFor="donate-provider" className="block text-sm font-semibold">
            {i18n.t("donation.payWith")}
          </label>
          <select id="donate-provider" name="provider" className="mt-1 h-10 rounded-md border border-rule bg-paper px-2">
            {config.providers.map((p) => (
              <option key={p.label} value={providerSlug(p.label)}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="h-10 rounded-md bg-accent px-4 font-semibold text-accent-ink">
          {i18n.t("donation.submit")}
        </button>
      </form>
    </aside>
  );
}
