import Link from "next/link";
import type { Section } from "@/lib/content/types";
import { getI18n } from "@/lib/i18n/translate";

export function SiteFooter({ siteName, description, sections }: { siteName: string; description: string; sections: Section[] }) {
  const { t } = getI18n();
  return (
    <footer role="contentinfo" className="mt-16 border-t border-rule bg-panel">
      <div className="mx-auto grid max-w-6xl gap-8 px-4 py-10 sm:grid-cols-3">
        <div>
          <p className="font-serif text-xl font-bold">{siteName}</p>
          <p className="mt-2 text-sm text-muted">{description}</p>
        </div>
        <nav aria-label={t("footer.sections")}>
          <ul className="grid grid-cols-2 gap-1 text-sm">
            {sections.map((s) => (
              <li key={s.path}>
                <Link href={`/${s.path}`} prefetch={false} className="hover:underline">
                  {s.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <ul className="space-y-1 text-sm">
          <li>
            <Link href="/search" className="hover:underline">
              {t("footer.searchArchive")}
            </Link>
          </li>
          <li>
            <a href="/feed.xml" className="hover:underline">
              {t("footer.rss")}
            </a>
          </li>
        </ul>
      </div>
      <p className="mx-auto max-w-6xl px-4 pb-8 text-xs text-muted">{t("footer.notice", { siteName })}</p>
    </footer>
  );
}
