/**
 * What the donation box offers, from site.yml `donation` and the environment (issue 30). Card
 * payments through Stripe Checkout are on when site.yml says `stripe: true` (the default when
 * `frequencies` is given) and STRIPE_SECRET_KEY is set; otherwise the box is the first release's
 * links, unchanged. Pure: no SDK, no store.
 */
import type { DonationConfig } from "../config/site";
import { providerSlug } from "../pages/donation";

export type Frequency = "once" | "monthly" | "yearly";
export const FREQUENCIES: readonly Frequency[] = ["once", "monthly", "yearly"];
/** Stripe's recurring interval for a frequency; null for one-off. */
export const STRIPE_INTERVAL: Record<Frequency, "month" | "year" | null> = { once: null, monthly: "month", yearly: "year" };
/** Stored in the reader data store: "once", "month", "year". */
export type Interval = "once" | "month" | "year";
export const intervalOf = (f: Frequency): Interval => STRIPE_INTERVAL[f] ?? "once";

/** A custom amount: at least this, in whole currency units… */
export const MIN_AMOUNT = 1;
/** …and at most this (card testers try large and tiny amounts; a reader rarely gives more). */
export const MAX_AMOUNT = 10_000;

export interface RevenueOffer {
  currency: string;
  frequencies: { id: Frequency; amounts: number[] }[];
  defaultFrequency: Frequency;
  /** Link providers still offered (one-off only): the card link is replaced by Stripe Checkout. */
  linkProviders: { label: string; url: string; slug: string }[];
  goal?: { supporters: number; by?: string };
  manageUrl?: string;
}

// A "Credit card" link provider is what Stripe Checkout replaces, in any of the shipped languages.
const CARD_LABEL = /card|carte|karte|tarjeta|بطاقة|כרטיס|אשראי/i;

type Env = Record<string, string | undefined>;

export function stripeConfigured(env: Env = process.env): boolean {
  return Boolean(env.STRIPE_SECRET_KEY?.trim());
}

/** The offer when card payments through Stripe are on; null → the first release's box. */
export function revenueOffer(config: DonationConfig | undefined, env: Env = process.env): RevenueOffer | null {
  if (!config || !stripeConfigured(env)) return null;
  if (config.stripe === false || (config.stripe === undefined && !config.frequencies)) return null;
  const listed = config.frequencies ?? { once: config.amounts };
  const frequencies = FREQUENCIES.filter((id) => listed[id]?.length).map((id) => ({ id, amounts: listed[id]! }));
  const defaultFrequency = frequencies.some((f) => f.id === config.defaultFrequency) ? config.defaultFrequency! : frequencies[0].id;
  return {
    currency: config.currency,
    frequencies,
    defaultFrequency,
    linkProviders: config.providers.filter((p) => !CARD_LABEL.test(p.label)).map((p) => ({ ...p, slug: providerSlug(p.label) })),
    goal: config.goal,
    manageUrl: config.manageUrl,
  };
}

/** Currencies without minor units (Stripe's list of zero-decimal currencies that a newsroom may use). */
const ZERO_DECIMAL = new Set(["BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"]);
export const toMinor = (amount: number, currency: string) => Math.round(amount * (ZERO_DECIMAL.has(currency.toUpperCase()) ? 1 : 100));
export const fromMinor = (minor: number, currency: string) => minor / (ZERO_DECIMAL.has(currency.toUpperCase()) ? 1 : 100);
