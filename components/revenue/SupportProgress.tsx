import { getI18n } from "@/lib/i18n/translate";
import { getSite } from "@/lib/config/site";

/** "1,284 readers support the Ledger this month — help us reach 1,500", with a bar when there is a goal. */
/** This month's supporters and when they were counted (ISO). */
export interface SupportCount {
  count: number;
  countedAt: string;
}

/** `countedAt`: when the count was read (ISO), on /support's copy — what a monitor or a test can compare. */
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
