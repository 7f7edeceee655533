import type { Correction } from "@/lib/sources/types";
import { formatDate } from "@/lib/config/format";
import { correctionAnchor } from "@/lib/pages/corrections";
import { getI18n } from "@/lib/i18n/translate";

/**
 * The dated corrections of an article, right under its header where every reader passes: "Correction,
 * <date>: what was wrong". The text is inline HTML from lib/html (the one sanitiser). Nothing at all
 * when the article was never corrected.
 */
export function CorrectionNotices({ corrections, policyUrl }: { corrections: Correction[]; policyUrl?: string }) {
  if (!corrections.length) return null;
  const i18n = getI18n();
  return (
    <aside
      id="corrections"
      aria-label={i18n.t("corrections.label")}
      className="mt-6 scroll-mt-6 rounded-md border-s-4 border-notice bg-notice-tint px-4 py-3 text-base"
      data-testid="corrections"
    >
      <ul className="space-y-2">
        {corrections.map((c, i) => (
          <li key={`${c.date}-${i}`} id={correctionAnchor(c)} className="scroll-mt-6">
            {i18n.rich("corrections.notice", {
              date: (
                <time dateTime={c.date} className="font-semibold">
                  {formatDate(c.date)}
                </time>
              ),
              text: <span className="[&_a]:text-accent [&_a]:underline" dangerouslySetInnerHTML={{ __html: c.html }} />,
            })}
          </li>
        ))}
      </ul>
      {policyUrl && (
        <p className="mt-2 text-sm">
          <a href={policyUrl} className="font-semibold text-accent underline-offset-2 hover:underline">
            {i18n.t("corrections.policyLink")}
          </a>
        </p>
      )}
    </aside>
  );
}
