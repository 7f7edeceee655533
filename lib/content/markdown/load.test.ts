import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { loadMarkdownContent } from "./load";
import { ContentValidationError } from "../errors";
import { makeContentDir, validArticle, SITE_YML } from "../../../tests/fixture";

function problemsOf(files: Record<string, string | null> | string) {
  const dir = typeof files === "string" ? files : makeContentDir(files);
  try {
    loadMarkdownContent(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(ContentValidationError);
    return (error as ContentValidationError).message;
  }
  throw new Error("expected the content to be rejected");
}

describe("markdown content validation names the file and the field", () => {
  it("loads a valid folder", () => {
    const { index, site } = loadMarkdownContent(makeContentDir());
    expect(site.name).toBe("Test Gazette");
    expect(index.articles.get("first-story")?.title).toBe("First story");
  });

  it("rejects a missing required field", () => {
    const msg = problemsOf({ "articles/no-title.md": validArticle({ title: undefined }) });
    expect(msg).toMatch(/articles\/no-title\.md(?::\d+:\d+)? → field "title": is required/);
  });

  it("rejects missing authors and publishedAt", () => {
    const msg = problemsOf({ "articles/bare.md": "---\ntitle: Bare\nsection: news\n---\nText\n" });
    expect(msg).toMatch(/bare\.md(?::\d+:\d+)? → field "authors"/);
    expect(msg).toMatch(/bare\.md(?::\d+:\d+)? → field "publishedAt": is required/);
  });

  it("rejects an unknown section", () => {
    const msg = problemsOf({ "articles/lost.md": validArticle({ section: "news/nowhere" }) });
    expect(msg).toMatch(/lost\.md(?::\d+:\d+)? → field "section": unknown section "news\/nowhere"/);
  });

  it("rejects an unknown author", () => {
    const msg = problemsOf({ "articles/ghost.md": validArticle({ authors: ["ann", "casper"] }) });
    expect(msg).toMatch(/ghost\.md(?::\d+:\d+)? → field "authors\.1": unknown author "casper"/);
  });

  it("rejects a bad date", () => {
    expect(problemsOf({ "articles/when.md": validArticle({ publishedAt: "yesterday" }) })).toMatch(/when\.md(?::\d+:\d+)? → field "publishedAt": must be ISO 8601/);
    expect(problemsOf({ "articles/when.md": validArticle({ publishedAt: "2026-02-30T10:00:00Z" }) })).toMatch(/when\.md(?::\d+:\d+)? → field "publishedAt"/);
    expect(problemsOf({ "articles/when.md": validArticle({ publishedAt: "2026-01-10" }) })).toMatch(/when\.md(?::\d+:\d+)? → field "publishedAt"/);
  });

  it("rejects a duplicate slug in another folder", () => {
    const msg = problemsOf({ "articles/2026/first-story.md": validArticle({ title: "Copy" }) });
    expect(msg).toMatch(/first-story\.md(?::\d+:\d+)? → field "slug \(file name\)": duplicate slug "first-story"/);
  });

  it("rejects a slug colliding with a section", () => {
    const msg = problemsOf({ "articles/local.md": validArticle() });
    expect(msg).toMatch(/articles\/local\.md(?::\d+:\d+)? → field "slug \(file name\)": "local" collides with a section/);
  });

  it("rejects the reserved article slug page", () => {
    expect(problemsOf({ "articles/page.md": validArticle() })).toMatch(/articles\/page\.md(?::\d+:\d+)? → field "slug \(file name\)": "page" is reserved/);
  });

  it("rejects an image without alt", () => {
    const msg = problemsOf({
      "articles/pic.md": validArticle({ extra: "image:\n  src: https://img.example/a.jpg\n  width: 800\n  height: 450" }),
    });
    expect(msg).toMatch(/pic\.md(?::\d+:\d+)? → field "image\.alt": is required when image is present/);
  });

  it("rejects a local image that does not exist", () => {
    const msg = problemsOf({
      "articles/pic.md": validArticle({ extra: "image:\n  src: /content-images/missing.png\n  alt: A thing" }),
    });
    expect(msg).toMatch(/pic\.md(?::\d+:\d+)? → field "image\.src": no such file/);
  });

  it("rejects a reserved section slug in site.yml", () => {
    const msg = problemsOf({ "site.yml": SITE_YML.replace("slug: sport", "slug: authors") });
    expect(msg).toMatch(/site\.yml → field "sections\.1\.slug": is reserved/);
  });

  it("rejects malformed YAML in front matter and in site.yml", () => {
    expect(problemsOf({ "articles/broken.md": "---\ntitle: [unclosed\nsection: news\n---\nBody\n" })).toMatch(
      /broken\.md:2:8 → field "title": malformed YAML.*\(the \[ opened here is never closed with \]\)/,
    );
    expect(problemsOf({ "site.yml": "name: [oops\n" })).toMatch(/site\.yml: malformed YAML/);
  });

  it("rejects a file without front matter", () => {
    expect(problemsOf({ "articles/plain.md": "Just text\n" })).toMatch(/plain\.md(?::\d+:\d+)?: must start with a front matter block/);
  });

  it("rejects unknown fields (a typo would silently lose data)", () => {
    expect(problemsOf({ "articles/typo.md": validArticle({ extra: "tag: [Harbour]" }) })).toMatch(/typo\.md:6:1 → field "tag": is not a known field \(did you mean "tags"\?\)/);
  });

  it("rejects an unknown editor pick and a redirectFrom that shadows a live slug", () => {
    const msg = problemsOf({
      "articles/second.md": validArticle({ related: ["nope"], redirectFrom: ["first-story"] }),
    });
    expect(msg).toMatch(/second\.md(?::\d+:\d+)? → field "related\.0": unknown article "nope"/);
    expect(msg).toMatch(/second\.md(?::\d+:\d+)? → field "redirectFrom\.0": "first-story" is the slug of an existing article/);
  });

  it("rejects an author without a name and lists every problem at once", () => {
    const msg = problemsOf({
      "authors/nameless.md": "---\nrole: Editor\n---\nBio\n",
      "articles/lost.md": validArticle({ section: "nowhere" }),
    });
    expect(msg).toMatch(/authors\/nameless\.md(?::\d+:\d+)? → field "name": is required/);
    expect(msg).toMatch(/lost\.md(?::\d+:\d+)? → field "section"/);
    expect(msg).toMatch(/2 problems/);
  });

  it("rejects a missing site.yml with a clear message", () => {
    expect(problemsOf({ "site.yml": null })).toMatch(/site\.yml: missing/);
  });
});

describe("image sizes", () => {
  it("reads width and height from a local image when the front matter omits them", () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360" viewBox="0 0 640 360"></svg>';
    const dir = makeContentDir({
      "images/pic.svg": svg,
      "articles/with-pic.md": validArticle({ extra: "image:\n  src: /content-images/pic.svg\n  alt: A picture" }),
    });
    const image = loadMarkdownContent(dir).index.articles.get("with-pic")?.image;
    expect(image).toMatchObject({ src: "/content-images/pic.svg", width: 640, height: 360 });
  });
});

