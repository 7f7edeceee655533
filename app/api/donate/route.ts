import { getSite } from "@/lib/site";
import { donationUrl, findProvider, parseAmount } from "@/lib/donation";

/**
 * The custom-amount form of the donation box. Redirects only to a provider URL from site.yml —
 * the target never comes from the request — so it cannot be used as an open redirect.
 */
export async function GET(request: Request) {
  const donation = getSite().donation;
  if (!donation) return text("Donations are not configured.", 404);
  const params = new URL(request.url).searchParams;
  const provider = findProvider(donation, params.get("provider"));
  const amount = parseAmount(params.get("amount"));
  if (!provider) return text("Unknown payment provider.", 400);
  if (amount === null) return text("Please enter an amount between 1 and 10000, with at most two decimals.", 400);
  return new Response(null, {
    status: 303,
    headers: { Location: donationUrl(provider.url, amount, donation.currency), "Cache-Control": "no-store" },
  });
}

function text(message: string, status: number) {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
