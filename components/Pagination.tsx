import Link from "next/link";
import { pagedPath } from "@/lib/paths";

/** Real links in the path (/…/page/N) so crawlers and readers without JavaScript can page through. */
export function Pagination({ basePath, page, totalPages }: { basePath: string; page: number; totalPages: number }) {
  if (totalPages <= 1) return null;
  return (
    <nav aria-label="Pagination" className="mt-10 flex items-center justify-between gap-4 border-t border-rule pt-6 text-sm">
      {page > 1 ? (
        <Link prefetch={false} rel="prev" href={pagedPath(basePath, page - 1)} className="rounded-md border border-rule px-4 py-2 font-semibold hover:bg-panel">
          ← Newer
        </Link>
      ) : (
        <span />
      )}
      <span className="text-muted">
        Page {page} of {totalPages}
      </span>
      {page < totalPages ? (
        <Link prefetch={false} rel="next" href={pagedPath(basePath, page + 1)} className="rounded-md border border-rule px-4 py-2 font-semibold hover:bg-panel">
          Older →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
