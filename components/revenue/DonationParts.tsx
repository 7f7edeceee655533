import type { DonationConfig } from "@/lib/config/site";
import { getI18n } from "@/lib/i18n/translate";
import { MIN_AMOUNT } from "@/lib/revenue/offer";

/** The box's title and message, the same in the first release's links box and the card box. */
export function DonationHeading({ config }: { config: DonationConfig }) {
  return (
    <>
      <h2 id="donate-title" className="font-serif text-2xl font-bold">
        {config.headline}
      </h2>
      <p className="mt-2 leading-relaxed">{config.message}</p>
    </>
  );
}

/** "Other amount (USD)": the typed amount of either box, bounded like the server bounds it. */
export function OtherAmountField({ id, name, currency, max, required = false, inputClassName = "w-36" }: { id: string; name: string; currency: string; max: number; required?: boolean; inputClassName?: string }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-semibold">
        {getI18n().t("donation.otherAmount", { currency })}
      </label>
      <input
        id={id}
        name={name}
        type="number"
        inputMode="decimal"
        min={MIN_AMOUNT}
        max={max}
        step="0.01"
        required={required}
        className={`mt-1 h-10 rounded-md border border-rule bg-paper px-2 ${inputClassName}`}
      />
    </div>
  );
}
