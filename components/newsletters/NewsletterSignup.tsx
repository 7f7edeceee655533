import { newsletterLists, type NewsletterConfig } from "@/lib/newsletters/config";
import { getI18n } from "@/lib/i18n/translate";
import { SignupEnhancer } from "./SignupEnhancer.client";
import { ListChoices } from "./ListChoices";

/**
 * The newsletter sign-up form (issue 31): after an article (below the donation box), in the footer
 * and on /newsletters. Nothing at all when no mail server is configured (SMTP_URL unset).
 * `page` is where the reader signed up (kept with the consent); in the footer the script fills it.
 */
export function NewsletterSignup({ variant, page }: { variant: "article" | "footer" | "page"; page?: string }) {
  const lists = newsletterLists();
  if (lists.length === 0) return null;
  const { t } = getI18n();
  const id = `newsletter-${variant}`;
  const compact = variant === "footer";
  // After an article the daily briefing is offered ticked; on /newsletters the reader chooses.
  const ticked = (l: NewsletterConfig, i: number) => (variant === "page" ? false : i === 0 || lists.length === 1);
  return (
    <section aria-labelledby={`${id}-title`} className={compact ? "no-print" : "no-print my-10 rounded-lg border border-rule bg-panel p-6"} data-testid={id}>
      <h2 id={`${id}-title`} className={compact ? "font-semibold" : "font-serif text-2xl font-bold"}>
        {t("newsletters.form.heading")}
      </h2>
      <form id={id} action="/api/newsletters/subscribe" method="post" className="mt-3" data-newsletter-form="">
        <div data-signup-fields="" className="space-y-3">
          <ListChoices lists={lists} checked={ticked} compact={compact} />
          <div className="flex flex-wrap items-end gap-2">
            <label className="grow">
              <span className={compact ? "sr-only" : "block text-sm font-semibold"}>{t("newsletters.form.email")}</span>
              <input
                type="email"
                name="email"
                required
                maxLength={254}
                autoComplete="email"
                inputMode="email"
                dir="ltr"
                placeholder={compact ? t("newsletters.form.email") : undefined}
                className="mt-1 w-full min-w-0 rounded-md border border-rule bg-paper px-3 py-2 text-ink"
              />
            </label>
            <button type="submit" className="rounded-md bg-accent px-4 py-2 font-semibold text-accent-ink hover:opacity-90 disabled:opacity-60">
              {t("newsletters.form.submit")}
            </button>
          </div>
          {/* A field people never see or reach; bots that fill every field give themselves away.
              Clipped where it stands, not pushed 9999 px to the left: in a right-to-left page that
              made the whole page scroll sideways (e2e/embed-previews.spec.ts, on a Hebrew site). */}
          <div aria-hidden="true" className="absolute h-px w-px overflow-hidden whitespace-nowrap [clip-path:inset(50%)]">
            <label>
              {t("newsletters.form.honeypot")}
              <input type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
            </label>
          </div>
          <input type="hidden" name="page" defaultValue={page ?? ""} />
          {!compact && <p className="text-sm text-muted">{t("newsletters.form.note")}</p>}
        </div>
        <p data-signup-status="" role="status" tabIndex={-1} className="mt-2 text-sm font-semibold empty:hidden"></p>
      </form>
      <SignupEnhancer formId={id} sending={t("newsletters.form.sending")} failed={t("newsletters.form.failed")} />
    </section>
  );
}
