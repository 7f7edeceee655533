import { describe, expect, it, vi } from "vitest";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { CATALOGUES } from "./catalogues";
import { en } from "./messages/en";
import { createI18n, relativeTime, resolveCatalogue } from "./translate";
import { autonym, baseTag, catalogueCandidates, formattingLocale, ogLocale, textDirection } from "./locale";
import { formatMessage } from "./client-format";

/** Argument names a message uses, nested plural/select branches included. */
function placeholders(elements: MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) out.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      out.add(el.value);
      for (const option of Object.values(el.options)) placeholders(option.value, out);
    }
    if (el.type === TYPE.tag) {
      out.add(`<${el.value}>`);
      placeholders(el.children, out);
    }
  }
  return out;
}

function plurals(elements: MessageFormatElement[], out: { name: string; options: string[] }[] = []) {
  for (const el of elements) {
    if (el.type === TYPE.plural) {
      out.push({ name: el.value, options: Object.keys(el.options) });
      for (const option of Object.values(el.options)) plurals(option.value, out);
    }
    if (el.type === TYPE.select) for (const option of Object.values(el.options)) plurals(option.value, out);
  }
  return out;
}

// In these languages "many" only applies to millions ("1 million d’articles"); `other` reads right there.
const MANY_FOR_MILLIONS = new Set(["fr", "es", "it", "pt", "ca"]);

describe("the shipped catalogues", () => {
  it("include at least en, fr, de, es, ar and he", () => {
    expect(Object.keys(CATALOGUES)).toEqual(expect.arrayContaining(["en", "fr", "de", "es", "ar", "he"]));
  });

  for (const [language, catalogue] of Object.entries(CATALOGUES)) {
    describe(language, () => {
      it("has every key of the English catalogue and no other", () => {
        expect(Object.keys(catalogue).sort()).toEqual(Object.keys(en).sort());
      });

      it("uses the same placeholders as English in every message, and parses", () => {
        const mismatches: string[] = [];
        for (const [key, source] of Object.entries(en)) {
          const text = (catalogue as Record<string, string>)[key];
          expect(text?.trim(), `${language} ${key} is empty`).toBeTruthy();
          let ast: MessageFormatElement[];
          try {
            ast = parse(text);
          } catch (error) {
            throw new Error(`${language} ${key} is not valid ICU MessageFormat: ${(error as Error).message}`);
          }
          const want = [...placeholders(parse(source))].sort();
          const got = [...placeholders(ast)].sort();
          if (want.join() !== got.join()) mismatches.push(`${key}: expected {${want.join("}, {")}} but found {${got.join("}, {")}}`);
        }
        expect(mismatches).toEqual([]);
      });

      it("gives every plural the categories the language needs", () => {
        const needed = new Intl.PluralRules(language).resolvedOptions().pluralCategories.filter(
          (c) => !(c === "many" && MANY_FOR_MILLIONS.has(language)),
        );
        const gaps: string[] = [];
        for (const [key, text] of Object.entries(catalogue)) {
          for (const plural of plurals(parse(text))) {
            const missing = needed.filter((c) => !plural.options.includes(c));
            if (missing.length) gaps.push(`${key} {${plural.name}}: no ${missing.join(", ")}`);
          }
        }
        expect(gaps).toEqual([]);
      });
    });
  }

  it("a missing key or a renamed placeholder is caught (the check itself can fail)", () => {
    expect([...placeholders(parse("Published {date}"))]).toEqual(["date"]);
    expect([...placeholders(parse("{count, plural, one {# for {query}} other {# for {q}}}"))].sort()).toEqual(["count", "q", "query"]);
  });
});

