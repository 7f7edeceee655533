/**
 * Stripe's webhook (POST /api/webhooks/stripe): the signature checked by the SDK on the raw body
 * (STRIPE_WEBHOOK_SECRET), each event recorded once by id with what it changes (./events.ts). 2xx only
 * once recorded: any failure answers 5xx and Stripe delivers the event again; a replay is
 * acknowledged, unchanged. The route passes the store and the refresh of /support.
 */
import { jsonError, readLimitedText } from "../request/http";
import type { Store } from "../store";
import { stripeMetrics } from "../observability/metrics";
import { metricType, recordStripeEvent } from "./events";
import { stripeClient, type Stripe } from "./stripe";

/** Stripe's events are a few KB; anything near this is not Stripe. */
const MAX_BODY_BYTES = 256 * 1024;

export interface WebhookDeps {
  env?: Record<string, string | undefined>;
  store: () => Promise<Store>;
  /** Called after a new event is recorded (the route: revalidatePath("/support")). */
  refresh: () => void;
}

type Rejection = "signature" | "too_large" | "malformed";
function reject(reason: Rejection, response: Response): Response {
  stripeMetrics().rejected.inc({ reason });
  return response;
}

/**
 * A signed body that is not an event as Stripe sends them (id, type, creation time, data.object) is
 * refused for good with 400: answered 5xx, Stripe would deliver it again for days.
 */
function asEvent(text: string): Stripe.Event | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const event = value as Record<string, unknown>;
  const data = event.data as Record<string, unknown> | null | undefined;
  const ok =
    typeof event.id === "string" && /^[A-Za-z0-9_]{1,255}$/.test(event.id) &&
    typeof event.type === "string" && /^[a-z0-9_.]{1,100}$/.test(event.type) &&
    typeof event.created === "number" && Number.isSafeInteger(event.created) && event.created > 0 &&
    !!data && typeof data === "object" && !!data.object && typeof data.object === "object" && !Array.isArray(data.object);
  return ok ? (value as Stripe.Event) : null;
}

export async function handleStripeWebhook(request: Request, { env = process.env, store, refresh }: WebhookDeps): Promise<Response> {
  const secret = env.STRIPE_WEBHOOK_SECRET?.trim();
  if (!secret || !env.STRIPE_SECRET_KEY?.trim()) return jsonError(404, "Stripe is not enabled.");
  const signature = request.headers.get("stripe-signature");
  if (!signature || signature.length > 2048) return reject("signature", jsonError(400, "Missing Stripe-Signature header."));
  const received = await readLimitedText(request, MAX_BODY_BYTES);
  if ("refused" in received) return reject(received.refused.status === 413 ? "too_large" : "malformed", received.refused);
  // The signature first (the SDK, on the raw body, within its 5-minute tolerance), then the event.
  try {
    const verifier = stripeClient(env).webhooks.signature;
    if (!verifier) throw new Error("the SDK has no signature verifier");
    verifier.verifyHeader(received.text, signature, secret);
  } catch {
    return reject("signature", jsonError(400, "Signature verification failed."));
  }
  const event = asEvent(received.text);
  if (!event) return reject("malformed", jsonError(400, "Not a Stripe event."));
  let fresh: boolean;
  try {
    fresh = await recordStripeEvent(await store().catch((error) => {
      stripeMetrics().events.inc({ type: metricType(event.type), outcome: "failed" });
      throw error;
    }), event);
  } catch (error) {
    console.error(`[revenue] event ${event.id} (${event.type}) not recorded: ${error instanceof Error ? error.message : String(error)}`);
    return jsonError(503, "Not recorded; retry later.", {}, { "Retry-After": "10" });
  }
  // /support shows the count: rebuilt at its next request (the edge keeps it at most 5 minutes).
  // The event is recorded already: a failure here must not make Stripe deliver it again.
  // (A throttled refresh outside the request left the count stale in the
  // revenue suite on the typed server: back to this until that is understood — decision 0162.)
  try {
    if (fresh) refresh();
  } catch (error) {
    console.error(`[revenue] /support not revalidated: ${error instanceof Error ? error.message : String(error)}`);
  }
  return Response.json({ received: true, duplicate: !fresh }, { headers: { "Cache-Control": "no-store" } });
}
