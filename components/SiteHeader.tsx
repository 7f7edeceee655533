import Link from "next/link";
import type { Section, StandingPage } from "@/lib/content/types";
import type { EditionLink } from "@/lib/i18n/editions";
import { getI18n } from "@/lib/i18n/translate";
import { ThemeToggle } from "./ThemeToggle.client";
import { EditionSwitcher } from "./EditionSwitcher.client";

function SectionTree({ sections }: { sections: Section[] }) {
  return (
    <ul className="space-y-1">
      {sections.map((s) => (
        <li key={s.path}>
          <Link href={`/${s.path}`} prefetch={false} className="block rounded px-2 py-1.5 hover:bg-panel hover:underline">
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

/** Masthead, standing pages, section navigation (every level, usable on a phone without JavaScript), search and editions. */
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
    <header role="banner" className="border-b border-rule">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-3 px-4 py-4">
        <Link href="/" className="me-auto font-serif text-2xl font-bold tracking-tight sm:text-3xl">
          {siteName}
        </Link>
        {headerPages.length > 0 && (
          <nav aria-label={t("header.about")} className="no-print">
            <ul className="flex flex-wrap gap-x-3 text-sm">
              {headerPages.map((p) => (
                <li key={p.slug}>
                  <Link href={p.url} prefetch={false} className="rounded px-1 py-1.5 text-muted hover:text-ink hover:underline">
                    {p.title}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <form action="/search" method="get" role="search" className="no-print flex items-center gap-1">
          <label htmlFor="site-search" className="sr-only">
            {t("header.searchLabel")}
          </label>
          <input
            id="site-search"
            name="q"
            type="search"
            maxLength={200}
            placeholder={t("header.searchPlaceholder")}
            className="h-9 w-32 rounded-md border border-rule bg-paper px-2 text-sm sm:w-48"
          />
          <button type="submit" className="h-9 rounded-md bg-accent px-3 text-sm font-semibold text-accent-ink">
            {t("header.searchButton")}
          </button>
        </form>
        <EditionSwitcher editions={editions} label={t("header.editions")} />
        <ThemeToggle label={t("theme.dark")} />
      </div>
      <nav aria-label={t("header.sections")} className="no-print border-t border-rule">
        <div className="mx-auto flex max-w-6xl items-center gap-2 px-4">
          <ul className="flex flex-1 gap-1 overflow-x-auto py-2 text-sm font-semibold">
            {sections.map((s) => (
              <li key={s.path} className="shrink-0">
                <Link href={`/${s.path}`} prefetch={false} className="block rounded px-2 py-1.5 hover:bg-panel hover:underline">
                  {s.name}
                </Link>
              </li>
            ))}
          </ul>
          <details className="relative shrink-0">
            <summary className="cursor-pointer list-none rounded px-2 py-1.5 text-sm font-semibold hover:bg-panel [&::-webkit-details-marker]:hidden">
              {t("header.allSections")} <span aria-hidden="true">▾</span>
            </summary>
            <div className="absolute end-0 z-20 mt-1 w-64 rounded-md border border-rule bg-paper p-2 text-sm shadow-lg">
              <SectionTree sections={sections} />
            </div>
          </details>
        </div>
      </nav>
    </header>
  );
}
