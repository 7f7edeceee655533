/** Shared pieces of the newsletters' route handlers: the off switch, bounded form bodies, redirects. */
import { crossSiteRefusal, jsonError, readLimitedText } from "../request/http";
import { getStore, type Store } from "../store";
import { newslettersEnabled } from "./config";
import { signingKey, verifyManageToken } from "./subscribers";

/** Every newsletter endpoint answers 404 when no mail server is configured. */
export function newslettersOff(): Response | null {
  return newslettersEnabled() ? null : jsonError(404, "Newsletters are not enabled.");
}

export const MAX_FORM_BYTES = 4096;

/** A form (urlencoded or multipart) or JSON body of at most 4 KB, as name → values. */
export async function readForm(request: Request): Promise<{ fields: Map<string, string[]> } | { refused: Response }> {
  const received = await readLimitedText(request, MAX_FORM_BYTES);
  if ("refused" in received) return received;
  const type = request.headers.get("content-type") ?? "";
  const fields = new Map<string, string[]>();
  const add = (k: string, v: unknown) => {
    if (typeof v !== "string") return;
    fields.set(k, [...(fields.get(k) ?? []), v]);
  };
  if (type.includes("application/json")) {
    let json: unknown;
    try {
      json = JSON.parse(received.text);
    } catch {
      return { refused: jsonError(400, "Body must be JSON or a form.") };
    }
    if (!json || typeof json !== "object" || Array.isArray(json)) return { refused: jsonError(400, "Body must be a JSON object.") };
    for (const [k, v] of Object.entries(json)) (Array.isArray(v) ? v : [v]).forEach((x) => add(k, x));
  } else {
    for (const [k, v] of new URLSearchParams(received.text)) add(k, v);
  }
  return { fields };
}

/**
 * The start of a reader's POST from one of our pages (the preferences page's forms, the data
 * download): off → 404, from another site → 403, then the bounded form.
 */
export async function readSameSiteForm(request: Request): Promise<{ fields: Map<string, string[]> } | { refused: Response }> {
  const refused = newslettersOff() ?? crossSiteRefusal(request);
  return refused ? { refused } : readForm(request);
}

export const first = (fields: Map<string, string[]>, name: string): string | null => fields.get(name)?.[0] ?? null;

/** 303 to a path on this site, never cached. */
export function seeOther(path: string): Response {
  return new Response(null, { status: 303, headers: { Location: path, "Cache-Control": "no-store" } });
}

/** The browser's JavaScript asks for JSON; a plain form gets redirects. */
export function wantsJson(request: Request): boolean {
  return (request.headers.get("accept") ?? "").includes("application/json");
}

export const noStoreJson = (body: unknown, status = 200) => Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

/**
 * The reader a signed link names (`<subscriber id>.<HMAC>` of every email: preferences, data,
 * unsubscribe), with the store it was checked against; null when the token is missing or forged.
 * The one check of the pages and the routes that take such a token (a deleted reader's token still
 * verifies: what it reaches is gone).
 */
export async function readerOfToken(token: unknown): Promise<{ store: Store; id: string } | null> {
  const store = await getStore();
  const id = verifyManageToken(await signingKey(store.db), token);
  return id ? { store, id } : null;
}

/** A refusal the form or the page's script understands: JSON `{ ok: false, error }`, or the message as text. */
export function formRefusal(json: boolean, status: number, message: string, retryAfterSeconds?: number): Response {
  const headers: Record<string, string> = { "Cache-Control": "no-store", ...(retryAfterSeconds ? { "Retry-After": String(retryAfterSeconds) } : {}) };
  return json ? Response.json({ ok: false, error: message }, { status, headers }) : new Response(message, { status, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
}

/** The path of the page a form was posted from, by its Referer, when that is this site. */
export function refererPath(request: Request): string | null {
  try {
    const referer = new URL(request.headers.get("referer") ?? "");
    return referer.host === request.headers.get("host") ? referer.pathname : null;
  } catch {
    return null;
  }
}
