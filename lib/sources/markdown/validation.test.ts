import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildFolder, builtArticle, problemsOf } from "../../../tests/content/build";
import { makeContentDir, validArticle, SITE_YML } from "../../../tests/fixture";

describe("markdown content validation names the file and the field", () => {
  it("loads a valid folder", async () => {
    const source = await buildFolder(makeContentDir());
    expect((await source.getArticleBySlug("first-story"))?.title).toBe("First story");
    expect((await source.getSections()).map((s) => s.path)).toEqual(["news", "sport"]);
  });

  it("rejects a missing required field", async () => {
    const msg = await problemsOf({ "articles/no-title.md": validArticle({ title: undefined }) });
    expect(msg).toMatch(/articles\/no-title\.md(?::\d+:\d+)? → field "title": is required/);
  });

  it("rejects missing authors and publishedAt", async () => {
    const msg = await problemsOf({ "articles/bare.md": "---\ntitle: Bare\nsection: news\n---\nText\n" });
    expect(msg).toMatch(/bare\.md(?::\d+:\d+)? → field "authors"/);
    expect(msg).toMatch(/bare\.md(?::\d+:\d+)? → field "publishedAt": is required/);
  });

  it("rejects an unknown section", async () => {
    const msg = await problemsOf({ "articles/lost.md": validArticle({ section: "news/nowhere" }) });
    expect(msg).toMatch(/lost\.md(?::\d+:\d+)? → field "section": unknown section "news\/nowhere"/);
  });

  it("rejects an unknown author", async () => {
    const msg = await problemsOf({ "articles/ghost.md": validArticle({ authors: ["ann", "casper"] }) });
    expect(msg).toMatch(/ghost\.md(?::\d+:\d+)? → field "authors\.1": unknown author "casper"/);
  });

  it("rejects a bad date", async () => {
    expect(await problemsOf({ "articles/when.md": validArticle({ publishedAt: "yesterday" }) })).toMatch(/when\.md(?::\d+:\d+)? → field "publishedAt": must be ISO 8601/);
    expect(await problemsOf({ "articles/when.md": validArticle({ publishedAt: "2026-02-30T10:00:00Z" }) })).toMatch(/when\.md(?::\d+:\d+)? → field "publishedAt"/);
    expect(await problemsOf({ "articles/when.md": validArticle({ publishedAt: "2026-01-10" }) })).toMatch(/when\.md(?::\d+:\d+)? → field "publishedAt"/);
  });

  it("rejects a duplicate slug in another folder", async () => {
    const msg = await problemsOf({ "articles/2026/first-story.md": validArticle({ title: "Copy" }) });
    expect(msg).toMatch(/first-story\.md(?::\d+:\d+)? → field "slug \(file name\)": duplicate slug "first-story"/);
  });

  it("rejects a slug colliding with a section", async () => {
    const msg = await problemsOf({ "articles/local.md": validArticle() });
    expect(msg).toMatch(/articles\/local\.md(?::\d+:\d+)? → field "slug \(file name\)": "local" collides with a section/);
  });

  it("rejects the reserved article slug page", async () => {
    expect(await problemsOf({ "articles/page.md": validArticle() })).toMatch(/articles\/page\.md(?::\d+:\d+)? → field "slug \(file name\)": "page" is reserved/);
  });

  it("rejects an image without alt", async () => {
    const msg = await problemsOf({
      "articles/pic.md": validArticle({ extra: "image:\n  src: https://img.example/a.jpg\n  width: 800\n  height: 450" }),
    });
    expect(msg).toMatch(/pic\.md(?::\d+:\d+)? → field "image\.alt": is required when image is present/);
  });

  it("rejects a local image that does not exist", async () => {
    const msg = await problemsOf({
      "articles/pic.md": validArticle({ extra: "image:\n  src: /content-images/missing.png\n  alt: A thing" }),
    });
    expect(msg).toMatch(/pic\.md(?::\d+:\d+)? → field "image\.src": no such file/);
  });

  it("rejects a reserved section slug in site.yml", async () => {
    const msg = await problemsOf({ "site.yml": SITE_YML.replace("slug: sport", "slug: authors") });
    expect(msg).toMatch(/site\.yml → field "sections\.1\.slug": is reserved/);
  });

  it("rejects malformed YAML in front matter and in site.yml", async () => {
    expect(await problemsOf({ "articles/broken.md": "---\ntitle: [unclosed\nsection: news\n---\nBody\n" })).toMatch(
      /broken\.md:2:8 → field "title": malformed YAML.*\(the \[ opened here is never closed with \]\)/,
    );
    expect(await problemsOf({ "site.yml": "name: [oops\n" })).toMatch(/site\.yml: malformed YAML/);
  });

  it("rejects a file without front matter", async () => {
    expect(await problemsOf({ "articles/plain.md": "Just text\n" })).toMatch(/plain\.md(?::\d+:\d+)?: must start with a front matter block/);
  });

  it("rejects unknown fields (a typo would silently lose data)", async () => {
    expect(await problemsOf({ "articles/typo.md": validArticle({ extra: "tag: [Harbour]" }) })).toMatch(/typo\.md:6:1 → field "tag": is not a known field \(did you mean "tags"\?\)/);
  });

  it("rejects an unknown editor pick and a redirectFrom that shadows a live slug", async () => {
    const msg = await problemsOf({
      "articles/second.md": validArticle({ related: ["nope"], redirectFrom: ["first-story"] }),
    });
    expect(msg).toMatch(/second\.md(?::\d+:\d+)? → field "related\.0": unknown article "nope"/);
    expect(msg).toMatch(/second\.md(?::\d+:\d+)? → field "redirectFrom\.0": "first-story" is the slug of an existing article/);
  });

  it("rejects an author without a name and lists every problem at once", async () => {
    const msg = await problemsOf({
      "authors/nameless.md": "---\nrole: Editor\n---\nBio\n",
      "articles/lost.md": validArticle({ section: "nowhere" }),
    });
    expect(msg).toMatch(/authors\/nameless\.md(?::\d+:\d+)? → field "name": is required/);
    expect(msg).toMatch(/lost\.md(?::\d+:\d+)? → field "section"/);
    expect(msg).toMatch(/2 problems/);
  });

  it("rejects a missing site.yml with a clear message", async () => {
    expect(await problemsOf({ "site.yml": null })).toMatch(/site\.yml: missing/);
  });
});

