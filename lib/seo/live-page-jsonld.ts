/** The JSON-LD of a live blog's page from what the page shows (lib/seo/live-jsonld.ts builds it). */
import type { Graph } from "schema-dts";
import { liveBlogJsonLd } from "./live-jsonld";
import type { SeoSite } from "./jsonld";
import { absoluteUrl } from "../config/site";
import { livePagePath } from "../live/paging";
import { updateText } from "../pages/live-view";
import type { LivePageData } from "../pages/live-page";

export function liveJsonLd(data: LivePageData, site: SeoSite): Graph {
  const { article, state, page } = data;
  const model = new Map(state.updates.map((u) => [u.id, u]));
  // Readers only: preview renders never reach a crawler, and drafts must not reach JSON-LD.
  const shown = [...(page === 1 && state.paging.pinned ? [state.paging.pinned] : []), ...data.updates].filter((v) => v.state === "published");
  return liveBlogJsonLd(
    article,
    data.trail,
    site,
    shown.map((v) => ({
      headline: v.headline,
      text: updateText(model.get(v.id)!),
      datePublished: v.publishedAt,
      ...(v.editedAt ? { dateModified: v.editedAt } : {}),
      path: v.href,
      authors: v.authors,
    })),
    { ...(state.status.ended && state.status.endedAt ? { endedAt: state.status.endedAt } : {}), lastUpdated: state.status.lastUpdated, pageUrl: absoluteUrl(livePagePath(article.url, page)) },
  );
}