describe("local images follow the same rule as the route that serves them", () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360" viewBox="0 0 640 360"></svg>';

  it("rejects an article image that is a symbolic link out of images/", () => {
    const dir = makeContentDir({ "secret.svg": svg, "articles/leak.md": validArticle({ extra: "image:\n  src: /content-images/leak.svg\n  alt: A thing" }) });
    fs.mkdirSync(path.join(dir, "images"), { recursive: true });
    fs.symlinkSync("../secret.svg", path.join(dir, "images", "leak.svg"));
    expect(problemsOf(dir)).toMatch(/leak\.md(?::\d+:\d+)? → field "image\.src": no such file .*symbolic links that lead out of it are refused/);
  });

  it("rejects a local avatar that is missing or a link out of images/", () => {
    const dir = makeContentDir({
      "secret.svg": svg,
      "authors/ann.md": "---\nname: Ann Author\navatar: /content-images/ann.svg\n---\n",
      "authors/bob.md": "---\nname: Bob Writer\navatar: /content-images/nobody.svg\n---\n",
    });
    fs.mkdirSync(path.join(dir, "images"), { recursive: true });
    fs.symlinkSync(path.join(dir, "secret.svg"), path.join(dir, "images", "ann.svg"));
    const msg = problemsOf(dir);
    expect(msg).toMatch(/ann\.md(?::\d+:\d+)? → field "avatar": no such file/);
    expect(msg).toMatch(/bob\.md(?::\d+:\d+)? → field "avatar": no such file/);
  });

  it("accepts a link to another image inside images/, and reads its size", () => {
    const dir = makeContentDir({ "images/real.svg": svg, "articles/alias.md": validArticle({ extra: "image:\n  src: /content-images/alias.svg\n  alt: A picture" }) });
    fs.symlinkSync("real.svg", path.join(dir, "images", "alias.svg"));
    expect(loadMarkdownContent(dir).index.articles.get("alias")?.image).toMatchObject({ width: 640, height: 360 });
  });
});