describe("language resolution", () => {
  it("falls back to English for an unknown language and says so once", () => {
    const log = vi.fn();
    const first = resolveCatalogue("tlh-test", log);
    resolveCatalogue("tlh-test", log);
    expect(first.language).toBe("en");
    expect(first.messages["breadcrumb.home"]).toBe("Home");
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0][0]).toMatch(/tlh-test.*fall back to English/);
  });

  it("finds the base language of a regional tag, with extensions ignored", () => {
    expect(catalogueCandidates("de-CH-u-nu-latn")).toEqual(["de-CH", "de"]);
    expect(resolveCatalogue("fr-CA").language).toBe("fr");
    expect(resolveCatalogue("ar-AE-u-nu-arab").language).toBe("ar");
  });

  it("derives the direction from the language's script", () => {
    for (const rtl of ["ar", "ar-AE", "he", "fa", "ur", "ps", "yi", "ckb", "az-Arab"]) expect(textDirection(rtl), rtl).toBe("rtl");
    for (const ltr of ["en", "fr", "de", "es", "tr", "az", "zh-Hant", "ja"]) expect(textDirection(ltr), ltr).toBe("ltr");
  });

  it("gives lang without extensions, og:locale with a territory, and autonyms", () => {
    expect(baseTag("ar-AE-u-nu-arab")).toBe("ar-AE");
    expect(ogLocale("en")).toBe("en_US");
    expect(ogLocale("fr")).toBe("fr_FR");
    expect(ogLocale("en-GB")).toBe("en_GB");
    expect(autonym("ar")).toBe("العربية");
    expect(autonym("fr")).toBe("Français");
    expect(autonym("en")).toBe("English");
  });

  it("spells out the numbering system so server and browser print the same digits", () => {
    expect(formattingLocale("ar-u-nu-arab")).toBe("ar-u-nu-arab");
    expect(formattingLocale("fr")).toBe("fr-u-nu-latn");
  });
});

describe("formatting in the site's locale and time zone", () => {
  const fr = createI18n("fr", "Europe/Paris");
  const ar = createI18n("ar", "Asia/Dubai");
  const en = createI18n("en", "UTC");

  it("English is as before: long date, short time, zone", () => {
    expect(en.dateTime("2026-09-01T07:30:00Z")).toBe("September 1, 2026 at 7:30 AM UTC");
    expect(en.date("2026-09-01T07:30:00Z")).toBe("September 1, 2026");
    expect(en.t("article.readingTime", { minutes: 4 })).toBe("4 min read");
    expect(en.money(5, "USD")).toBe("$5");
  });

  it("French dates in Paris time, with summer and winter offsets", () => {
    expect(fr.dateTime("2026-09-01T07:30:00Z")).toBe("1 septembre 2026 à 09:30 UTC+2");
    expect(fr.dateTime("2026-01-15T07:30:00Z")).toBe("15 janvier 2026 à 08:30 UTC+1");
    expect(fr.t("search.results", { count: 2, query: "port" })).toBe("2 résultats pour «\u00a0port\u00a0»");
  });

  it("Arabic plurals pick the right form for 1, 2, 3–10, 11–99 and 100", () => {
    const minutes = (n: number) => ar.t("article.readingTime", { minutes: n });
    expect(minutes(1)).toBe("مدة القراءة: دقيقة واحدة");
    expect(minutes(2)).toBe("مدة القراءة: دقيقتان");
    expect(minutes(3)).toBe("مدة القراءة: 3 دقائق");
    expect(minutes(11)).toBe("مدة القراءة: 11 دقيقة");
    expect(minutes(100)).toBe("مدة القراءة: 100 دقيقة");
  });

  it("Arabic dates in Dubai time, money in dirhams", () => {
    expect(ar.dateTime("2026-09-01T07:30:00Z")).toMatch(/^1 سبتمبر 2026 في 11:30 ص غرينتش\+4$/);
    expect(ar.money(25, "AED")).toContain("د.إ.");
    expect(ar.list(["أ", "ب", "ج"])).toBe("أ وب وج");
  });

  it("relative times use the largest unit that fits", () => {
    expect(relativeTime("en", -5 * 60e3)).toBe("5 minutes ago");
    expect(relativeTime("en", -26 * 3600e3)).toBe("yesterday");
    expect(relativeTime("fr", -3 * 3600e3)).toBe("il y a 3 heures");
    expect(relativeTime("en", 10e3)).toBe("now");
  });

  it("a parsed message formats the same in an island as on the server", () => {
    const message = ar.clientMessage("search.results");
    expect(JSON.parse(JSON.stringify(message))).toEqual(message); // it crosses the RSC boundary as JSON
    expect(formatMessage(message, { count: 11, query: "مرفأ" })).toBe(ar.t("search.results", { count: 11, query: "مرفأ" }));
  });
});
