import type { Section } from "@/lib/sources/types";
import { MOST_READ_LIMIT, mostRead, scopeOf } from "@/lib/audience/most-read";
import { getI18n } from "@/lib/i18n/translate";
import { MostReadList } from "./MostReadList.client";

/** Where the list of a scope is brought up to date (app/api/most-read/[...scope]/route.ts). */
export function mostReadEndpoint(sectionPath?: string): string {
  return sectionPath ? `/api/most-read/section/${sectionPath}` : "/api/most-read/site";
}

/**
 * "Most read" of the last 24 hours: the site's on the home page and under an article (without that
 * article), a section's on its page. Renders nothing until something was read — and then only a
 * marker the island can fill while it is out of sight.
 */
export async function MostRead({ section, limit = MOST_READ_LIMIT, exclude, variant = "grid" }: { section?: Section; limit?: number; exclude?: string; variant?: "grid" | "column" }) {
  const items = await mostRead(scopeOf(section?.path), { limit, exclude });
  const { t } = getI18n();
  return (
    <MostReadList
      endpoint={mostReadEndpoint(section?.path)}
      initial={items}
      limit={limit}
      exclude={exclude}
      heading={section ? t("mostRead.sectionHeading", { section: section.name }) : t("mostRead.heading")}
      headingId={section ? "most-read-section" : "most-read"}
      variant={variant}
    />
  );
}
