/**
 * This month's supporters as the donation box shows them (issue 30: "1,284 readers support the Ledger
 * this month — help us reach 1,500"), for GET /api/support/progress (docs/decisions/0250). The article
 * stays one cached page without the count; the box's island asks here when it nears the view.
 *
 * One count per process at most every PROGRESS_MEMO_MS (concurrent askers share it), so readers
 * reaching the box never cost more than one database count in that window, with or without an edge
 * cache in front. A store that cannot answer gives `count: null` (the box then shows no line) and is
 * asked again by the next request.
 */
import type { I18n } from "../i18n/translate";

/** How long one count answers every reader of this process (as /support's refresh window, decision 0241). */
export const PROGRESS_MEMO_MS = 10_000;

/** What GET /api/support/progress answers. `text` is the line in the site's language (null with no count). */
export interface SupportProgressAnswer {
  count: number | null;
  goal: number | null;
  /** When the count was read (ISO). */
  countedAt: string | null;
  text: string | null;
}

export interface ProgressCounter {
  /** The count (a memo of at most PROGRESS_MEMO_MS), or null when the store could not answer. */
  read(): Promise<{ count: number; countedAt: string } | null>;
}

/** A memo around `count`; failures are not kept. */
export function progressCounter(count: () => Promise<number>, { memoMs = PROGRESS_MEMO_MS, clock = Date.now, onError = (_e: unknown) => {} } = {}): ProgressCounter {
  let kept: { count: number; countedAt: string; at: number } | null = null;
  let pending: Promise<{ count: number; countedAt: string } | null> | null = null;
  return {
    read() {
      if (kept && clock() - kept.at < memoMs) return Promise.resolve({ count: kept.count, countedAt: kept.countedAt });
      pending ??= (async () => {
        const at = clock();
        try {
          const n = await count();
          kept = { count: n, countedAt: new Date(at).toISOString(), at };
          return { count: n, countedAt: kept.countedAt };
        } catch (error) {
          onError(error);
          return null;
        } finally {
          pending = null;
        }
      })();
      return pending;
    },
  };
}

/** The answer: the count, the site's goal (site.yml donation.goal.supporters) and the line in the site's language. */
export function progressAnswer(counted: { count: number; countedAt: string } | null, goal: number | undefined, i18n: Pick<I18n, "t" | "number">, site: string): SupportProgressAnswer {
  if (!counted) return { count: null, goal: goal ?? null, countedAt: null, text: null };
  const { count, countedAt } = counted;
  const text = goal ? i18n.t("support.progress", { count, site, goal: i18n.number(goal) }) : i18n.t("support.progressNoGoal", { count, site });
  return { count, goal: goal ?? null, countedAt, text };
}
