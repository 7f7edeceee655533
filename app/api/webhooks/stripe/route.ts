import { revalidatePath } from "next/cache";
import { jsonError, readLimitedText } from "@/lib/request/http";
import { getStore } from "@/lib/store";
import { recordStripeEvent } from "@/lib/revenue/events";
import { stripeClient } from "@/lib/revenue/stripe";


/** Stripe's events are a few KB; anything near this is not Stripe. */
const MAX_BODY_BYTES = 256 * 1024;

/**
 * Stripe's webhook: the signature checked by the SDK on the raw body (STRIPE_WEBHOOK_SECRET), each
 * event recorded once by id with what it changes (lib/revenue/events.ts). 2xx only once recorded:
 * any failure answers 5xx and Stripe delivers the event again; a replay is acknowledged, unchanged.
 */
export async function POST(request: Request) {
  const secret = process.env.STRIPE_WEBHOOK_SECRET?.trim();
  if (!secret || !process.env.STRIPE_SECRET_KEY?.trim()) return jsonError(404, "Stripe is not enabled.");
  const signature = request.headers.get("stripe-signature");
  if (!signature || signature.length > 2048) return jsonError(400, "Missing Stripe-Signature header.");
  const received = await readLimitedText(request, MAX_BODY_BYTES);
  if ("refused" in received) return received.refused;
  let event;
  try {
    event = stripeClient().webhooks.constructEvent(received.text, signature, secret);
  } catch {
    return jsonError(400, "Signature verification failed.");
  }
  let fresh: boolean;
  try {
    fresh = await recordStripeEvent(await getStore(), event);
  } catch (error) {
    console.error(`[revenue] event ${event.id} (${event.type}) not recorded: ${error instanceof Error ? error.message : String(error)}`);
    return jsonError(503, "Not recorded; retry later.", {}, { "Retry-After": "10" });
  }
  // /support shows the count: rebuilt at its next request (the edge keeps it at most 5 minutes).
  // The event is recorded already: a failure here must not make Stripe deliver it again.
  // (A throttled refresh outside the request left the count stale in the
  // revenue suite on the typed server: back to this until that is understood — decision 0162.)
  try {
    if (fresh) revalidatePath("/support");
  } catch (error) {
    console.error(`[revenue] /support not revalidated: ${error instanceof Error ? error.message : String(error)}`);
  }
  return Response.json({ received: true, duplicate: !fresh }, { headers: { "Cache-Control": "no-store" } });
}
