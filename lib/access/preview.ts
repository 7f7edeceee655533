/**
 * Preview (draft mode) for route handlers and pages: entering sets Next's draft cookie and our
 * signed, short-lived one (lib/access/preview-cookie.ts); pages show drafts only when both are valid;
 * leaving revokes ours and clears both. Every draft-mode check goes through `previewEnabled()`.
 */
import { cache } from "react";
import { cookies, draftMode } from "next/headers";
import { configuredSecret } from "./secrets";
import { createPreviewToken, isPreviewRequest, PREVIEW_COOKIE, PREVIEW_MAX_AGE_SECONDS, revokePreviewToken } from "./preview-cookie";

/**
 * True when this request may see drafts: Next's draft mode is on (its cookie is this build's) and
 * our cookie is valid. With Next's cookie alone — replayed after "Exit preview", after an hour, or
 * from before PREVIEW_SECRET changed — the reader gets the published site. Asked once per render
 * (React `cache`: a page and its metadata share the answer); in a route handler, once per call.
 */
export const previewEnabled = cache(async function previewEnabled(): Promise<boolean> {
  // Only then read the cookies: reading them makes a page dynamic, and outside draft mode pages
  // must stay static. In draft mode Next renders every request anyway.
  if (!(await draftMode()).isEnabled) return false;
  return isPreviewRequest(await cookies());
});

/** Turns preview on for the browser that made `request` (call after the secret was checked). */
export async function startPreview(request: Request): Promise<void> {
  const secret = configuredSecret("PREVIEW_SECRET");
  if (!secret) throw new Error("Preview is not enabled.");
  (await draftMode()).enable();
  (await cookies()).set(PREVIEW_COOKIE, createPreviewToken({ secret }), {
    httpOnly: true,
    secure: overHttps(request),
    // Lax, not Strict: the editor arrives from the CMS by a cross-site link, and /api/draft's
    // redirect to the article must carry the cookie.
    sameSite: "lax",
    path: "/",
    maxAge: PREVIEW_MAX_AGE_SECONDS,
  });
}

/** Turns preview off: revokes our cookie's id (a replayed copy stops working) and clears both. */
export async function endPreview(): Promise<void> {
  const jar = await cookies();
  await revokePreviewToken(jar.get(PREVIEW_COOKIE)?.value);
  jar.delete({ name: PREVIEW_COOKIE, path: "/" });
  (await draftMode()).disable();
}

function overHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto")?.split(",")[0].trim() === "https";
}
