/**
 * "This browser supports the newsroom", remembered without an account or personal data: a cookie of
 * ours holding the kind of support, its expiry and an HMAC of both (key derived from
 * STRIPE_SECRET_KEY), set after a completed checkout — a year for recurring support, 90 days for a
 * one-off gift. Readable by the pre-paint script (lib/config/theme.ts), which swaps the donation box for a
 * thank-you line before first paint; pages stay one cached version for everyone (never Vary: Cookie).
 * A forged cookie only hides the ask from its forger; the server trusts only a verified one.
 */
import { createHmac } from "node:crypto";
import { secretsMatch } from "../access/secrets";
import { SUPPORTER_COOKIE_NAME } from "../config/theme";
import type { Interval } from "./offer";

export const SUPPORTER_COOKIE = SUPPORTER_COOKIE_NAME;
export const RECURRING_DAYS = 365;
export const ONE_OFF_DAYS = 90;

const keyFrom = (secret: string) => createHmac("sha256", secret).update("masthead supporter cookie v1").digest();
const mac = (secret: string, payload: string) => createHmac("sha256", keyFrom(secret)).update(payload).digest("base64url").slice(0, 32);

export function supporterCookieValue(interval: Interval, secret: string, now = Date.now()): { value: string; maxAge: number } {
  const maxAge = (interval === "once" ? ONE_OFF_DAYS : RECURRING_DAYS) * 86_400;
  const payload = `${interval}.${Math.floor(now / 1000) + maxAge}`;
  return { value: `${payload}.${mac(secret, payload)}`, maxAge };
}

/** The verified support a cookie value states, or null (absent, malformed, forged or expired). */
export function verifySupporterCookie(value: string | undefined, secret: string, now = Date.now()): { interval: Interval; expires: number } | null {
  const match = /^(once|month|year)\.(\d{9,11})\.([A-Za-z0-9_-]{32})$/.exec(value ?? "");
  if (!match) return null;
  if (!secretsMatch(match[3], mac(secret, `${match[1]}.${match[2]}`))) return null;
  const expires = Number(match[2]) * 1000;
  return expires > now ? { interval: match[1] as Interval, expires } : null;
}

/** The Set-Cookie header: readable by the page's own script (not HttpOnly), first-party, Lax. */
export function supporterSetCookie(interval: Interval, secret: string, secure: boolean, now = Date.now()): string {
  const { value, maxAge } = supporterCookieValue(interval, secret, now);
  return `${SUPPORTER_COOKIE}=${value}; Max-Age=${maxAge}; Path=/; SameSite=Lax${secure ? "; Secure" : ""}`;
}
