import Link from "@/components/Link";
import type { Section, StandingPage } from "@/lib/sources/types";
import type { EditionLink } from "@/lib/i18n/editions";
import { getI18n } from "@/lib/i18n/translate";
import { ThemeToggle } from "./ThemeToggle.client";
import { EditionSwitcher } from "./EditionSwitcher.client";

function SectionTree({ sections }: { sections: Section[] }) {
  return (
    <ul className="space-y-0.5">
      {sections.map((s) => (
        <li key={s.path}>
          <Link href={`/${s.path}`} className="block rounded px-2 py-2 hover:bg-panel hover:underline">
            {s.name}
          </Link>
          {s.children.length > 0 && (
            <div className="ms-3 border-s border-rule ps-2">
              <SectionTree sections={s.children} />
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}

function SearchGlyph() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round">
      <circle cx="10.5" cy="10.5" r="6.5" />
      <path d="m15.5 15.5 5 5" />
    </svg>
  );
}

/**
 * The masthead (docs/decisions/0151). On a phone: one row — the name, a search link and a menu
 * (a <details>, so it opens without JavaScript) holding every section, the standing pages, the
 * editions and the theme. From `md` up: the open navigation — standing pages, a search box,
 * editions, the theme toggle — and under the row the sections strip (every width), which fades at
 * its end while there is more to scroll.
 */
export function SiteHeader({
  siteName,
  sections,
  pages = [],
  editions = [],
}: {
  siteName: string;
  sections: Section[];
  /** Standing pages; those with `nav: header` are linked here. */
  pages?: Pick<StandingPage, "slug" | "title" | "url" | "nav">[];
  editions?: EditionLink[];
}) {
  const { t } = getI18n();
  const headerPages = pages.filter((p) => p.nav === "header");
  return (
    <>
      <header role="banner" className="site-header relative border-b border-rule">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-2 px-4 md:h-auto md:gap-3 md:py-4">
          <Link href="/" className="me-auto truncate font-serif text-[1.375rem] font-bold tracking-tight md:text-3xl">
            {siteName}
          </Link>
          {headerPages.length > 0 && (
            <nav aria-label={t("header.about")} className="no-print hidden md:block">
              <ul className="flex flex-wrap gap-x-3 text-sm">
                {headerPages.map((p) => (
                  <li key={p.slug}>
                    <Link href={p.url} className="rounded px-1 py-1.5 text-muted hover:text-ink hover:underline">
                      {p.title}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <form action="/search" method="get" role="search" className="header-search no-print hidden items-center gap-1 md:flex">
            <label htmlFor="site-search" className="sr-only">
              {t("header.searchLabel")}
            </label>
            <input
              id="site-search"
              name="q"
              type="search"
              maxLength={200}
              placeholder={t("header.searchPlaceholder")}
              className="h-9 w-40 rounded-md border border-rule bg-paper px-2 text-sm lg:w-48"
            />
            <button type="submit" className="h-9 rounded-md bg-accent px-3 text-sm font-semibold text-accent-ink">
              {t("header.searchButton")}
            </button>
          </form>
          <div className="hidden md:block">
            <EditionSwitcher editions={editions} label={t("header.editions")} />
          </div>
          <div className="hidden md:block">
            <ThemeToggle label={t("theme.dark")} labelClassName="sr-only lg:not-sr-only" />
          </div>
          <Link
            href="/search"
            className="no-print inline-flex h-10 w-10 items-center justify-center rounded-md hover:bg-panel md:hidden"
            data-testid="header-search-link"
          >
            <SearchGlyph />
            <span className="sr-only">{t("header.searchLabel")}</span>
          </Link>
          <details className="site-menu no-print md:hidden" data-testid="site-menu">
            <summary className="inline-flex h-10 cursor-pointer list-none items-center gap-1.5 rounded-md border border-rule px-2.5 text-sm font-semibold hover:bg-panel [&::-webkit-details-marker]:hidden">
              <span aria-hidden="true" className="menu-glyph" />
              {t("header.menu")}
            </summary>
            <div className="absolute inset-x-0 top-full z-30 max-h-[calc(100dvh-3.5rem)] overflow-y-auto border-b border-rule bg-paper px-4 pb-6 pt-2 shadow-lg">
              <nav aria-label={t("header.sections")}>
                <SectionTree sections={sections} />
              </nav>
              {headerPages.length > 0 && (
                <nav aria-label={t("header.about")} className="mt-3 border-t border-rule pt-3">
                  <ul className="flex flex-wrap gap-x-4 gap-y-1">
                    {headerPages.map((p) => (
                      <li key={p.slug}>
                        <Link href={p.url} className="inline-block py-2 hover:underline">
                          {p.title}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </nav>
              )}
              <div className="mt-3 flex flex-wrap items-center justify-between gap-3 border-t border-rule pt-4">
                <EditionSwitcher editions={editions} label={t("header.editions")} />
                <ThemeToggle label={t("theme.dark")} />
              </div>
            </div>
          </details>
        </div>
      </header>
      <nav aria-label={t("header.sections")} className="sections-strip no-print border-b border-rule">
        <div className="mx-auto flex max-w-6xl items-center gap-2 px-4">
          <div className="strip-scroller relative min-w-0 flex-1">
            <ul className="flex gap-1 overflow-x-auto py-1.5 text-sm font-semibold [scrollbar-width:none]">
              {sections.map((s) => (
                <li key={s.path} className="shrink-0">
                  <Link href={`/${s.path}`} className="block rounded px-2 py-1.5 hover:bg-panel hover:underline">
                    {s.name}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
          <details className="relative hidden shrink-0 md:block">
            <summary className="cursor-pointer list-none rounded px-2 py-1.5 text-sm font-semibold hover:bg-panel [&::-webkit-details-marker]:hidden">
              {t("header.allSections")} <span aria-hidden="true">▾</span>
            </summary>
            <div className="absolute end-0 z-20 mt-1 w-64 rounded-md border border-rule bg-paper p-2 text-sm shadow-lg">
              <SectionTree sections={sections} />
            </div>
          </details>
        </div>
      </nav>
    </>
  );
}
