/**
 * The preview cookie of our own. Next's draft-mode cookie (`__prerender_bypass`) is one constant
 * value per build, for every editor, with no expiry: whoever captured it once could read drafts
 * until the next deploy. So /api/draft also sets this cookie — an HMAC-SHA256 token keyed from
 * PREVIEW_SECRET, with a random id and an expiry — and draft content is served only when both are
 * present and this one is valid (docs/decisions/0050).
 *
 *   masthead-preview = v1.<id>.<expires, Unix seconds>.<base64url HMAC of "v1.<id>.<expires>">
 *
 * Changing PREVIEW_SECRET invalidates every outstanding cookie; "Exit preview" revokes its id until
 * it would have expired anyway. No Next imports, so the proxy can call `isPreviewRequest` too.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { sharedCounterStore, type CounterStore } from "./counter-store";
import { configuredSecret } from "./secrets";

export const PREVIEW_COOKIE = "masthead-preview";
/** Next's draft-mode cookie. */
export const NEXT_PREVIEW_COOKIE = "__prerender_bypass";
/** Both cookies, for clearing them together. */
export const PREVIEW_COOKIES = [NEXT_PREVIEW_COOKIE, PREVIEW_COOKIE] as const;
/** An editor re-enters preview from the CMS after an hour. */
export const PREVIEW_MAX_AGE_SECONDS = 60 * 60;

const VERSION = "v1";
const TOKEN = /^v1\.([A-Za-z0-9_-]{22})\.([1-9][0-9]{0,11})\.([A-Za-z0-9_-]{43})$/;

/** Anything with `get(name)?.value`: Next's request cookies, `cookies()`, or a test's Map. */
export interface CookieReader {
  get(name: string): { value: string } | undefined;
}

export interface PreviewToken {
  id: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

// A key of its own for this purpose (the raw secret is also compared against ?secret=).
const keyFrom = (secret: string) => createHmac("sha256", secret).update("masthead preview cookie v1").digest();
const mac = (secret: string, payload: string) => createHmac("sha256", keyFrom(secret)).update(payload).digest();

/** A fresh signed token, valid for `maxAgeSeconds` from `now`. */
export function createPreviewToken({
  secret,
  now = Date.now(),
  maxAgeSeconds = PREVIEW_MAX_AGE_SECONDS,
  id = randomBytes(16).toString("base64url"),
}: {
  secret: string;
  now?: number;
  maxAgeSeconds?: number;
  id?: string;
}): string {
  const payload = `${VERSION}.${id}.${Math.floor(now / 1000) + maxAgeSeconds}`;
  return `${payload}.${mac(secret, payload).toString("base64url")}`;
}

/** The token's id and expiry when it is well formed, signed with `secret` and not expired; else null. */
export function verifyPreviewToken(value: string | undefined, { secret, now = Date.now() }: { secret: string | null; now?: number }): PreviewToken | null {
  if (!secret || !value || value.length > 200) return null;
  const match = TOKEN.exec(value);
  if (!match) return null;
  const [, id, expires, signature] = match;
  const expected = mac(secret, `${VERSION}.${id}.${expires}`);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const expiresAt = Number(expires) * 1000;
  return expiresAt > now ? { id, expiresAt } : null;
}

const revocations = (): CounterStore => sharedCounterStore("preview-revocations");

/**
 * True when the request may see drafts: Next's draft cookie is present and our cookie is valid,
 * unexpired, signed with the current PREVIEW_SECRET and not revoked by "Exit preview". Whether Next
 * itself accepts its cookie is Next's check (draftMode()); the pages require both
 * (lib/access/preview.ts#previewEnabled).
 */
export async function isPreviewRequest(
  cookies: CookieReader,
  { secret = configuredSecret("PREVIEW_SECRET"), now = Date.now(), store = revocations() }: { secret?: string | null; now?: number; store?: CounterStore } = {},
): Promise<boolean> {
  if (!cookies.get(NEXT_PREVIEW_COOKIE)?.value) return false;
  const token = verifyPreviewToken(cookies.get(PREVIEW_COOKIE)?.value, { secret, now });
  return token !== null && (await store.peek(token.id)) === 0;
}

/** Revokes a valid token until it would have expired; an invalid one needs nothing. */
export async function revokePreviewToken(
  value: string | undefined,
  { secret = configuredSecret("PREVIEW_SECRET"), now = Date.now(), store = revocations() }: { secret?: string | null; now?: number; store?: CounterStore } = {},
): Promise<void> {
  const token = verifyPreviewToken(value, { secret, now });
  if (token) await store.hit(token.id, token.expiresAt - now);
}
