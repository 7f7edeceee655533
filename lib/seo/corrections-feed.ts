/**
 * The corrections feed (/corrections/feed.xml): every correction, newest first, one item each, so a
 * reader or a fact-checker can follow what the newsroom fixed. RSS 2.0 with the `feed` package,
 * like the other feeds. Pure: entries and the site in, XML out, worded in the site's language.
 */
import { Feed } from "feed";
import type { CorrectionEntry } from "../sources/types";
import type { SeoSite } from "./jsonld";
import { absolutiseHtml } from "./feed";
import { absoluteOn, stripInvalidXmlChars } from "./xml";
import { createI18n } from "../i18n/translate";
import { baseTag } from "../i18n/locale";
import { correctionAnchor } from "../pages/corrections";

export const CORRECTIONS_FEED_SIZE = 50;
export const CORRECTIONS_PATH = "/corrections";
export const CORRECTIONS_FEED_PATH = "/corrections/feed.xml";

export function buildCorrectionsFeed(site: SeoSite, entries: CorrectionEntry[], now: Date): string {
  const items = [...entries]
    .sort((a, b) => Date.parse(b.correction.date) - Date.parse(a.correction.date))
    .slice(0, CORRECTIONS_FEED_SIZE);
  const { t } = createI18n(site.language, "UTC", () => {});
  const feed = new Feed({
    title: t("corrections.feedTitle", { siteName: site.name }),
    description: t("corrections.pageDescription", { siteName: site.name }),
    id: absoluteOn(site.url, CORRECTIONS_PATH),
    link: absoluteOn(site.url, CORRECTIONS_PATH),
    language: baseTag(site.language),
    // Follows the content, so an unchanged feed is byte-identical between requests.
    updated: new Date(items[0] ? Date.parse(items[0].correction.date) : now.getTime()),
    generator: "Masthead",
    feed: absoluteOn(site.url, CORRECTIONS_FEED_PATH),
    ttl: 15,
  });
  for (const { article, correction } of items) {
    const articleUrl = absoluteOn(site.url, article.url);
    const link = `${articleUrl}#${correctionAnchor(correction)}`;
    feed.addItem({
      title: stripInvalidXmlChars(t("corrections.item", { title: article.title })).replaceAll("]]>", "]]\u200C>"),
      id: link,
      link,
      description: absolutiseHtml(correction.html, site.url, articleUrl),
      date: new Date(correction.date),
    });
  }
  return feed.rss2();
}
