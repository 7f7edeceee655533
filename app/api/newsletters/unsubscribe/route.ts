import { jsonError } from "@/lib/request/http";
import { newsletterLists } from "@/lib/newsletters/config";
import { newslettersOff, readerOfToken, seeOther } from "@/lib/newsletters/http";
import { unsubscribe } from "@/lib/newsletters/subscribers";

function target(request: Request) {
  const params = new URL(request.url).searchParams;
  const list = params.get("list");
  return { token: params.get("token"), list: list && newsletterLists().some((l) => l.id === list) ? list : null };
}

/**
 * POST /api/newsletters/unsubscribe?token=…&list=…: RFC 8058 one-click unsubscribe. Mail clients
 * POST `List-Unsubscribe=One-Click` with no cookies and follow no redirect: the signed token in
 * the URL is all it takes, and the answer is a plain 200. The page's own button (a form) gets a
 * 303 to the "unsubscribed" page. Without a known list, every list is left.
 */
export async function POST(request: Request) {
  const off = newslettersOff();
  if (off) return off;
  const { token, list } = target(request);
  await request.body?.cancel().catch(() => {});
  const reader = await readerOfToken(token);
  if (!reader) return jsonError(404, "This unsubscribe link is not valid.");
  await unsubscribe(reader.store.db, reader.id, list, "one-click");
  const fromPage = (request.headers.get("accept") ?? "").includes("text/html") && request.headers.get("sec-fetch-mode") === "navigate";
  if (fromPage) return seeOther("/newsletters/unsubscribed");
  return new Response("Unsubscribed.\n", { status: 200, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

/** A person opening the link (or a mail scanner fetching it) changes nothing: a page asks first. */
export async function GET(request: Request) {
  const off = newslettersOff();
  if (off) return off;
  const { token, list } = target(request);
  const q = new URLSearchParams({ token: token ?? "", ...(list ? { list } : {}) });
  return seeOther(`/newsletters/unsubscribe?${q}`);
}
