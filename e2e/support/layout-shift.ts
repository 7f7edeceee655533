import type { Page } from "@playwright/test";

/**
 * Layout shifts with the elements that moved, for the specs that say "nothing the reader sees moves".
 * `recordLayoutShifts` (before `goto`) keeps every shift not caused by input from the start of each page;
 * `shiftsFrom` returns those that moved `selector`'s element or something after it — a shift above it
 * has another cause (a CPU-starved browser may shift the header while parsing, which e2e/design.spec.ts
 * bounds). Each comes with a description of what moved, to read in a failure.
 */
export async function recordLayoutShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { shifts: { value: number; nodes: Node[] }[] };
    w.shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean; sources: { node?: Node }[] }[]) {
        if (!e.hadRecentInput) w.shifts.push({ value: e.value, nodes: e.sources.map((s) => s.node!).filter(Boolean) });
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
}

export function shiftsFrom(page: Page, selector: string): Promise<{ value: number; moved: string }[]> {
  return page.evaluate((selector) => {
    const from = document.querySelector(selector)!;
    const w = window as unknown as { shifts: { value: number; nodes: Node[] }[] };
    return w.shifts
      .filter((s) => s.nodes.some((n) => from.contains(n) || !!(from.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_FOLLOWING)))
      .map((s) => ({ value: s.value, moved: s.nodes.map((n) => (n as Element).outerHTML?.slice(0, 80) ?? n.nodeName).join(", ") }));
  }, selector);
}

/** `shiftsFrom` as lines "value what-moved" (an empty list when nothing moved). */
export const shiftLinesFrom = async (page: Page, selector: string) => (await shiftsFrom(page, selector)).map((s) => `${s.value.toFixed(4)} ${s.moved}`);
