import type { NewsletterConfig } from "@/lib/newsletters/config";
import { getI18n } from "@/lib/i18n/translate";

export function frequency(list: NewsletterConfig): string {
  const { t } = getI18n();
  return list.kind === "digest" && list.schedule ? t("newsletters.frequency.daily", { time: list.schedule }) : t("newsletters.frequency.alerts");
}

/**
 * The lists as checkboxes named `list`, each with its description and frequency: the sign-up form
 * (compact in the footer: names only) and the reader's preferences page choose lists the same way.
 */
export function ListChoices({ lists, checked, compact = false }: { lists: NewsletterConfig[]; checked: (list: NewsletterConfig, index: number) => boolean; compact?: boolean }) {
  const { t } = getI18n();
  return (
    <fieldset>
      <legend className={compact ? "sr-only" : "text-sm font-semibold"}>{t("newsletters.form.lists")}</legend>
      <ul className={compact ? "space-y-1 text-sm" : "mt-2 space-y-2"}>
        {lists.map((l, i) => (
          <li key={l.id}>
            <label className="flex items-start gap-2">
              <input type="checkbox" name="list" value={l.id} defaultChecked={checked(l, i)} className="mt-1 size-4 accent-accent" />
              <span>
                <span className="font-semibold">{l.name}</span>
                {!compact && (
                  <span className="block text-sm text-muted">
                    {l.description} <span className="whitespace-nowrap">({frequency(l)})</span>
                  </span>
                )}
              </span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
