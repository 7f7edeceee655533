import { completedSupport, readSession } from "@/lib/revenue/session";
import { supporterSetCookie } from "@/lib/revenue/supporter-cookie";

/**
 * Stripe Checkout's success_url: reads the session from Stripe (never trusting the query), and when
 * it is paid remembers this browser as a supporter (lib/revenue/supporter-cookie.ts), then 303 to
 * the thank-you page. Never cached (it sets a cookie).
 */
export async function GET(request: Request) {
  const key = process.env.STRIPE_SECRET_KEY?.trim();
  const id = new URL(request.url).searchParams.get("session_id");
  const headers = new Headers({ "Cache-Control": "private, no-store" });
  if (!key) return new Response("Not found", { status: 404, headers });
  let session;
  try {
    session = await readSession(id);
  } catch (error) {
    console.error(`[revenue] session not read on return: ${error instanceof Error ? error.message : String(error)}`);
  }
  const support = session ? completedSupport(session) : null;
  if (support) {
    const secure = new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
    headers.append("Set-Cookie", supporterSetCookie(support.interval, key, secure));
  }
  headers.set("Location", session ? `/support/thank-you?session_id=${encodeURIComponent(session.id)}` : "/support/thank-you");
  return new Response(null, { status: 303, headers });
}
