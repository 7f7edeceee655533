import { describe, expect, it } from "vitest";
import { buildFolder, problemsOf } from "../../../tests/content/build";
import { loadSiteConfig } from "../../config/site";
import { makeContentDir, validArticle, SITE_YML } from "../../../tests/fixture";

const WITH_EDITIONS = SITE_YML.replace("language: en", "language: en\ntimeZone: Europe/London\neditions:\n  - { language: ar, url: https://ar.gazette.example/ }\n  - { language: fr, url: https://fr.gazette.example }");

describe("language, editions and translations", () => {
  it("loads editions and an article's translations", async () => {
    const dir = makeContentDir({
      "site.yml": WITH_EDITIONS,
      "articles/bridge.md": validArticle({ extra: "translations:\n  - { language: ar, url: https://ar.gazette.example/news/bridge-ar }" }),
    });
    const source = await buildFolder(dir);
    const site = loadSiteConfig(dir);
    expect(site.editions).toEqual([
      { language: "ar", url: "https://ar.gazette.example" },
      { language: "fr", url: "https://fr.gazette.example" },
    ]);
    expect((await source.getArticleBySlug("bridge"))?.translations).toEqual([{ language: "ar", url: "https://ar.gazette.example/news/bridge-ar" }]);
    expect((await source.getArticleBySlug("first-story"))?.translations).toEqual([]);
  });

  it("writes language tags in canonical case", async () => {
    const dir = makeContentDir({ "site.yml": SITE_YML.replace("language: en", "language: PT-br") });
    await buildFolder(dir);
    const site = loadSiteConfig(dir);
    expect(site.language).toBe("pt-BR");
  });

  it("rejects a language that is not BCP 47, naming site.yml and the field", async () => {
    expect(await problemsOf({ "site.yml": SITE_YML.replace("language: en", "language: english please") })).toMatch(/site\.yml → field "language": must be a BCP 47 language tag/);
    expect(await problemsOf({ "site.yml": SITE_YML.replace("language: en", "language: en\neditions:\n  - { language: ar, url: not-a-url }") })).toMatch(
      /site\.yml → field "editions\.0\.url": must be an absolute http\(s\) URL/,
    );
  });

  it("rejects bad translations, naming the article and the field", async () => {
    const bad = (extra: string) => problemsOf({ "articles/bridge.md": validArticle({ extra }) });
    expect(await bad("translations:\n  - { language: ar, url: /news/bridge }")).toMatch(/bridge\.md(?::\d+:\d+)? → field "translations\.0\.url": must be the absolute/);
    expect(await bad("translations:\n  - { language: xx-!!, url: https://x.example/a }")).toMatch(/bridge\.md(?::\d+:\d+)? → field "translations\.0\.language": must be a BCP 47/);
    expect(await bad("translations:\n  - { language: en, url: https://x.example/a }")).toMatch(/bridge\.md(?::\d+:\d+)? → field "translations\.0\.language": "en" is this site's own language/);
    expect(await bad("translations:\n  - { language: ar, url: https://x.example/a }\n  - { language: ar, url: https://x.example/b }")).toMatch(
      /bridge\.md(?::\d+:\d+)? → field "translations\.1\.language": duplicate translation language "ar"/,
    );
  });
});
