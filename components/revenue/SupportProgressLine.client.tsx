"use client";

import { useCallback, useState, type ReactNode } from "react";
import { useFetchWhenNear } from "@/components/useFetchWhenNear";

type Answer = { count: number; countedAt: string; text: string };

/**
 * The donation box's progress line on cached pages (docs/decisions/0250): the page carries only its
 * place (`children`: an invisible copy of the line that reserves its height, shown once the pre-paint
 * script marked html.js), and the line itself is fetched from /api/support/progress — a small answer
 * shared caches keep a few minutes — when the box comes within two screens of the reader, as "Most
 * read" does. No answer, or no count in it (the store could not answer), leaves the place empty.
 */
export function SupportProgressLine({ endpoint, goal, children }: { endpoint: string; goal?: number; children: ReactNode }) {
  const [answer, setAnswer] = useState<Answer | null>(null);
  const place = useFetchWhenNear<HTMLDivElement, Answer>(
    endpoint,
    useCallback((a) => typeof a?.count === "number" && typeof a.text === "string" && setAnswer(a), []),
  );

  return (
    <div ref={place} className="mt-4 hidden [.js_&]:block" data-testid="support-progress" data-count={answer?.count} data-counted-at={answer?.countedAt}>
      <div className="grid">
        {children}
        <p className="col-start-1 row-start-1 text-sm font-semibold" data-testid="support-progress-text">
          {answer?.text}
        </p>
      </div>
      {goal ? (
        <div className={`mt-2 h-2 overflow-hidden rounded-full bg-rule ${answer ? "" : "invisible"}`} aria-hidden="true">
          <div className="h-full bg-accent" data-testid="support-progress-bar" style={{ width: `${answer ? Math.min(100, Math.round((answer.count / goal) * 100)) : 0}%` }} />
        </div>
      ) : null}
    </div>
  );
}
