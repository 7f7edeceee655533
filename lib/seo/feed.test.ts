import { describe, expect, it } from "vitest";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { absolutiseHtml, buildRssFeed, FEED_SIZE, type FeedSpec } from "./feed";
import { ADA, INES, makeArticle, NOW, SITE } from "./test-fixtures";

// Keep CDATA apart so the tests see exactly what a feed reader gets.
const parser = new XMLParser({ ignoreAttributes: false, cdataPropName: "#cdata", isArray: (name) => name === "item" || name === "category" });

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml);
}

const SPEC: FeedSpec = { title: "Local | Test Gazette", description: "Council, ferries, schools", pagePath: "/news/local", feedPath: "/news/local/feed.xml" };

const bridge = makeArticle({
  slug: "harbour-bridge-reopens",
  title: "Harbour bridge reopens",
  description: "Traffic is back <for now> & so are the ferries",
  authors: [INES, ADA],
  tags: [{ slug: "harbour", name: "Harbour" }],
  publishedAt: "2026-09-04T09:15:00.000Z",
  updatedAt: "2026-09-05T08:40:00.000Z",
  image: { src: "/content-images/harbour-bridge.svg", alt: "A bridge", width: 1200, height: 675 },
  body: '<p>See <a href="/news/local/ferry">the ferry story</a>, <a href="#timeline">the timeline</a> and <a href="https://other.example/x">elsewhere</a>.</p><h2 id="timeline">Timeline</h2><p><img src="/content-images/map.png" alt="Map"> Odd text ]]> here.</p>',
});

describe("buildRssFeed", () => {
  const channel = parse(buildRssFeed(SITE, SPEC, [bridge], NOW)).rss.channel;
  const item = channel.item[0];

  it("is RSS 2.0 with absolute links and a self link", () => {
    expect(channel.title).toBe("Local | Test Gazette");
    expect(channel.link).toBe("https://gazette.example/news/local");
    expect(channel["atom:link"]["@_href"]).toBe("https://gazette.example/news/local/feed.xml");
    expect(channel.language).toBe("en");
    expect(item.link).toBe("https://gazette.example/news/local/harbour-bridge-reopens");
    expect(item.guid["#text"]).toBe("https://gazette.example/news/local/harbour-bridge-reopens");
    expect(new Date(item.pubDate).toISOString()).toBe("2026-09-04T09:15:00.000Z");
  });

  it("has the standfirst as description (HTML-escaped) and the full body as content:encoded", () => {
    expect(item.title["#cdata"]).toBe("Harbour bridge reopens");
    expect(item.description["#cdata"]).toBe("Traffic is back &lt;for now&gt; &amp; so are the ferries");
    const content: string = item["content:encoded"]["#cdata"];
    expect(content).toContain('<a href="https://gazette.example/news/local/ferry">the ferry story</a>');
    expect(content).toContain('<a href="https://gazette.example/news/local/harbour-bridge-reopens#timeline">');
    expect(content).toContain('<a href="https://other.example/x">');
    expect(content).toContain('<img src="https://gazette.example/content-images/map.png" alt="Map">');
    expect(content).toContain('<h2 id="timeline">Timeline</h2>');
  });

  it("names the authors, tags and image", () => {
    expect(item["dc:creator"]).toBe("Ines Calloway, Ada Fenwick");
    expect(item.category[0]).toMatchObject({ "#text": "Harbour", "@_domain": "https://gazette.example/tags/harbour" });
    expect(item.enclosure).toMatchObject({ "@_url": "https://gazette.example/content-images/harbour-bridge.svg", "@_type": "image/svg+xml" });
  });

  it("lists the newest 50 articles, newest first", () => {
    const many = Array.from({ length: 60 }, (_, i) => makeArticle({ slug: `story-${i}`, publishedAt: new Date(Date.UTC(2026, 8, 1, i)).toISOString() }));
    const items = parse(buildRssFeed(SITE, SPEC, many, NOW)).rss.channel.item as { link: string }[];
    expect(items).toHaveLength(FEED_SIZE);
    expect(items[0].link).toBe("https://gazette.example/news/local/story-59");
    expect(items.at(-1)!.link).toBe("https://gazette.example/news/local/story-10");
  });

  it("stays well-formed whatever the text holds", () => {
    const hostile = makeArticle({
      slug: "hostile",
      title: "A ]]> B ]]> </script><script>alert(1)</script>\u0007",
      description: "x ]]> y",
      body: "<p>one ]]> two ]]> three</p>",
    });
    const xml = buildRssFeed(SITE, { ...SPEC, title: "T ]]> & <b>" }, [hostile], NOW);
    const parsed = parse(xml).rss.channel.item[0];
    expect(parsed.title["#cdata"]).toContain("</script><script>alert(1)</script>");
    expect(xml).not.toContain("\u0007");
  });

  it("is a valid empty channel when there are no articles", () => {
    const channel = parse(buildRssFeed(SITE, SPEC, [], NOW)).rss.channel;
    expect(channel.title).toBe("Local | Test Gazette");
    expect(channel.item).toBeUndefined();
  });
});

describe("absolutiseHtml", () => {
  it("leaves protocol-relative and absolute URLs alone", () => {
    const html = absolutiseHtml('<a href="//cdn.example/a">a</a><a href="mailto:x@y.example">m</a>', SITE.url, `${SITE.url}/p`);
    expect(html).toBe('<a href="//cdn.example/a">a</a><a href="mailto:x@y.example">m</a>');
  });

  it("makes every candidate of a body image's srcset absolute", () => {
    const html = absolutiseHtml('<img src="/_next/image?url=%2Fa.png&amp;w=640&amp;q=75" srcset="/_next/image?url=%2Fa.png&amp;w=640&amp;q=75 640w, https://cms.example/a.png 800w">', SITE.url, `${SITE.url}/p`);
    expect(html).toBe(`<img src="${SITE.url}/_next/image?url=%2Fa.png&#x26;w=640&#x26;q=75" srcset="${SITE.url}/_next/image?url=%2Fa.png&#x26;w=640&#x26;q=75 640w, https://cms.example/a.png 800w">`);
  });
});
