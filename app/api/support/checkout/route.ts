import { getSite } from "@/lib/config/site";
import { getI18n } from "@/lib/i18n/translate";
import { readLimitedText } from "@/lib/request/http";
import { clientKey } from "@/lib/access/rate-limit";
import { sharedCounterStore } from "@/lib/access/counter-store";
import { donationUrl } from "@/lib/pages/donation";
import { MAX_AMOUNT, MIN_AMOUNT, revenueOffer } from "@/lib/revenue/offer";
import { CHECKOUT_LIMIT, CHECKOUT_MAX_BODY, CHECKOUT_WINDOW_MS, parseChoice, sameOriginReturn, sessionParams } from "@/lib/revenue/checkout";
import { stripeClient } from "@/lib/revenue/stripe";

/**
 * The donation box's form: POST only (a GET is 405), from a page of this site, a bounded body, at
 * most CHECKOUT_LIMIT sessions per client per window (429 + Retry-After). A card payment becomes a
 * Stripe Checkout Session (303 to Stripe's page); a link provider gets a 303 to its URL from site.yml.
 * Errors are short texts in the site's language (the reader came from a plain form).
 */
export async function POST(request: Request) {
  const site = getSite();
  const offer = revenueOffer(site.donation);
  const i18n = getI18n();
  if (!offer) return text(i18n.t("donation.errorNotConfigured"), 404);
  const origin = sameOriginReturn(request);
  if (!origin) return text(i18n.t("support.errorOrigin"), 403);

  const count = await sharedCounterStore("checkout-sessions").hit(`checkout:${clientKey(request)}`, CHECKOUT_WINDOW_MS);
  if (count > CHECKOUT_LIMIT) return text(i18n.t("support.tooMany"), 429, { "Retry-After": String(Math.ceil(CHECKOUT_WINDOW_MS / 1000)) });

  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) return text(i18n.t("support.errorFrequency"), 415);
  const received = await readLimitedText(request, CHECKOUT_MAX_BODY);
  if ("refused" in received) return received.refused;
  const choice = parseChoice(new URLSearchParams(received.text), offer);
  if (!choice.ok) {
    if (choice.problem === "amount") return text(i18n.t("donation.errorAmount", { min: i18n.number(MIN_AMOUNT), max: i18n.number(MAX_AMOUNT) }), 400);
    return text(i18n.t(choice.problem === "frequency" ? "support.errorFrequency" : "support.errorWay"), 400);
  }

  if (choice.way !== "card") {
    const provider = offer.linkProviders.find((p) => p.slug === choice.way)!;
    return redirect(donationUrl(provider.url, choice.amount, offer.currency));
  }
  try {
    const session = await stripeClient().checkout.sessions.create(
      sessionParams(choice, offer, origin, i18n.t("support.productName", { site: site.name }), i18n.locale.split("-")[0]),
    );
    if (!session.url) throw new Error(`session ${session.id} has no url`);
    return redirect(session.url);
  } catch (error) {
    console.error(`[revenue] checkout session not created: ${error instanceof Error ? error.message : String(error)}`);
    return text(i18n.t("support.unavailable"), 503, { "Retry-After": "30" });
  }
}

function redirect(location: string) {
  return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });
}

function text(message: string, status: number, headers: Record<string, string> = {}) {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers } });
}
