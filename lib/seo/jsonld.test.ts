import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { BreadcrumbList, NewsArticle } from "schema-dts";
import { articleJsonLd, homeJsonLd, MAX_HEADLINE, serializeJsonLd, standingPageJsonLd, truncateHeadline } from "./jsonld";
import type { ArticleKind } from "../sources/types";
import { JsonLd } from "@/components/JsonLd";
import { ADA, INES, makeArticle, SITE } from "./test-fixtures";

const TRAIL = [
  { name: "Home", href: "/" },
  { name: "News", href: "/news" },
  { name: "Local", href: "/news/local" },
];
const HOSTILE = "Harbour </script><script>alert(1)</script> closes \u2028 early";

type Node = Record<string, unknown>;
const graphOf = (json: string) => (JSON.parse(json) as { "@graph": Node[] })["@graph"];

describe("articleJsonLd", () => {
  const article = makeArticle({
    slug: "harbour-bridge-reopens",
    title: "Harbour bridge reopens",
    authors: [INES, ADA],
    tags: [
      { slug: "harbour", name: "Harbour" },
      { slug: "infrastructure", name: "Infrastructure" },
    ],
    publishedAt: "2026-09-04T09:15:00.000Z",
    updatedAt: "2026-09-05T08:40:00.000Z",
    image: { src: "/content-images/harbour-bridge.svg", alt: "A bridge", width: 1200, height: 675 },
  });
  const graph = articleJsonLd(article, TRAIL, SITE);
  const [news, crumbs] = graph["@graph"] as [Exclude<NewsArticle, string> & Node, Exclude<BreadcrumbList, string> & Node];

  it("is one @graph with a NewsArticle and a BreadcrumbList", () => {
    expect(graph["@context"]).toBe("https://schema.org");
    expect(graph["@graph"].map((n) => (n as Node)["@type"])).toEqual(["NewsArticle", "BreadcrumbList"]);
  });

  it("describes the article with absolute URLs", () => {
    expect(news).toMatchObject({
      headline: "Harbour bridge reopens",
      description: article.description,
      image: ["https://gazette.example/content-images/harbour-bridge.svg"],
      datePublished: "2026-09-04T09:15:00.000Z",
      dateModified: "2026-09-05T08:40:00.000Z",
      mainEntityOfPage: { "@type": "WebPage", "@id": "https://gazette.example/news/local/harbour-bridge-reopens" },
      articleSection: "Local",
      keywords: ["Harbour", "Infrastructure"],
      inLanguage: "en",
      isAccessibleForFree: true,
    });
    expect(news.author).toEqual([
      { "@type": "Person", name: "Ines Calloway", url: "https://gazette.example/authors/ines-calloway" },
      { "@type": "Person", name: "Ada Fenwick", url: "https://gazette.example/authors/ada-fenwick" },
    ]);
    expect(news.publisher).toMatchObject({
      "@type": "NewsMediaOrganization",
      name: "Test Gazette",
      url: "https://gazette.example/",
      logo: { "@type": "ImageObject", url: "https://gazette.example/logo.svg" },
    });
  });

  it("mirrors the visible breadcrumb, ending with the article title", () => {
    expect(crumbs.itemListElement).toEqual([
      { "@type": "ListItem", position: 1, name: "Home", item: "https://gazette.example/" },
      { "@type": "ListItem", position: 2, name: "News", item: "https://gazette.example/news" },
      { "@type": "ListItem", position: 3, name: "Local", item: "https://gazette.example/news/local" },
      { "@type": "ListItem", position: 4, name: "Harbour bridge reopens" },
    ]);
  });

  it("uses the generated social card when the article has no image", () => {
    const plain = articleJsonLd(makeArticle({ slug: "no-picture" }), TRAIL, SITE);
    expect((plain["@graph"][0] as Node).image).toEqual(["https://gazette.example/og/no-picture.png"]);
  });

  it("keeps the headline within 110 characters but the breadcrumb keeps the full title", () => {
    const title = "A very long headline about the harbour ".repeat(5).trim();
    const long = articleJsonLd(makeArticle({ slug: "long", title }), TRAIL, SITE);
    const headline = (long["@graph"][0] as Node).headline as string;
    expect(Array.from(headline).length).toBeLessThanOrEqual(MAX_HEADLINE);
    expect(headline.endsWith("…")).toBe(true);
    const items = (long["@graph"][1] as Node).itemListElement as Node[];
    expect(items.at(-1)?.name).toBe(title);
  });
});

