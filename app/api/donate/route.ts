import { getSite } from "@/lib/config/site";
import { donationUrl, findProvider, MAX_DONATION, parseAmount } from "@/lib/pages/donation";
import { getI18n } from "@/lib/i18n/translate";

/**
 * The custom-amount form of the donation box. Redirects only to a provider URL from site.yml —
 * the target never comes from the request — so it cannot be used as an open redirect.
 */
export async function GET(request: Request) {
  const donation = getSite().donation;
  // A reader sees these (a custom amount the browser let through), so they are in the site's language.
  const i18n = getI18n();
  if (!donation) return text(i18n.t("donation.errorNotConfigured"), 404);
  const params = new URL(request.url).searchParams;
  const provider = findProvider(donation, params.get("provider"));
  const amount = parseAmount(params.get("amount"));
  if (!provider) return text(i18n.t("donation.errorProvider"), 400);
  if (amount === null) return text(i18n.t("donation.errorAmount", { min: i18n.number(1), max: i18n.number(MAX_DONATION) }), 400);
  return new Response(null, {
    status: 303,
    headers: { Location: donationUrl(provider.url, amount, donation.currency), "Cache-Control": "no-store" },
  });
}

function text(message: string, status: number) {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
