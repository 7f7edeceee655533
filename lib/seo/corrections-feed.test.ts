import { describe, expect, it } from "vitest";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { buildCorrectionsFeed, CORRECTIONS_FEED_SIZE } from "./corrections-feed";
import { makeArticle, NOW, SITE } from "./test-fixtures";
import { toSummary } from "../sources/paging";
import type { CorrectionEntry } from "../sources/types";

const parser = new XMLParser({ ignoreAttributes: false, cdataPropName: "#cdata", isArray: (name) => name === "item" });

const vote = toSummary(makeArticle({ slug: "budget-vote", title: "Council passes budget" }));
const guide = toSummary(makeArticle({ slug: "election-guide", title: "How to vote" }));
const entries: CorrectionEntry[] = [
  { article: vote, correction: { date: "2026-10-21T09:00:00.000Z", html: 'The vote was <a href="/news/local/minutes">12 to 9</a>.', text: "The vote was 12 to 9." } },
  { article: guide, correction: { date: "2026-11-25T16:20:00.000Z", html: "Polls open at <em>7am</em>.", text: "Polls open at 7am." } },
];

describe("buildCorrectionsFeed", () => {
  const xml = buildCorrectionsFeed(SITE, entries, NOW);
  const channel = parser.parse(xml).rss.channel;

  it("is a valid RSS channel for /corrections", () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(channel.title).toBe("Corrections | Test Gazette");
    expect(channel.link).toBe("https://gazette.example/corrections");
    expect(channel["atom:link"]["@_href"]).toBe("https://gazette.example/corrections/feed.xml");
    expect(new Date(channel.lastBuildDate).toISOString()).toBe("2026-11-25T16:20:00.000Z");
  });

  it("has one item per correction, newest first, linking to the notice on the article", () => {
    expect(channel.item.map((i: { title: { "#cdata": string } }) => i.title["#cdata"])).toEqual(["Correction to “How to vote”", "Correction to “Council passes budget”"]);
    const [first, second] = channel.item;
    expect(first.link).toBe("https://gazette.example/news/local/election-guide#correction-20261125t162000z");
    expect(new Date(first.pubDate).toISOString()).toBe("2026-11-25T16:20:00.000Z");
    expect(first.description["#cdata"]).toBe("Polls open at <em>7am</em>.");
    // Links inside the text are absolute, as a feed reader needs them.
    expect(second.description["#cdata"]).toContain('<a href="https://gazette.example/news/local/minutes">12 to 9</a>');
  });

  it("keeps the newest 50 and is still valid when there are none", () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ article: vote, correction: { date: new Date(Date.UTC(2026, 9, 1, i)).toISOString(), html: `Fix ${i}`, text: `Fix ${i}` } }));
    expect(parser.parse(buildCorrectionsFeed(SITE, many, NOW)).rss.channel.item).toHaveLength(CORRECTIONS_FEED_SIZE);
    const empty = buildCorrectionsFeed(SITE, [], NOW);
    expect(XMLValidator.validate(empty)).toBe(true);
    expect(parser.parse(empty).rss.channel.item).toBeUndefined();
  });

  it("speaks the site's language: a French site's feed is titled and worded in French", () => {
    const fr = parser.parse(buildCorrectionsFeed({ ...SITE, language: "fr" }, entries, NOW)).rss.channel;
    expect(fr.title).toBe("Rectificatifs | Test Gazette");
    expect(fr.language).toBe("fr");
    expect(fr.item[0].title["#cdata"]).toBe("Rectificatif à l’article «\u00a0How to vote\u00a0»");
  });
});
