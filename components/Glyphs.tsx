/**
 * Decorative arrows that point the reading way: drawn for left-to-right and mirrored under
 * `dir="rtl"` (Tailwind's rtl: variant), so "forward" points left in Arabic and Hebrew. Hidden from
 * assistive technology: the text next to them carries the meaning.
 */
const FLIP = "inline-block rtl:-scale-x-100";

/** Toward the end of the line: "More in News →", "Older →", a breadcrumb separator. */
export function ForwardArrow({ className = "" }: { className?: string }) {
  return (
    <span aria-hidden="true" className={`${FLIP} ${className}`}>
      →
    </span>
  );
}

/** Toward the start of the line: "← Newer". */
export function BackArrow({ className = "" }: { className?: string }) {
  return (
    <span aria-hidden="true" className={`${FLIP} ${className}`}>
      ←
    </span>
  );
}

/** The breadcrumb's "›", pointing from the home page toward the current one. */
export function TrailSeparator() {
  return (
    <span aria-hidden="true" className={FLIP}>
      ›
    </span>
  );
}
