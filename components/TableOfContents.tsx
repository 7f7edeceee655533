import type { Heading } from "@/lib/sources/types";
import { getI18n } from "@/lib/i18n/translate";

/**
 * A story is "long" — worth an outline — from TOC_MIN_MINUTES of reading (about 600 words at the
 * pipeline's 230 a minute, rounded) with at least TOC_MIN_HEADINGS subheadings (docs/decisions/0152).
 * A two-minute read gets no box: its subheadings are on screen almost at once.
 */
export const TOC_MIN_MINUTES = 3;
export const TOC_MIN_HEADINGS = 3;

export function showTableOfContents(headings: Heading[], readingMinutes: number): boolean {
  return headings.length >= TOC_MIN_HEADINGS && readingMinutes >= TOC_MIN_MINUTES;
}

/** An outline of the body, for long stories only (see above). */
export function TableOfContents({ headings, readingMinutes }: { headings: Heading[]; readingMinutes: number }) {
  if (!showTableOfContents(headings, readingMinutes)) return null;
  return (
    <nav aria-labelledby="toc-title" className="no-print my-6 rounded-md border border-rule bg-panel p-4 text-sm">
      <h2 id="toc-title" className="font-bold">
        {getI18n().t("toc.title")}
      </h2>
      <ol className="mt-2 space-y-1">
        {headings.map((h) => (
          <li key={h.id} className={h.depth === 3 ? "ms-4" : ""}>
            <a href={`#${h.id}`} className="text-accent hover:underline">
              {h.text}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
