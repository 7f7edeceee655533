import type { Section } from "../sources/types";
import { getContentSource } from "../sources/source";
import { sectionChain, sectionsByPath } from "../sources/rules";
import { getI18n } from "../i18n/translate";

/** One step of a trail: Home › section › subsection › the current page. */
export interface Crumb {
  name: string;
  /** Absent for the current page. */
  href?: string;
}

/** Home, then every section from the top down to `section`; the JSON-LD BreadcrumbList uses the same list. */
export async function sectionTrail(section: Section): Promise<Crumb[]> {
  const byPath = sectionsByPath(await getContentSource().getSections());
  return [homeCrumb(), ...sectionChain(section, (p) => byPath.get(p)).map((s) => ({ name: s.name, href: `/${s.path}` }))];
}

/** The first crumb of every trail, in the site's language. */
export function homeCrumb(): Crumb {
  return { name: getI18n().t("breadcrumb.home"), href: "/" };
}
