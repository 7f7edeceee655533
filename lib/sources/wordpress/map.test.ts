import { describe, expect, it } from "vitest";
import { wordpressPost } from "../../../tests/wordpress-post";
import { buildSectionTree, decodeText, mapMedia, mapPage, mapPost, mapStatus, mapTrust, mapUser, sizesFromMedia, unsizedAttachmentIds, utcIso } from "./map";
import { wpPost, type WpTerm } from "./schema";

const category = (id: number, slug: string, name: string, parent = 0, count = 1): WpTerm => ({ id, slug, name, parent, count });

describe("WordPress → model", () => {
  it("decodes entities in names and reads *_gmt dates as UTC", () => {
    expect(decodeText("Arts &amp; Culture &#8211; Caf&eacute;")).toBe("Arts & Culture – Café");
    expect(utcIso("2026-10-01T08:00:00")).toBe("2026-10-01T08:00:00.000Z");
    expect(utcIso("0000-00-00T00:00:00")).toBeUndefined();
    expect(utcIso(null)).toBeUndefined();
  });

  it("maps statuses: future is published later, everything unpublished is a draft", () => {
    expect(mapStatus("publish")).toBe("published");
    expect(mapStatus("future")).toBe("published");
    expect(mapStatus("draft")).toBe("draft");
    expect(mapStatus("pending")).toBe("draft");
    expect(mapStatus("private")).toBe("draft");
    expect(mapStatus("publish", true)).toBe("draft");
  });

  it("builds the section tree from categories, in site.yml's order", () => {
    const warnings: string[] = [];
    const tree = buildSectionTree(
      [
        category(1, "uncategorized", "Uncategorized", 0, 0),
        category(2, "news", "News"),
        category(3, "local", "Local", 2),
        category(4, "world-news", "World news", 2),
        category(5, "culture", "Arts &amp; Culture"),
        category(6, "sport", "Sport"),
        category(7, "tags", "Tags"),
        category(8, "Événements", "Bad slug"),
      ],
      [{ slug: "news", name: "News", children: [{ slug: "world-news", name: "W" }, { slug: "local", name: "L" }] }, { slug: "culture", name: "C" }],
      (m) => warnings.push(m),
    );
    expect(tree.sections.map((s) => s.path)).toEqual(["news", "culture", "sport"]); // listed first, then by name
    expect(tree.sections[0].children.map((s) => s.path)).toEqual(["news/world-news", "news/local"]);
    expect(tree.byPath.get("culture")?.name).toBe("Arts & Culture");
    expect(tree.byPath.get("news/local")?.parentPath).toBe("news");
    expect(tree.categoryIds.get("news")?.sort()).toEqual([2, 3, 4]);
    expect(warnings).toHaveLength(2); // "tags" is reserved, "Événements" is no slug
    // The default category is kept once it has posts.
    expect(buildSectionTree([category(1, "uncategorized", "Uncategorized", 0, 3)]).sections.map((s) => s.slug)).toEqual(["uncategorized"]);
  });

  it("keeps local avatars only, and makes paragraphs of a plain-text bio", () => {
    const author = mapUser(
      { id: 1, slug: "ann", name: "Ann &amp; Co", description: "First line\nsecond line\n\nNew paragraph <script>x()</script>", url: "https://ann.example", avatar_urls: { "24": "https://cms.example/a-24.png", "96": "https://cms.example/a-96.png" } },
      "https://cms.example",
    );
    expect(author).toMatchObject({ name: "Ann & Co", avatar: { src: "https://cms.example/a-96.png", alt: "Ann & Co" }, links: [{ label: "Website", url: "https://ann.example" }] });
    expect(author.bio).toBe("<p>First line<br>second line</p>\n<p>New paragraph </p>");
    const gravatar = mapUser({ id: 2, slug: "bo", name: "Bo", description: "", url: "", avatar_urls: { "96": "https://secure.gravatar.com/avatar/x?s=96" } }, "https://cms.example");
    expect(gravatar.avatar).toBeUndefined();
    expect(gravatar.bio).toBe("");
  });

  it("maps a featured image with its size, alt, caption and credit; drops one without a size", () => {
    const media = {
      id: 9,
      source_url: "https://cms.example/wp-content/uploads/p.png",
      alt_text: "A quay &amp; a boat",
      caption: { rendered: "<p>The quay at dawn &#8211; before the storm</p>\n" },
      media_type: "image",
      media_details: { width: 800, height: 450, sizes: {}, image_meta: { credit: "Staff" } },
    };
    expect(mapMedia(media)).toEqual({ src: media.source_url, alt: "A quay & a boat", caption: "The quay at dawn – before the storm", credit: "Staff", width: 800, height: 450 });
    expect(mapMedia({ ...media, media_details: {} })).toBeUndefined();
    expect(mapMedia({ code: "rest_forbidden" })).toBeUndefined();
  });

  it("maps a post: sanitised body, decoded title, deepest category, derived description", () => {
    const sections = buildSectionTree([category(2, "news", "News"), category(3, "local", "Local", 2)]);
    const post = wpPost.parse({
      id: 7,
      slug: "quay-story",
      status: "publish",
      date_gmt: "2026-10-01T08:00:00",
      modified_gmt: "2026-10-01T08:00:00",
      title: { rendered: "The harbour master&#8217;s log &#038; more" },
      content: { rendered: "<p>First paragraph.</p>\n<h2>Sub</h2>\n<p onclick=\"x()\">Two<script>bad()</script></p>", protected: false },
      excerpt: { rendered: "<p>First paragraph. Sub Two [&hellip;]</p>\n" },
      author: 1,
      categories: [2, 3],
      tags: [],
      _embedded: {
        author: [{ id: 1, slug: "ann", name: "Ann", description: "", url: "" }],
        "wp:term": [[{ id: 3, slug: "local", name: "Local", taxonomy: "category" }], [{ id: 5, slug: "rock-roll", name: "Rock &amp; roll", taxonomy: "post_tag" }]],
      },
    });
    const mapped = mapPost(post, { sections, wordpressOrigin: "https://cms.example" });
    expect(mapped.ok).toBe(true);
    if (!mapped.ok) return;
    expect(mapped.article).toMatchObject({
      title: "The harbour master’s log & more",
      url: "/news/local/quay-story",
      description: "First paragraph.",
      tags: [{ slug: "rock-roll", name: "Rock & roll" }],
      publishedAt: "2026-10-01T08:00:00.000Z",
      updatedAt: "2026-10-01T08:00:00.000Z",
      headings: [{ id: "sub", text: "Sub", depth: 2 }],
    });
    expect(mapped.article.body).not.toMatch(/script|onclick/);
    expect(mapPost({ ...post, categories: [99] }, { sections, wordpressOrigin: "https://cms.example" })).toMatchObject({ ok: false });
  });

  it("maps the kind and dated corrections from the mu-plugin's fields; a correction makes dateModified honest", () => {
    const sections = buildSectionTree([category(2, "news", "News")]);
    const post = wpPost.parse({
      id: 8,
      slug: "fixed-story",
      status: "publish",
      date_gmt: "2026-10-01T08:00:00",
      modified_gmt: "2026-10-01T08:05:00",
      title: { rendered: "Fixed" },
      content: { rendered: "<p>Body.</p>" },
      author: 1,
      categories: [2],
      masthead_kind: "Analysis",
      masthead_corrections: [
        { date: "2026-10-03T09:30:00Z", text: "The vote was *12 to 9*, not 11 to 10." },
        { date: "2026-10-02", text: "A name was <b>misspelt</b>.<script>x()</script>" },
      ],
      _embedded: { author: [{ id: 1, slug: "ann", name: "Ann" }] },
    });
    const mapped = mapPost(post, { sections, wordpressOrigin: "https://cms.example" });
    if (!mapped.ok) throw new Error(mapped.problem);
    expect(mapped.article.kind).toBe("analysis");
    expect(mapped.article.corrections).toEqual([
      { date: "2026-10-02T12:00:00.000Z", html: "A name was <b>misspelt</b>.", text: "A name was misspelt." },
      { date: "2026-10-03T09:30:00.000Z", html: "The vote was <em>12 to 9</em>, not 11 to 10.", text: "The vote was 12 to 9, not 11 to 10." },
    ]);
    expect(mapped.article.correctedAt).toBe("2026-10-03T09:30:00.000Z");
    expect(mapped.article.updatedAt).toBe("2026-10-03T09:30:00.000Z");
    expect(mapped.warnings).toEqual([]);
    const plain = mapPost({ ...post, masthead_kind: undefined, masthead_corrections: undefined }, { sections, wordpressOrigin: "https://cms.example" });
    expect(plain).toMatchObject({ ok: true, article: { kind: "news", corrections: [], updatedAt: "2026-10-01T08:05:00.000Z" } });
  });

  it("leaves out, with a warning, an unknown kind and a correction without a real date or text", () => {
    const warnings: string[] = [];
    const trust = mapTrust(
      { masthead_kind: "gossip", masthead_corrections: [{ date: "2026-02-30", text: "x" }, { text: "no date" }, { date: "2026-01-05" }, "junk", { date: "2026-01-06T10:00Z", text: "Fine." }] },
      "WordPress post 1",
      warnings,
    );
    expect(trust.kind).toBe("news");
    expect(trust.corrections.map((c) => c.text)).toEqual(["Fine."]);
    expect(warnings).toHaveLength(5);
    expect(warnings[0]).toMatch(/masthead_kind "gossip" is not one of news, opinion/);
    expect(warnings[1]).toMatch(/masthead_corrections\.0 needs a date/);
  });

  it("maps a top-level page to a standing page; child pages and section slugs are left out", () => {
    const sections = buildSectionTree([category(2, "news", "News")]);
    const page = {
      id: 40,
      slug: "ethics",
      status: "publish",
      parent: 0,
      modified_gmt: "2026-09-01T09:00:00",
      title: { rendered: "Our ethics &#038; standards" },
      content: { rendered: "<p>We check what we publish.</p>\n<h2>Sources</h2><p onclick=\"x()\">Named.</p>", protected: false },
      masthead_nav: "header",
    };
    expect(mapPage(page, sections)).toEqual({
      ok: true,
      page: {
        slug: "ethics",
        title: "Our ethics & standards",
        description: "We check what we publish.",
        body: expect.not.stringContaining("onclick"),
        headings: [{ id: "sources", text: "Sources", depth: 2 }],
        updatedAt: "2026-09-01T09:00:00.000Z",
        nav: "header",
        status: "published",
        url: "/ethics",
      },
    });
    expect(mapPage({ ...page, masthead_nav: undefined }, sections)).toMatchObject({ page: { nav: "footer" } });
    expect(mapPage({ ...page, masthead_nav: "sidebar" }, sections)).toMatchObject({ page: { nav: "footer" } });
    expect(mapPage({ ...page, status: "draft" }, sections)).toMatchObject({ page: { status: "draft" } });
    expect(mapPage({ ...page, content: { ...page.content, protected: true } }, sections)).toMatchObject({ page: { status: "draft" } });
    expect(mapPage({ ...page, parent: 3 }, sections)).toMatchObject({ ok: false });
    expect(mapPage({ ...page, slug: "news" }, sections)).toMatchObject({ ok: false, problem: expect.stringContaining("is the section") });
    expect(mapPage({ ...page, slug: "search" }, sections)).toMatchObject({ ok: false });
    // The newsroom's "support" page is what /support shows under the box (CONTENT.md).
    expect(mapPage({ ...page, slug: "support" }, sections)).toMatchObject({ page: { slug: "support", url: "/support" } });
    expect(mapPage({ ...page, slug: "newsletters" }, sections)).toMatchObject({ ok: false });
  });

  it("body media: images from WordPress only, sized from media details when WordPress sent no size; one notice per post", () => {
    const sections = buildSectionTree([category(2, "news", "News")]);
    const content =
      '<p>x</p><p>x</p><p>x</p><figure class="wp-block-image"><img src="https://cms.example/wp-content/uploads/old.jpg" alt="Old" class="wp-image-31"/></figure>' +
      '<p><img src="https://elsewhere.example/i.png" alt=""></p><iframe src="https://ads.example/x"></iframe>';
    expect(unsizedAttachmentIds(content)).toEqual([31]);
    expect(unsizedAttachmentIds('<img width="1" height="2" class="wp-image-9" src="a">')).toEqual([]);
    const imageSizes = sizesFromMedia([
      { id: 31, source_url: "https://cms.example/wp-content/uploads/old.jpg", media_details: { width: 1600, height: 1067, sizes: { medium: { width: 300, height: 200, source_url: "https://cms.example/wp-content/uploads/old-300x200.jpg" } } } },
      { id: 32, garbage: true },
    ]);
    expect([...imageSizes]).toEqual([
      ["https://cms.example/wp-content/uploads/old.jpg", { width: 1600, height: 1067 }],
      ["https://cms.example/wp-content/uploads/old-300x200.jpg", { width: 300, height: 200 }],
    ]);
    const post = wpPost.parse(wordpressPost(content));
    const mapped = mapPost(post, { sections, wordpressOrigin: "https://cms.example", imageSizes });
    if (!mapped.ok) throw new Error(mapped.problem);
    expect(mapped.article.body).toMatch(/<img src="https:\/\/cms\.example\/wp-content\/uploads\/old\.jpg" alt="Old" width="1600" height="1067" loading="lazy" decoding="async">/);
    expect(mapped.article.body).toContain(">Image from elsewhere.example</a>");
    expect(mapped.notice).toBe(
      'WordPress post 8 "old-post": an <iframe> from ads.example is shown as a link; an image from elsewhere.example is shown as a link (only images served by this site are shown)',
    );
  });
});