describe("kinds of work and corrections", () => {
  const typeOf = (kind: ArticleKind) => (articleJsonLd(makeArticle({ slug: `a-${kind}`, kind }), TRAIL, SITE)["@graph"][0] as Node)["@type"];

  it("gives every kind its schema.org type", () => {
    expect(typeOf("news")).toBe("NewsArticle");
    expect(typeOf("opinion")).toBe("OpinionNewsArticle");
    expect(typeOf("analysis")).toBe("AnalysisNewsArticle");
    expect(typeOf("review")).toBe("ReviewNewsArticle");
    expect(typeOf("explainer")).toBe("BackgroundNewsArticle");
    expect(typeOf("obituary")).toBe("NewsArticle");
    expect(typeOf("sponsored")).toBe("NewsArticle");
  });

  it("keeps every other property whatever the kind", () => {
    const opinion = articleJsonLd(makeArticle({ slug: "view", kind: "opinion" }), TRAIL, SITE)["@graph"][0] as Node;
    expect(opinion).toMatchObject({ headline: "Story view", datePublished: "2026-11-20T09:00:00.000Z", isAccessibleForFree: true });
    expect(opinion.publisher).toMatchObject({ "@type": "NewsMediaOrganization" });
  });

  it("lists each correction as a CorrectionComment with its date and text, and dateModified follows the latest", () => {
    const corrected = makeArticle({
      slug: "fixed",
      updatedAt: "2026-11-23T15:00:00.000Z",
      correctedAt: "2026-11-23T15:00:00.000Z",
      corrections: [
        { date: "2026-11-21T10:00:00.000Z", html: "A name was <em>misspelt</em>.", text: "A name was misspelt." },
        { date: "2026-11-23T15:00:00.000Z", html: "The vote was 12 to 9.", text: "The vote was 12 to 9." },
      ],
    });
    const node = articleJsonLd(corrected, TRAIL, SITE)["@graph"][0] as Node;
    expect(node.correction).toEqual([
      { "@type": "CorrectionComment", datePublished: "2026-11-21T10:00:00.000Z", text: "A name was misspelt." },
      { "@type": "CorrectionComment", datePublished: "2026-11-23T15:00:00.000Z", text: "The vote was 12 to 9." },
    ]);
    expect(node.dateModified).toBe("2026-11-23T15:00:00.000Z");
    expect((articleJsonLd(makeArticle({ slug: "clean" }), TRAIL, SITE)["@graph"][0] as Node).correction).toBeUndefined();
  });
});

describe("the organisation", () => {
  const TRUSTED = { ...SITE, trust: { publishingPrinciples: "/ethics", correctionsPolicy: "/corrections-policy", ownershipFundingInfo: "https://owners.example/who" } };

  it("is a NewsMediaOrganization with its principles, corrections policy and ownership as absolute URLs", () => {
    const [, org] = homeJsonLd(TRUSTED)["@graph"] as unknown as Node[];
    expect(org).toEqual({
      "@type": "NewsMediaOrganization",
      "@id": "https://gazette.example/#organization",
      name: "Test Gazette",
      url: "https://gazette.example/",
      logo: { "@type": "ImageObject", url: "https://gazette.example/logo.svg" },
      publishingPrinciples: "https://gazette.example/ethics",
      correctionsPolicy: "https://gazette.example/corrections-policy",
      ownershipFundingInfo: "https://owners.example/who",
    });
    const publisher = (articleJsonLd(makeArticle({ slug: "x" }), TRAIL, TRUSTED)["@graph"][0] as Node).publisher;
    expect(publisher).toEqual(org);
  });

  it("says nothing it was not told", () => {
    const [, org] = homeJsonLd({ ...SITE, logo: undefined })["@graph"] as unknown as Node[];
    expect(Object.keys(org).sort()).toEqual(["@id", "@type", "name", "url"]);
  });
});

