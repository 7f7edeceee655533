import Link from "@/components/Link";
import type { Section, StandingPage } from "@/lib/sources/types";
import { getI18n } from "@/lib/i18n/translate";
import { NewsletterSignup } from "./newsletters/NewsletterSignup";

type PageLink = Pick<StandingPage, "slug" | "title" | "url" | "nav">;

export function SiteFooter({
  siteName,
  description,
  sections,
  pages = [],
}: {
  siteName: string;
  description: string;
  sections: Section[];
  /** Standing pages: every page with a place in the navigation (header ones too) is listed here. */
  pages?: PageLink[];
}) {
  const { t } = getI18n();
  const linked = [...pages.filter((p) => p.nav === "header"), ...pages.filter((p) => p.nav === "footer")];
  return (
    <footer role="contentinfo" className="mt-16 border-t border-rule bg-panel">
      <div className="mx-auto grid max-w-6xl gap-8 px-4 py-10 sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <p className="font-serif text-xl font-bold">{siteName}</p>
          <p className="mt-2 text-sm text-muted">{description}</p>
        </div>
        <nav aria-label={t("footer.sections")}>
          <ul className="grid grid-cols-2 gap-1 text-sm">
            {sections.map((s) => (
              <li key={s.path}>
                <Link href={`/${s.path}`} className="hover:underline">
                  {s.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <nav aria-label={t("footer.about", { siteName })}>
          <ul className="space-y-1 text-sm">
            {linked.map((p) => (
              <li key={p.slug}>
                <Link href={p.url} className="hover:underline">
                  {p.title}
                </Link>
              </li>
            ))}
            <li>
              <Link href="/corrections" className="hover:underline">
                {t("footer.corrections")}
              </Link>
            </li>
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
          <li>
            <a href="/corrections/feed.xml" className="hover:underline">
              {t("corrections.feed")}
            </a>
          </li>
        </ul>
      </div>
      <div className="mx-auto max-w-6xl px-4 pb-8">
        <div className="max-w-md">
          <NewsletterSignup variant="footer" />
        </div>
      </div>
      <p className="mx-auto max-w-6xl px-4 pb-8 text-xs text-muted">{t("footer.notice", { siteName })}</p>
    </footer>
  );
}
