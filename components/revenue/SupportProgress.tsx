import { getI18n } from "@/lib/i18n/translate";
import { getSite } from "@/lib/config/site";
import { SupportProgressLine } from "./SupportProgressLine.client";

/** Where the box's island reads the count (app/api/support/progress/route.ts). */
export const SUPPORT_PROGRESS_ENDPOINT = "/api/support/progress";

/** This month's supporters and when they were counted (ISO). */
export interface SupportCount {
  count: number;
  countedAt: string;
}

/**
 * "1,284 readers support the Ledger this month — help us reach 1,500", with a bar when there is a goal.
 * `countedAt`: when the count was read (ISO), on /support's copy — what a monitor or a test can compare.
 */
export function SupportProgress({ count, goal, countedAt }: { count: number; goal?: number; countedAt?: string }) {
  const i18n = getI18n();
  const site = getSite().name;
  const text = goal
    ? i18n.t("support.progress", { count, site, goal: i18n.number(goal) })
    : i18n.t("support.progressNoGoal", { count, site });
  return (
    <div className="mt-4" data-testid="support-progress" data-count={count} data-counted-at={countedAt}>
      <p className="text-sm font-semibold">{text}</p>
      {goal && (
        <div className="mt-2 h-2 overflow-hidden rounded-full bg-rule" aria-hidden="true">
          <div className="h-full bg-accent" style={{ width: `${Math.min(100, Math.round((count / goal) * 100))}%` }} />
        </div>
      )}
    </div>
  );
}

/** A wide count ("88,888") for the reserved place: the real line is rarely longer. */
const WIDE_COUNT = 88_888;

/**
 * The progress line on a cached page (an article's box): the page holds no count — only the line's
 * place, reserved by an invisible copy of it whose count is blanked with figure spaces (as wide as
 * digits) — and the island fills it in from /api/support/progress (docs/decisions/0250). Readers
 * without JavaScript see neither (the place shows only under html.js, set before first paint).
 */
export function SupportProgressSlot({ goal }: { goal?: number }) {
  const i18n = getI18n();
  const site = getSite().name;
  const wide = i18n.number(WIDE_COUNT);
  const sample = goal
    ? i18n.t("support.progress", { count: WIDE_COUNT, site, goal: i18n.number(goal) })
    : i18n.t("support.progressNoGoal", { count: WIDE_COUNT, site });
  return (
    <SupportProgressLine endpoint={SUPPORT_PROGRESS_ENDPOINT} goal={goal}>
      <p aria-hidden="true" className="invisible col-start-1 row-start-1 text-sm font-semibold">
        {sample.replace(wide, "\u2007".repeat(wide.length))}
      </p>
    </SupportProgressLine>
  );
}