describe("standingPageJsonLd", () => {
  it("is a WebPage published by the organisation, with Home » Title", () => {
    const graph = standingPageJsonLd(
      { slug: "ethics", title: "Ethics", description: "How we work", body: "<p>x</p>", headings: [], nav: "footer", status: "published", url: "/ethics", updatedAt: "2026-10-01T00:00:00.000Z" },
      SITE,
      [{ name: "Home", href: "/" }],
    )["@graph"] as unknown as Node[];
    expect(graph[0]).toMatchObject({ "@type": "WebPage", name: "Ethics", url: "https://gazette.example/ethics", dateModified: "2026-10-01T00:00:00.000Z", publisher: { "@id": "https://gazette.example/#organization" } });
    expect(graph[1]["@type"]).toBe("NewsMediaOrganization");
    expect(graph[2].itemListElement).toEqual([
      { "@type": "ListItem", position: 1, name: "Home", item: "https://gazette.example/" },
      { "@type": "ListItem", position: 2, name: "Ethics" },
    ]);
  });
});

describe("truncateHeadline", () => {
  it("leaves short headlines alone and cuts long ones at a word", () => {
    expect(truncateHeadline("Short")).toBe("Short");
    expect(truncateHeadline("alpha beta gamma delta", 12)).toBe("alpha beta…");
  });

  it("never splits an emoji", () => {
    const cut = truncateHeadline("🌊".repeat(200));
    expect(Array.from(cut).length).toBeLessThanOrEqual(MAX_HEADLINE);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe("homeJsonLd", () => {
  it("declares the WebSite with a SearchAction on /search?q=", () => {
    const [website, org] = homeJsonLd(SITE)["@graph"] as unknown as Node[];
    expect(website).toMatchObject({
      "@type": "WebSite",
      name: "Test Gazette",
      url: "https://gazette.example/",
      potentialAction: {
        "@type": "SearchAction",
        target: { "@type": "EntryPoint", urlTemplate: "https://gazette.example/search?q={search_term_string}" },
        "query-input": "required name=search_term_string",
      },
    });
    expect(org).toMatchObject({ "@type": "NewsMediaOrganization", name: "Test Gazette" });
  });
});

describe("serializeJsonLd", () => {
  const graph = articleJsonLd(makeArticle({ slug: "hostile", title: HOSTILE, description: "a < b && c > d" }), TRAIL, SITE);
  const json = serializeJsonLd(graph);

  it("contains no character that could end or confuse the script element", () => {
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(json.toLowerCase()).not.toContain("</script");
    expect(json).toContain("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)");
  });

  it("still parses to exactly the same data", () => {
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(graph)));
    expect(graphOf(json)[0].headline).toBe(HOSTILE);
  });

  it("renders as one inert script element", () => {
    const html = renderToStaticMarkup(createElement(JsonLd, { data: graph }));
    expect(html.startsWith('<script type="application/ld+json">')).toBe(true);
    // The only "</script" is the element's own end tag, at the very end.
    expect(html.toLowerCase().indexOf("</script")).toBe(html.length - "</script>".length);
    expect(html).not.toContain("<script>alert(1)");
    const inner = html.slice('<script type="application/ld+json">'.length, -"</script>".length);
    expect(graphOf(inner)[0].headline).toBe(HOSTILE);
  });
});

describe("languages in JSON-LD", () => {
  it("inLanguage is the site's tag without extensions, and translations are workTranslation", () => {
    const article = makeArticle({ slug: "pact", translations: [{ language: "ar", url: "https://ar.gazette.example/akhbar/pact" }] });
    const graph = articleJsonLd(article, TRAIL, { ...SITE, language: "en-u-nu-latn" })["@graph"] as unknown as Record<string, unknown>[];
    const node = graph.find((n) => n["@type"] === "NewsArticle")!;
    expect(node.inLanguage).toBe("en");
    expect(node.workTranslation).toEqual([{ "@type": "NewsArticle", url: "https://ar.gazette.example/akhbar/pact", inLanguage: "ar" }]);
    const plain = articleJsonLd(makeArticle({ slug: "alone" }), TRAIL, SITE)["@graph"] as unknown as Record<string, unknown>[];
    expect(plain.find((n) => n["@type"] === "NewsArticle")).not.toHaveProperty("workTranslation");
  });
});

