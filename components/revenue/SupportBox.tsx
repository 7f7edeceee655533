import type { DonationConfig } from "@/lib/config/site";
import type { RevenueOffer } from "@/lib/revenue/offer";
import { MAX_AMOUNT } from "@/lib/revenue/offer";
import { DonationHeading, OtherAmountField } from "./DonationParts";
import { getI18n } from "@/lib/i18n/translate";
import { getSite } from "@/lib/config/site";
import { SupportProgress, SupportProgressSlot, type SupportCount } from "./SupportProgress";

const FREQUENCY_KEY = { once: "support.once", monthly: "support.monthly", yearly: "support.yearly" } as const;

/**
 * The donation box with card payments through Stripe Checkout (issue 30): frequency tabs, one row of
 * amounts for the chosen frequency, a custom amount, then the ways to pay. One plain form: it works
 * without JavaScript — the tabs are radio buttons and CSS (:has) shows the chosen frequency's row.
 * A supporter (the pre-paint script sets html[data-supporter] from our cookie) sees the thank-you
 * line instead, decided before first paint: no layout shift, one cached page for everyone.
 * A cancelled checkout comes back to `<page>#support-cancelled`, which shows a calm note (CSS :target).
 */
export function SupportBox({ config, offer, from, progress }: { config: DonationConfig; offer: RevenueOffer; from: string; progress?: SupportCount | null }) {
  const i18n = getI18n();
  const site = getSite();
  const money = (n: number) => i18n.money(n, offer.currency);
  return (
    <>
      <aside
        id="donate"
        aria-labelledby="donate-title"
        className="no-print my-10 rounded-lg border-2 border-accent p-5 sm:p-6 [[data-supporter]_&]:hidden"
        data-testid="donation"
        data-support-box=""
      >
        <DonationHeading config={config} />
        {/* /support renders its count; a cached page (an article) only the line's place, which its island fills. */}
        {progress != null ? (
          <SupportProgress count={progress.count} countedAt={progress.countedAt} goal={offer.goal?.supporters} />
        ) : (
          <SupportProgressSlot goal={offer.goal?.supporters} />
        )}
        <p id="support-cancelled" role="status" className="mt-4 hidden rounded-md border border-rule bg-paper p-3 text-sm target:block" data-testid="support-cancelled">
          {i18n.t("support.cancelled")}
        </p>
        <form method="post" action="/api/support/checkout" className="mt-5" data-testid="support-form">
          <input type="hidden" name="from" value={from} />
          <fieldset>
            <legend className="sr-only">{i18n.t("support.frequencies")}</legend>
            <div className="inline-flex overflow-hidden rounded-md border border-accent" data-testid="support-frequencies">
              {offer.frequencies.map((f) => (
                <label
                  key={f.id}
                  className="cursor-pointer px-4 py-2 text-sm font-semibold text-accent has-checked:bg-accent has-checked:text-accent-ink has-focus-visible:outline-2 has-focus-visible:outline-offset-2 [&+&]:border-s [&+&]:border-accent"
                >
                  <input type="radio" name="frequency" value={f.id} id={`support-f-${f.id}`} defaultChecked={f.id === offer.defaultFrequency} className="sr-only" />
                  {i18n.t(FREQUENCY_KEY[f.id])}
                </label>
              ))}
            </div>
          </fieldset>
          {offer.frequencies.map((f) => (
            <fieldset
              key={f.id}
              data-frequency={f.id}
              className={`mt-4 hidden ${ROW_VISIBLE[f.id]}`}
            >
              <legend className="sr-only">{i18n.t("support.amountLegend", { currency: offer.currency })}</legend>
              {/* One row on a phone too: the amounts share it (the Arabic labels, "10 د.إ.", are the widest). */}
              <div className="flex gap-1.5 sm:flex-wrap sm:gap-2" data-testid="donation-amounts">
                {f.amounts.map((amount, i) => (
                  <label key={amount} className="min-w-0 flex-1 cursor-pointer whitespace-nowrap rounded-md border border-accent px-1 py-2 text-center font-semibold sm:min-w-16 sm:flex-none sm:px-3 text-accent has-checked:bg-accent has-checked:text-accent-ink has-focus-visible:outline-2 has-focus-visible:outline-offset-2">
                    <input type="radio" name={`amount-${f.id}`} value={amount} defaultChecked={i === Math.min(1, f.amounts.length - 1)} className="sr-only" />
                    {money(amount)}
                  </label>
                ))}
              </div>
            </fieldset>
          ))}
          <div className="mt-4">
            <OtherAmountField id="support-custom" name="custom" currency={offer.currency} max={MAX_AMOUNT} />
          </div>
          <div className="mt-5 border-t border-rule pt-4">
            <button type="submit" name="way" value="card" className="h-11 rounded-md bg-accent px-5 font-semibold text-accent-ink" data-testid="support-pay-card">
              {i18n.t("support.payByCard")}
            </button>
            <p className="mt-2 text-sm text-muted">{i18n.t("support.cardNote")}</p>
            {offer.linkProviders.length > 0 && offer.frequencies.some((f) => f.id === "once") && (
              <div className="mt-3 hidden flex-wrap items-center gap-2 text-sm [form:has(#support-f-once:checked)_&]:flex" data-testid="support-links">
                <span>{i18n.t("support.linksOnce")}</span>
                {offer.linkProviders.map((p) => (
                  <button key={p.slug} type="submit" name="way" value={p.slug} formNoValidate className="rounded-md border border-accent px-3 py-1.5 font-semibold text-accent">
                    <bdi>{i18n.t("support.payWith", { provider: p.label })}</bdi>
                  </button>
                ))}
              </div>
            )}
          </div>
        </form>
      </aside>
      <p className="no-print my-10 hidden rounded-lg border border-rule p-4 [[data-supporter]_&]:block" data-testid="support-thanks">
        {i18n.t("support.thanksLine", { site: site.name })}
        {offer.manageUrl && (
          <>
            {" "}
            <a href={offer.manageUrl} className="font-semibold text-accent underline">
              {i18n.t("support.manage")}
            </a>
          </>
        )}
      </p>
    </>
  );
}

// Written out so Tailwind sees each class: the row of the checked frequency is shown.
const ROW_VISIBLE = {
  once: "[form:has(#support-f-once:checked)_&]:block",
  monthly: "[form:has(#support-f-monthly:checked)_&]:block",
  yearly: "[form:has(#support-f-yearly:checked)_&]:block",
} as const;
