import type { DonationConfig } from "../config/site";

export const MAX_DONATION = 10_000;

/** A provider URL from site.yml with {amount} and {currency} filled in. */
export function donationUrl(template: string, amount: number, currency: string): string {
  return template
    .replaceAll("{amount}", encodeURIComponent(String(amount)))
    .replaceAll("{currency}", encodeURIComponent(currency));
}

/** Parses a reader-typed amount: positive, at most two decimals, at most MAX_DONATION. */
export function parseAmount(raw: string | null): number | null {
  if (!raw || !/^\d{1,6}(?:[.,]\d{1,2})?$/.test(raw.trim())) return null;
  const value = Number(raw.trim().replace(",", "."));
  return value >= 1 && value <= MAX_DONATION ? value : null;
}

export function providerSlug(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

export function findProvider(config: DonationConfig, slug: string | null) {
  return config.providers.find((p) => providerSlug(p.label) === slug) ?? null;
}
