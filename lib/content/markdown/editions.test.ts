import { describe, expect, it } from "vitest";
import { loadMarkdownContent } from "./load";
import { ContentValidationError } from "../errors";
import { makeContentDir, validArticle, SITE_YML } from "../../../tests/fixture";

function problemsOf(files: Record<string, string | null>) {
  try {
    loadMarkdownContent(makeContentDir(files));
  } catch (error) {
    expect(error).toBeInstanceOf(ContentValidationError);
    return (error as ContentValidationError).message;
  }
  throw new Error("expected the content to be rejected");
}

const WITH_EDITIONS = SITE_YML.replace("language: en", "language: en\ntimeZone: Europe/London\neditions:\n  - { language: ar, url: https://ar.gazette.example/ }\n  - { language: fr, url: https://fr.gazette.example }");

describe("language, editions and translations", () => {
  it("loads editions and an article's translations", () => {
    const { site, index } = loadMarkdownContent(
      makeContentDir({
        "site.yml": WITH_EDITIONS,
        "articles/bridge.md": validArticle({ extra: "translations:\n  - { language: ar, url: https://ar.gazette.example/news/bridge-ar }" }),
      }),
    );
    expect(site.editions).toEqual([
      { language: "ar", url: "https://ar.gazette.example" },
      { language: "fr", url: "https://fr.gazette.example" },
    ]);
    expect(index.articles.get("bridge")?.translations).toEqual([{ language: "ar", url: "https://ar.gazette.example/news/bridge-ar" }]);
    expect(index.articles.get("first-story")?.translations).toEqual([]);
  });

  it("writes language tags in canonical case", () => {
    const { site } = loadMarkdownContent(makeContentDir({ "site.yml": SITE_YML.replace("language: en", "language: PT-br") }));
    expect(site.language).toBe("pt-BR");
  });

  it("rejects a language that is not BCP 47, naming site.yml and the field", () => {
    expect(problemsOf({ "site.yml": SITE_YML.replace("language: en", "language: english please") })).toMatch(/site\.yml → field "language": must be a BCP 47 language tag/);
    expect(problemsOf({ "site.yml": SITE_YML.replace("language: en", "language: en\neditions:\n  - { language: ar, url: not-a-url }") })).toMatch(
      /site\.yml → field "editions\.0\.url": must be an absolute http\(s\) URL/,
    );
  });

  it("rejects bad translations, naming the article and the field", () => {
    const bad = (extra: string) => problemsOf({ "articles/bridge.md": validArticle({ extra }) });
    expect(bad("translations:\n  - { language: ar, url: /news/bridge }")).toMatch(/bridge\.md(?::\d+:\d+)? → field "translations\.0\.url": must be the absolute/);
    expect(bad("translations:\n  - { language: xx-!!, url: https://x.example/a }")).toMatch(/bridge\.md(?::\d+:\d+)? → field "translations\.0\.language": must be a BCP 47/);
    expect(bad("translations:\n  - { language: en, url: https://x.example/a }")).toMatch(/bridge\.md(?::\d+:\d+)? → field "translations\.0\.language": "en" is this site's own language/);
    expect(bad("translations:\n  - { language: ar, url: https://x.example/a }\n  - { language: ar, url: https://x.example/b }")).toMatch(
      /bridge\.md(?::\d+:\d+)? → field "translations\.1\.language": duplicate translation language "ar"/,
    );
  });
});
