import { crossSiteRefusal, methodNotAllowed, safeReturnPath } from "@/lib/http";
import { endPreview } from "@/lib/preview";

/**
 * Leave preview. A POST (a form button, never a link a browser might prefetch) that revokes the
 * preview cookie, clears both cookies and returns the editor to the page they were on. Refused
 * (403) when another site's page sent it: no one else may end an editor's preview.
 */
export async function POST(request: Request) {
  const refused = crossSiteRefusal(request);
  if (refused) return refused;
  let returnTo = "/";
  try {
    returnTo = safeReturnPath((await request.formData()).get("returnTo"));
  } catch {
    returnTo = "/";
  }
  await endPreview();
  return new Response(null, { status: 303, headers: { Location: returnTo, "Cache-Control": "private, no-store" } });
}

export const GET = () => methodNotAllowed("POST");
