/**
 * The official Stripe SDK, one client per process. STRIPE_API_URL (tests: the local stand-in of
 * tests/stripe/) becomes the SDK's host, port and protocol; unset, the SDK talks to api.stripe.com.
 */
import Stripe from "stripe";
import { peekProcessSingleton, setProcessSingleton } from "../config/singleton.mjs";


export function stripeClient(env: Record<string, string | undefined> = process.env): Stripe {
  const key = env.STRIPE_SECRET_KEY?.trim();
  if (!key) throw new Error("STRIPE_SECRET_KEY is not set");
  const signature = `${key}|${env.STRIPE_API_URL ?? ""}`;
  const kept = peekProcessSingleton<{ key: string; client: Stripe }>("stripe");
  if (kept?.key === signature) return kept.client;
  const api = env.STRIPE_API_URL ? new URL(env.STRIPE_API_URL) : null;
  const client = new Stripe(key, {
    ...(api ? { host: api.hostname, port: api.port || (api.protocol === "https:" ? 443 : 80), protocol: api.protocol === "http:" ? ("http" as const) : ("https" as const) } : {}),
    // A reader waits on these calls: fail in seconds, retry idempotently (the SDK adds Idempotency-Key).
    timeout: 10_000,
    maxNetworkRetries: 2,
    telemetry: false,
    appInfo: { name: "Masthead" },
  });
  setProcessSingleton("stripe", { key: signature, client });
  return client;
}

export type { Stripe };
