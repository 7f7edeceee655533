import type { ArticleKind } from "@/lib/sources/types";

/** Literal class names, so Tailwind sees them; colours are tokens in app/globals.css. */
const TONE: Record<ArticleKind, string> = {
  news: "text-accent",
  opinion: "text-opinion",
  analysis: "text-analysis",
  review: "text-review",
  explainer: "text-accent",
  obituary: "text-ink",
  sponsored: "rounded-sm bg-sponsored-tint px-1.5 py-0.5 text-sponsored ring-1 ring-current",
};

/** The kicker naming the kind of work ("Opinion", "Sponsored"), on the article and on cards. */
export function KindLabel({ kind, label, className = "" }: { kind: ArticleKind; label: string; className?: string }) {
  return (
    <span data-kind={kind} className={`font-bold uppercase tracking-wide ${TONE[kind]} ${className}`}>
      {label}
    </span>
  );
}

/** The band a distinct kind's header sits on (opinion, analysis, review); none for the others. */
export const KIND_BAND: Partial<Record<ArticleKind, string>> = {
  opinion: "border-t-4 border-opinion bg-opinion-tint",
  analysis: "border-t-4 border-analysis bg-analysis-tint",
  review: "border-t-4 border-review bg-review-tint",
};
