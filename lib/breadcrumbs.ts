import type { Crumb } from "@/components/Breadcrumbs";
import type { Section } from "./content/types";
import { getContentSource } from "./content/source";

/** Home, then every section from the top down to `section`; the JSON-LD BreadcrumbList uses the same list. */
export async function sectionTrail(section: Section): Promise<Crumb[]> {
  const source = getContentSource();
  const chain: Section[] = [];
  let current: Section | null = section;
  while (current) {
    chain.unshift(current);
    current = current.parentPath ? await source.getSection(current.parentPath) : null;
  }
  return [{ name: "Home", href: "/" }, ...chain.map((s) => ({ name: s.name, href: `/${s.path}` }))];
}
