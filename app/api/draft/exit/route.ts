import { draftMode } from "next/headers";
import { methodNotAllowed, safeReturnPath } from "@/lib/http";

/**
 * Leave preview. A POST (a form button, never a link a browser might prefetch) that disables draft
 * mode and returns the editor to the page they were on.
 */
export async function POST(request: Request) {
  let returnTo = "/";
  try {
    returnTo = safeReturnPath((await request.formData()).get("returnTo"));
  } catch {
    returnTo = "/";
  }
  (await draftMode()).disable();
  return new Response(null, { status: 303, headers: { Location: returnTo, "Cache-Control": "private, no-store" } });
}

export const GET = () => methodNotAllowed("POST");