describe("body media", () => {
  const svg = (w: number, h: number) => `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"></svg>`;

  it("rejects a body image whose file does not exist, and one outside images/, naming the file", () => {
    const msg = problemsOf({ "articles/pics.md": validArticle({ body: "Text.\n\n![a](/content-images/nope.png)\n\n![b](../secret.png)\n" }) });
    expect(msg).toMatch(/pics\.md(?::\d+:\d+)? → field "body": image \/content-images\/nope\.png: no such file in images\//);
    expect(msg).toMatch(/pics\.md(?::\d+:\d+)? → field "body": image \.\.\/secret\.png: must be a file in images\//);
  });

  it("sizes body images from their files, and renders again when a file changes though the text did not", () => {
    const dir = makeContentDir({ "images/a.svg": svg(640, 360), "articles/pics.md": validArticle({ body: "Text.\n\n![A](/content-images/a.svg)\n" }) });
    expect(loadMarkdownContent(dir).index.articles.get("pics")?.body).toContain('width="640" height="360"');
    fs.writeFileSync(path.join(dir, "images", "a.svg"), svg(400, 500));
    expect(loadMarkdownContent(dir).index.articles.get("pics")?.body).toContain('width="400" height="500"');
    fs.rmSync(path.join(dir, "images", "a.svg"));
    expect(() => loadMarkdownContent(dir)).toThrow(/pics\.md(?::\d+:\d+)? → field "body": image \/content-images\/a\.svg: no such file/);
  });

  it("refuses a body image that is a symbolic link out of images/", () => {
    const dir = makeContentDir({ "secret.svg": svg(10, 10), "articles/leak.md": validArticle({ body: "Text.\n\n![x](/content-images/leak.svg)\n" }) });
    fs.mkdirSync(path.join(dir, "images"), { recursive: true });
    fs.symlinkSync("../secret.svg", path.join(dir, "images", "leak.svg"));
    expect(problemsOf(dir)).toMatch(/leak\.md(?::\d+:\d+)? → field "body": image \/content-images\/leak\.svg: no such file in images\//);
  });

  it("logs an embed from an unknown host once, naming the file, and shows it as a link", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const body = 'Text.\n\n<iframe src="https://widgets.unknown.example/x"></iframe>\n\nhttps://youtu.be/aqz-KE-bpKQ\n';
      const dir = makeContentDir({ "articles/embeds.md": validArticle({ body }) });
      const article = loadMarkdownContent(dir).index.articles.get("embeds")!;
      expect(article.body).toContain(">Embedded content from widgets.unknown.example</a>");
      expect(article.body).toContain('data-embed-src="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1"');
      loadMarkdownContent(dir); // a reload of the same text says nothing new
      const lines = warn.mock.calls.map(([m]) => String(m)).filter((m) => m.includes("embeds.md"));
      expect(lines).toEqual([expect.stringMatching(/embeds\.md(?::\d+:\d+)?: an <iframe> from widgets\.unknown\.example is shown as a link$/)]);
    } finally {
      warn.mockRestore();
    }
  });
});
