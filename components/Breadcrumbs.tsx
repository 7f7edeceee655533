import Link from "@/components/Link";
import { getI18n } from "@/lib/i18n/translate";
import { TrailSeparator } from "./Glyphs";

import type { Crumb } from "@/lib/pages/breadcrumbs";

export type { Crumb };

/**
 * Home › section › subsection › current page. The last item is the current page and not a link.
 * In right-to-left languages the trail runs right to left and the separators point that way.
 */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  return (
    <nav aria-label={getI18n().t("breadcrumb.label")} className="no-print text-sm text-muted">
      <ol className="flex flex-wrap items-center gap-x-1.5 gap-y-1">
        {items.map((item, i) => {
          const last = i === items.length - 1;
          return (
            <li key={`${i}-${item.name}`} className="flex items-center gap-x-1.5">
              {last ? (
                <span aria-current="page" className="line-clamp-1 text-ink">
                  {item.name}
                </span>
              ) : (
                <Link href={item.href ?? "/"} className="underline-offset-2 hover:text-ink hover:underline">
                  {item.name}
                </Link>
              )}
              {!last && <TrailSeparator />}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