describe("image sizes", () => {
  it("reads width and height from a local image when the front matter omits them", async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360" viewBox="0 0 640 360"></svg>';
    const dir = makeContentDir({
      "images/pic.svg": svg,
      "articles/with-pic.md": validArticle({ extra: "image:\n  src: /content-images/pic.svg\n  alt: A picture" }),
    });
    const image = (await builtArticle(dir, "with-pic"))?.image;
    expect(image).toMatchObject({ src: "/content-images/pic.svg", width: 640, height: 360 });
  });
});

describe("local images follow the same rule as the route that serves them", () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360" viewBox="0 0 640 360"></svg>';

  it("rejects an article image that is a symbolic link out of images/", async () => {
    const dir = makeContentDir({ "secret.svg": svg, "articles/leak.md": validArticle({ extra: "image:\n  src: /content-images/leak.svg\n  alt: A thing" }) });
    fs.mkdirSync(path.join(dir, "images"), { recursive: true });
    fs.symlinkSync("../secret.svg", path.join(dir, "images", "leak.svg"));
    expect(await problemsOf(dir)).toMatch(/leak\.md(?::\d+:\d+)? → field "image\.src": no such file .*symbolic links that lead out of it are refused/);
  });

  it("rejects a local avatar that is missing or a link out of images/", async () => {
    const dir = makeContentDir({
      "secret.svg": svg,
      "authors/ann.md": "---\nname: Ann Author\navatar: /content-images/ann.svg\n---\n",
      "authors/bob.md": "---\nname: Bob Writer\navatar: /content-images/nobody.svg\n---\n",
    });
    fs.mkdirSync(path.join(dir, "images"), { recursive: true });
    fs.symlinkSync(path.join(dir, "secret.svg"), path.join(dir, "images", "ann.svg"));
    const msg = await problemsOf(dir);
    expect(msg).toMatch(/ann\.md(?::\d+:\d+)? → field "avatar": no such file/);
    expect(msg).toMatch(/bob\.md(?::\d+:\d+)? → field "avatar": no such file/);
  });

  it("accepts a link to another image inside images/, and reads its size", async () => {
    const dir = makeContentDir({ "images/real.svg": svg, "articles/alias.md": validArticle({ extra: "image:\n  src: /content-images/alias.svg\n  alt: A picture" }) });
    fs.symlinkSync("real.svg", path.join(dir, "images", "alias.svg"));
    expect((await builtArticle(dir, "alias"))?.image).toMatchObject({ width: 640, height: 360 });
  });
});

describe("body media", () => {
  // Sizes from the files, and notices logged once per version: content-index.test.ts "body media through the index".
  const svg = (w: number, h: number) => `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"></svg>`;

  it("rejects a body image whose file does not exist, and one outside images/, naming the file", async () => {
    const msg = await problemsOf({ "articles/pics.md": validArticle({ body: "Text.\n\n![a](/content-images/nope.png)\n\n![b](../secret.png)\n" }) });
    expect(msg).toMatch(/pics\.md(?::\d+:\d+)? → field "body": image \/content-images\/nope\.png: no such file in images\//);
    expect(msg).toMatch(/pics\.md(?::\d+:\d+)? → field "body": image \.\.\/secret\.png: must be a file in images\//);
  });

  it("refuses a body image that is a symbolic link out of images/", async () => {
    const dir = makeContentDir({ "secret.svg": svg(10, 10), "articles/leak.md": validArticle({ body: "Text.\n\n![x](/content-images/leak.svg)\n" }) });
    fs.mkdirSync(path.join(dir, "images"), { recursive: true });
    fs.symlinkSync("../secret.svg", path.join(dir, "images", "leak.svg"));
    expect(await problemsOf(dir)).toMatch(/leak\.md(?::\d+:\d+)? → field "body": image \/content-images\/leak\.svg: no such file in images\//);
  });
});
