import type { DonationConfig } from "@/lib/config/site";
import { donationUrl, MAX_DONATION, providerSlug } from "@/lib/pages/donation";
import { getI18n } from "@/lib/i18n/translate";
import { revenueOffer } from "@/lib/revenue/offer";
import { SupportBox } from "./revenue/SupportBox";
import type { SupportCount } from "./revenue/SupportProgress";
import { DonationHeading, OtherAmountField } from "./revenue/DonationParts";

/**
 * The reader-supported call-to-action. Not a paywall: it sits after the article, never over it.
 * Every preset is a real link to the provider; a custom amount goes through /api/donate, which
 * only ever redirects to a provider URL from site.yml.
 */
export function DonationCta({ config, from = "/support", progress }: { config: DonationConfig; from?: string; progress?: SupportCount | null }) {
  // Card payments through Stripe Checkout (issue 30) when STRIPE_SECRET_KEY is set; otherwise the links below.
  const offer = revenueOffer(config);
  if (offer) return <SupportBox config={config} offer={offer} from={from} progress={progress} />;
  const i18n = getI18n();
  const ways = config.providers.slice(0, ROW_VISIBLE.length);
  return (
    <aside aria-labelledby="donate-title" className="no-print my-10 rounded-lg border-2 border-accent p-6" data-testid="donation">
      <DonationHeading config={config} />
      {/* One row of amounts, the ways to pay below it as tabs (radio buttons; CSS shows the row of the
          checked way, as the support box does with frequencies): every amount is still a real link. */}
      {ways.map((provider, i) => (
        <ul key={provider.label} className={`mt-4 gap-1.5 sm:flex-wrap sm:gap-2 ${ROW_VISIBLE[i]}`} data-provider={providerSlug(provider.label)} data-testid="donation-amounts">
          {config.amounts.map((amount) => (
            <li key={amount} className="min-w-0 flex-1 sm:flex-none">
              <a
                href={donationUrl(provider.url, amount, config.currency)}
                rel="noopener"
                className="block whitespace-nowrap rounded-md border border-accent px-1 py-2 text-center font-semibold text-accent hover:bg-accent hover:text-accent-ink sm:min-w-16 sm:px-3"
                aria-label={i18n.t("donation.give", { amount: i18n.money(amount, config.currency), provider: provider.label })}
              >
                {i18n.money(amount, config.currency)}
              </a>
            </li>
          ))}
        </ul>
      ))}
      {ways.length > 1 && (
        <fieldset className="mt-3 flex flex-wrap items-center gap-2 text-sm" data-testid="donation-ways">
          <legend className="float-start me-2 py-1.5 font-semibold">{i18n.t("donation.payWith")}</legend>
          <div className="inline-flex overflow-hidden rounded-md border border-accent">
            {ways.map((provider, i) => (
              <label
                key={provider.label}
                className="cursor-pointer px-3 py-1.5 font-semibold text-accent has-checked:bg-accent has-checked:text-accent-ink has-focus-visible:outline-2 has-focus-visible:outline-offset-2 [&+&]:border-s [&+&]:border-accent"
              >
                <input type="radio" name="donate-way" id={`donate-way-${i}`} value={providerSlug(provider.label)} defaultChecked={i === 0} className="sr-only" />
                <bdi>{provider.label}</bdi>
              </label>
            ))}
          </div>
        </fieldset>
      )}
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

// Written out so Tailwind sees each class: the amounts of the checked way are shown (the first when
// there is one way). Eight ways at most get a tab; any further way is still offered in the "Pay with"
// list of the other-amount form.
// The first row shows unless another way is checked, so a browser without :has() still offers it.
const ROW_VISIBLE = [
  "flex [aside:has([name=donate-way]:not(#donate-way-0):checked)_&]:hidden",
  "hidden [aside:has(#donate-way-1:checked)_&]:flex",
  "hidden [aside:has(#donate-way-2:checked)_&]:flex",
  "hidden [aside:has(#donate-way-3:checked)_&]:flex",
  "hidden [aside:has(#donate-way-4:checked)_&]:flex",
  "hidden [aside:has(#donate-way-5:checked)_&]:flex",
  "hidden [aside:has(#donate-way-6:checked)_&]:flex",
  "hidden [aside:has(#donate-way-7:checked)_&]:flex",
];
