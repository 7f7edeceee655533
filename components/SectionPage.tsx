import Link from "next/link";
import type { Section } from "@/lib/content/types";
import type { Crumb } from "./Breadcrumbs";
import { Breadcrumbs } from "./Breadcrumbs";
import { getI18n } from "@/lib/i18n/translate";

/** A section's header (breadcrumb, title, description, subsections) around its list of articles. */
export function SectionPage({ section, trail, page, children }: { section: Section; trail: Crumb[]; page: number; children: React.ReactNode }) {
  const { t } = getI18n();
  return (
    <>
      <Breadcrumbs items={[...trail.slice(0, -1), { name: section.name }]} />
      <header className="mt-4 border-b border-rule pb-6">
        <h1 className="font-serif text-4xl font-bold">
          {section.name}
          {page > 1 && <span className="text-muted"> {t("listing.pageSuffix", { page })}</span>}
        </h1>
        {section.description && <p className="mt-2 text-lg text-muted">{section.description}</p>}
        {section.children.length > 0 && (
          <nav aria-label={t("section.subsections", { section: section.name })} className="mt-4">
            <ul className="flex flex-wrap gap-2 text-sm">
              {section.children.map((c) => (
                <li key={c.path}>
                  <Link href={`/${c.path}`} prefetch={false} className="inline-block rounded-full border border-rule px-3 py-1 font-semibold hover:bg-panel">
                    {c.name}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      <div className="mt-8">
        {children}
      </div>
    </>
  );
}
