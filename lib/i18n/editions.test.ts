import { describe, expect, it } from "vitest";
import { alternateOgLocales, alternatesFor, editionLinks, homeAlternates, metadataLanguages } from "./editions";
import { errorPageStrings } from "./translate";
import { errorStrings } from "./error-page";

describe("hreflang clusters", () => {
  const ar = { language: "ar", url: "https://ar.example/akhbar/story" };
  const fr = { language: "fr", url: "https://fr.example/actualites/histoire" };

  it("a page alone has no alternates (no hreflang of one)", () => {
    expect(alternatesFor("en", "https://en.example/story", [])).toEqual([]);
    expect(metadataLanguages([])).toBeUndefined();
  });

  it("lists itself, the others and x-default = the English page", () => {
    expect(alternatesFor("en", "https://en.example/story", [ar, fr])).toEqual([
      { hreflang: "en", href: "https://en.example/story" },
      { hreflang: "ar", href: ar.url },
      { hreflang: "fr", href: fr.url },
      { hreflang: "x-default", href: "https://en.example/story" },
    ]);
    // Seen from the Arabic edition, x-default is still the English page: the cluster agrees.
    expect(alternatesFor("ar", ar.url, [{ language: "en-GB", url: "https://en.example/story" }, fr]).at(-1)).toEqual({
      hreflang: "x-default",
      href: "https://en.example/story",
    });
    // Without English, the page itself.
    expect(alternatesFor("ar", ar.url, [fr]).at(-1)).toEqual({ hreflang: "x-default", href: ar.url });
  });

  it("drops Unicode extensions from hreflang and gives Open Graph locales", () => {
    expect(alternatesFor("ar-u-nu-arab", ar.url, [fr])[0].hreflang).toBe("ar");
    expect(alternateOgLocales([ar, fr])).toEqual(["ar_EG", "fr_FR"]);
  });

  it("home pages of the editions point at each other", () => {
    const site = { language: "en", url: "https://en.example", editions: [{ language: "ar", url: "https://ar.example" }] };
    expect(metadataLanguages(homeAlternates(site))).toEqual({ en: "https://en.example/", ar: "https://ar.example/", "x-default": "https://en.example/" });
    expect(homeAlternates({ ...site, editions: [] })).toEqual([]);
  });

  it("the switcher names each edition in its own language and direction", () => {
    expect(editionLinks({ editions: [{ language: "ar", url: "https://ar.example" }, { language: "fr", url: "https://fr.example" }] })).toEqual([
      { language: "ar", label: "العربية", dir: "rtl", href: "https://ar.example/" },
      { language: "fr", label: "Français", dir: "ltr", href: "https://fr.example/" },
    ]);
  });
});

describe("error page strings", () => {
  it("come from the catalogue, and the browser fallback is the English catalogue's", () => {
    expect(errorPageStrings("ar")).toMatchObject({ lang: "ar", dir: "rtl", title: "هذه الصفحة غير متاحة حاليًا" });
    expect(errorStrings()).toEqual(errorPageStrings("en"));
  });
});
