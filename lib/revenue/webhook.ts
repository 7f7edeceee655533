/**
 * Stripe's webhook (POST /api/webhooks/stripe): the signature checked by the SDK on the raw body
 * (STRIPE_WEBHOOK_SECRET), each event recorded once by id with what it changes (./events.ts). 2xx only
 * once recorded: any failure answers 5xx and Stripe delivers the event again; a replay is
 * acknowledged, unchanged. The route passes the store and the refresh of /support.
 */
import { jsonError, readLimitedText } from "../request/http";
import type { Store } from "../store";
import { processSingleton } from "../config/singleton.mjs";
import { stripeMetrics } from "../observability/metrics";
import { metricType, recordStripeEvent } from "./events";
import { stripeClient, type Stripe } from "./stripe";

/** Stripe's events are a few KB; anything near this is not Stripe. */
const MAX_BODY_BYTES = 256 * 1024;

export interface WebhookDeps {
  env?: Record<string, string | undefined>;
  store: () => Promise<Store>;
  /** Expires /support (the route: revalidatePath("/support")); called through the throttle. */
  refresh: () => void;
  /** Runs `run` after `ms`, still able to refresh (the route: after() of the request, then a timer). */
  later?: (ms: number, run: () => void) => void;
  /** The process's throttle unless given (tests). */
  throttle?: SupportRefreshThrottle;
}

/** /support is refreshed at most once per window after Stripe's events (decision 0241). */
export const SUPPORT_REFRESH_WINDOW_MS = 10_000;

export interface SupportRefreshThrottle {
  /** After a new event: refresh "now", "later" (in `ms`: schedule it), or "none" (one is scheduled). */
  next(): { refresh: "now" } | { refresh: "later"; ms: number } | { refresh: "none" };
  /** The scheduled refresh ran. */
  ran(): void;
}

/**
 * At once for the first event after a quiet spell; otherwise once at the end of the window that the
 * last refresh opened — so the last event of a burst is always shown, within one window.
 */
export function supportRefreshThrottle(windowMs = SUPPORT_REFRESH_WINDOW_MS, clock: () => number = Date.now): SupportRefreshThrottle {
  let last = Number.NEGATIVE_INFINITY;
  // When the scheduled refresh is due; null when none is. One a whole window overdue was lost (the
  // process was stopping, or scheduling failed): it no longer holds the events back.
  let due: number | null = null;
  return {
    next() {
      const now = clock();
      if (due !== null && now < due + windowMs) return { refresh: "none" };
      due = null;
      if (now - last >= windowMs) {
        last = now;
        return { refresh: "now" };
      }
      due = last + windowMs;
      return { refresh: "later", ms: due - now };
    },
    ran() {
      last = clock();
      due = null;
    },
  };
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

export async function handleStripeWebhook(request: Request, deps: WebhookDeps): Promise<Response> {
  const { env = process.env, store, refresh } = deps;
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
  // /support shows the count: rebuilt at its next request (the edge keeps it at most 5 minutes), at
  // most once per window however many events come. The event is recorded already: a failure here
  // must not make Stripe deliver it again.
  if (fresh) {
    const throttle = deps.throttle ?? processSingleton("revenue.supportRefresh", () => supportRefreshThrottle());
    const safely = (what: () => void) => {
      try {
        what();
      } catch (error) {
        console.error(`[revenue] /support not revalidated: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    const decided = deps.later ? throttle.next() : ({ refresh: "now" } as const);
    if (decided.refresh === "now") safely(refresh);
    else if (decided.refresh === "later") {
      try {
        deps.later!(decided.ms, () => {
          throttle.ran();
          safely(refresh);
        });
      } catch (error) {
        console.error(`[revenue] /support refresh not scheduled, done now: ${error instanceof Error ? error.message : String(error)}`);
        throttle.ran();
        safely(refresh);
      }
    }
  }
  return Response.json({ received: true, duplicate: !fresh }, { headers: { "Cache-Control": "no-store" } });
}

