import { crossSiteRefusal, methodNotAllowed, RETRY_AFTER_SECONDS, safeReturnPath } from "@/lib/request/http";
import { clientKey } from "@/lib/access/rate-limit";
import { sharedCounterStore } from "@/lib/access/counter-store";
import { getI18n } from "@/lib/i18n/translate";
import { getStore } from "@/lib/store";
import { newsletterLists } from "@/lib/newsletters/config";
import { first, formRefusal, newslettersOff, noStoreJson, readForm, refererPath, seeOther, wantsJson } from "@/lib/newsletters/http";
import { normaliseEmail, signUp } from "@/lib/newsletters/subscribers";
import { ensureNewsletters, kickSender } from "@/lib/newsletters/service";

/** Sign-ups per client (address or trusted proxy entry) per window: enough for a household, not for a mail bomb. */
export const SIGNUPS_PER_CLIENT = 10;
export const SIGNUP_WINDOW_MS = 10 * 60_000;

/**
 * POST /api/newsletters/subscribe: email, list (one or several), page (where the form was), and
 * a honeypot field `website` people never see. A form gets 303 → "check your inbox"; the page's
 * script (Accept: application/json) gets the same answer as JSON. The answer is the same whether
 * the address is new, waiting, subscribed or bounced.
 */
export async function POST(request: Request) {
  const off = newslettersOff();
  if (off) return off;
  const refused = crossSiteRefusal(request);
  if (refused) return refused;
  const json = wantsJson(request);
  const { t } = getI18n();
  const form = await readForm(request);
  if ("refused" in form) return form.refused;
  const fields = form.fields;
  const done = () => (json ? noStoreJson({ ok: true, message: t("newsletters.check.body"), title: t("newsletters.check.title") }) : seeOther("/newsletters/check-inbox"));

  // A bot filled the field no person sees: it is told what a person would be, and nothing happens.
  if ((first(fields, "website") ?? "").trim() !== "") return done();

  const known = new Set(newsletterLists().map((l) => l.id));
  const lists = [...new Set(fields.get("list") ?? [])].filter((l) => known.has(l));
  const email = normaliseEmail(first(fields, "email"));
  if (!email || lists.length === 0) return json ? noStoreJson({ ok: false, error: t("newsletters.form.invalid") }, 400) : seeOther("/newsletters/sign-up-failed");
  const count = await sharedCounterStore("newsletter-signups").hit(clientKey(request), SIGNUP_WINDOW_MS);
  if (count > SIGNUPS_PER_CLIENT) {
    return formRefusal(json, 429, t("newsletters.form.tooMany"), Math.ceil(SIGNUP_WINDOW_MS / 1000));
  }
  // Where the reader signed up: the form says so; a form without script in the footer, the Referer.
  const page = first(fields, "page") || refererPath(request);
  try {
    const store = await getStore();
    const result = await signUp(store.db, { email, lists, page: page ? safeReturnPath(page) : null });
    if (result.queued) {
      await ensureNewsletters();
      kickSender();
    }
  } catch (error) {
    console.error("[newsletters] sign-up:", error instanceof Error ? error.message : error);
    return formRefusal(json, 503, t("newsletters.form.failed"), RETRY_AFTER_SECONDS);
  }
  return done();
}

export const GET = () => methodNotAllowed("POST");
