import Link from "@/components/Link";
import type { Section } from "@/lib/sources/types";
import type { CardPage } from "@/lib/api/articles";
import { sectionPath } from "@/lib/request/paths";
import type { Crumb } from "./Breadcrumbs";
import { ListingPage } from "./ListingPage";
import { ArticleFeed } from "./ArticleFeed";
import { getI18n } from "@/lib/i18n/translate";

/** A section: breadcrumb, title, description, subsections, then its articles newest first. */
export function SectionPage({ section, trail, list, perPage }: { section: Section; trail: Crumb[]; list: CardPage; perPage: number }) {
  const { t } = getI18n();
  const intro = (
    <>
      {section.description && <p className="mt-2 text-lg text-muted">{section.description}</p>}
      {section.children.length > 0 && (
        <nav aria-label={t("section.subsections", { section: section.name })} className="mt-4">
          <ul className="flex flex-wrap gap-2 text-sm">
            {section.children.map((c) => (
              <li key={c.path}>
                <Link href={sectionPath(c.path)} className="inline-block rounded-full border border-rule px-3 py-1 font-semibold hover:bg-panel">
                  {c.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </>
  );
  return (
    <ListingPage trail={[...trail.slice(0, -1), { name: section.name }]} title={section.name} page={list.page} intro={intro}>
      <ArticleFeed filter={{ section: section.path }} list={list} perPage={perPage} basePath={sectionPath(section.path)} emptyText={t("section.empty")} />
    </ListingPage>
  );
}
