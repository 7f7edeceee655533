import { highlightRanges } from "@/lib/sources/search-query";

/**
 * Marks each occurrence of the search terms in plain text, by the rule the search itself uses
 * (lib/sources/search-query.ts): whole-word starts, phrases in order, any case, any accents.
 */
export function Highlight({ text, terms }: { text: string; terms?: string[] }) {
  const ranges = highlightRanges(text, terms ?? []);
  if (!ranges.length) return <>{text}</>;
  const parts: React.ReactNode[] = [];
  let at = 0;
  ranges.forEach(([start, end], i) => {
    if (start < at) return;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(
      <mark key={i} className="rounded-sm bg-mark px-0.5 text-mark-ink">
        {text.slice(start, end)}
      </mark>,
    );
    at = end;
  });
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
