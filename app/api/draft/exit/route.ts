import { crossSiteRefusal, methodNotAllowed, readLimitedText, safeReturnPath } from "@/lib/request/http";
import { endPreview } from "@/lib/access/preview";
import { CACHE_POLICY } from "@/lib/request/cache-policy.mjs";

/**
 * Leave preview. A POST (a form button, never a link a browser might prefetch) that revokes the
 * preview cookie, clears both cookies and returns the editor to the page they were on. Refused
 * (403) when another site's page sent it: no one else may end an editor's preview.
 */
export async function POST(request: Request) {
  const refused = crossSiteRefusal(request);
  if (refused) return refused;
  // The form holds one short field: read at most 4 KB, whatever is announced or streamed.
  const received = await readLimitedText(request, 4096);
  if ("refused" in received) return received.refused;
  let returnTo = "/";
  try {
    const type = request.headers.get("content-type") ?? "";
    const form = type.startsWith("multipart/form-data")
      ? await new Response(received.text, { headers: { "Content-Type": type } }).formData()
      : new URLSearchParams(received.text);
    returnTo = safeReturnPath(form.get("returnTo"));
  } catch {
    returnTo = "/";
  }
  await endPreview();
  return new Response(null, { status: 303, headers: { Location: returnTo, "Cache-Control": CACHE_POLICY.private } });
}

export const GET = () => methodNotAllowed("POST");
