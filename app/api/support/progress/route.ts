import { getSite } from "@/lib/config/site";
import { getI18n } from "@/lib/i18n/translate";
import { jsonError, methodNotAllowed } from "@/lib/request/http";
import { CACHE_POLICY } from "@/lib/request/cache-policy.mjs";
import { processSingleton } from "@/lib/config/singleton.mjs";
import { revenueOffer } from "@/lib/revenue/offer";
import { countSupporters } from "@/lib/revenue/supporters";
import { progressAnswer, progressCounter, type ProgressCounter } from "@/lib/revenue/progress";
import { getStore } from "@/lib/store";

/** One counter per process (lib/revenue/progress.ts: a count at most every 10 s, shared by concurrent askers). */
function counter(): ProgressCounter {
  return processSingleton("revenue.progressCounter", () =>
    progressCounter(async () => countSupporters((await getStore()).db), {
      onError: (error) => console.error(`[revenue] supporters not counted: ${error instanceof Error ? error.message : String(error)}`),
    }),
  );
}

/**
 * GET /api/support/progress — this month's supporters for the donation box's progress line (issue 30,
 * docs/decisions/0250): `{ count, goal, countedAt, text }`, the same for every reader, so shared caches
 * keep it (at most 5 minutes in all). The cached article holds no count; its box's island asks here.
 * A store that cannot answer gives `count: null` (the box shows no line), never an error. No
 * parameters (a cache-busting `?cb=N` would reach the store: 400); 404 when card payments are off.
 */
export async function GET(request: Request) {
  const site = getSite();
  const offer = revenueOffer(site.donation);
  if (!offer) return jsonError(404, "Card payments are not enabled.", {}, { "Cache-Control": CACHE_POLICY.notFound });
  if (new URL(request.url).search !== "") return jsonError(400, "This address takes no parameters.");
  const answer = progressAnswer(await counter().read(), offer.goal?.supporters, getI18n(), site.name);
  return Response.json(answer, {
    headers: { "Cache-Control": answer.count === null ? CACHE_POLICY.supportProgressUncounted : CACHE_POLICY.supportProgress },
  });
}

export const POST = () => methodNotAllowed("GET");
export const PUT = POST;
export const DELETE = POST;
export const PATCH = POST;
