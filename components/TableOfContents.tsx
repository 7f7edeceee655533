import type { Heading } from "@/lib/content/types";
import { getI18n } from "@/lib/i18n/translate";

/** An outline of the body, shown only for articles with three or more subheadings. */
export function TableOfContents({ headings }: { headings: Heading[] }) {
  if (headings.length < 3) return null;
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
