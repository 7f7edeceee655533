/**
 * Every cache tag the webhook expires is attached to something (a page, a crawler document or a
 * WordPress read), and everything attached is expired by some change — by kind of tag.
 */
import { describe, expect, it } from "vitest";
import { tagKind } from "./cache-tags";
import { addArticle, addAuthor, addEverything, addPage, addSection, addTag, emptyPlan } from "../publishing/plan";
import { pageTags, resolveRequest } from "./routing";
import { xmlResponse } from "./crawler-http";
import { MarkdownSource } from "../sources/markdown/source";
import { WordPressSource } from "../sources/wordpress/source";
import type { CacheFunction } from "../sources/wordpress/client";
import { makeContentDir, validArticle } from "../../tests/fixture";

const dir = makeContentDir({
  "articles/first-story.md": validArticle({ title: "First story", tags: ["Harbour"] }),
  "articles/corrected-story.md": validArticle({ title: "Corrected", extra: "corrections:\n  - { date: 2026-01-11, text: A name was misspelt. }" }),
  "pages/about.md": "---\ntitle: About us\n---\nWho we are.\n",
});
const markdown = new MarkdownSource(dir);

async function expiredKinds(): Promise<Set<string>> {
  const plan = emptyPlan();
  const article = (await markdown.getArticleBySlug("first-story"))!;
  await addArticle(plan, markdown, article);
  await addSection(plan, markdown, article.section);
  await addAuthor(plan, markdown, "ann");
  await addTag(plan, markdown, "harbour");
  addPage(plan, (await markdown.getPage("about"))!);
  await addArticle(plan, markdown, (await markdown.getArticleBySlug("corrected-story"))!);
  addEverything(plan);
  return new Set([...plan.tags].map(tagKind));
}

/** Tags on WordPress reads: every contract method against a WordPress that answers with one of everything. */
async function wordpressKinds(): Promise<Set<string>> {
  const seen = new Set<string>();
  const cache: CacheFunction = (load, _keys, options) => {
    options.tags.forEach((t) => seen.add(tagKind(t)));
    return load;
  };
  const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { "content-type": "application/json", "X-WP-Total": "1", "X-WP-TotalPages": "1" } });
  const fetch = (async (url: string | URL | Request) => {
    const u = String(url);
    if (u.includes("/categories")) return json([{ id: 1, name: "News", slug: "news", parent: 0, count: 1 }]);
    if (u.includes("/users")) return json([{ id: 1, name: "Ann", slug: "ann" }]);
    if (u.includes("/tags")) return json([{ id: 1, name: "Harbour", slug: "harbour" }]);
    return json([]);
  }) as typeof globalThis.fetch;
  const wp = new WordPressSource({ url: "https://cms.example", fetch, cache, sleep: async () => {}, warn: () => {} });
  await wp.getSections();
  await wp.getArticleBySlug("first-story");
  await wp.getArticleByOldSlug("old-story");
  for (const query of [{}, { section: "news" }, { author: "ann" }, { tag: "harbour" }]) await wp.listArticles(query);
  await wp.getAuthor("ann");
  await wp.getAuthors();
  await wp.getTag("harbour");
  await wp.getTags();
  await wp.getRelated((await markdown.getArticleBySlug("first-story"))!);
  await wp.getPages();
  await wp.getPage("about");
  await wp.listCorrections({});
  return seen;
}

async function attachedKinds(): Promise<Set<string>> {
  const kinds = new Set<string>();
  const add = (tags: string[]) => tags.forEach((t) => kinds.add(tagKind(t)));
  for (const path of ["/", "/news", "/news/world-news/first-story", "/authors/ann", "/tags/harbour", "/about", "/corrections"]) {
    add(pageTags(await resolveRequest(path, { source: markdown })));
  }
  for (const type of ["application/xml", "application/rss+xml"] as const) {
    add(xmlResponse("<x/>", type).headers.get("Surrogate-Key")!.split(" "));
  }
  (await wordpressKinds()).forEach((k) => kinds.add(k));
  return kinds;
}

describe("cache tags", () => {
  it("are expired exactly where they are attached", async () => {
    const [expired, attached] = await Promise.all([expiredKinds(), attachedKinds()]);
    expect([...attached].sort()).toEqual([...expired].sort());
    expect([...expired].sort()).toEqual(["article", "author", "authors", "corrections", "feed", "home", "list", "page", "pages", "section", "sections", "site", "sitemap", "tag", "tags", "wp"]);
  });
});
