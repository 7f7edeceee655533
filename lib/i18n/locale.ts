/**
 * What a BCP 47 language tag from site.yml means for the page: the tag to put in `lang` and
 * `hreflang`, the text direction, the Open Graph locale and the catalogue to read. Pure, and safe in
 * the browser (no catalogue is imported here).
 */

export type Direction = "ltr" | "rtl";

/**
 * Scripts written right to left (ISO 15924). Used when the engine has no Intl.Locale text info
 * (Node 20 has `textInfo`, newer engines `getTextInfo()`, some none at all).
 */
const RTL_SCRIPTS = new Set([
  "Adlm", "Arab", "Aran", "Hebr", "Mand", "Mend", "Nkoo", "Rohg", "Samr", "Syrc", "Thaa", "Yezi",
]);

/** Languages written right to left by default, for engines that cannot maximize a locale either. */
const RTL_LANGUAGES = new Set(["ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "ug", "ur", "yi"]);

type TextInfoLocale = Intl.Locale & { getTextInfo?: () => { direction?: string }; textInfo?: { direction?: string } };

/** A well-formed tag in canonical case ("ar-ae" → "ar-AE"), or null when it is not BCP 47. */
export function canonicalTag(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag.trim())[0] ?? null;
  } catch {
    return null;
  }
}

export function textDirection(tag: string): Direction {
  let locale: TextInfoLocale;
  try {
    locale = new Intl.Locale(tag) as TextInfoLocale;
  } catch {
    return "ltr";
  }
  // A script written in the tag decides ("az-Arab"); V8's text info looks at the language only.
  if (locale.script) return RTL_SCRIPTS.has(locale.script) ? "rtl" : "ltr";
  const info = typeof locale.getTextInfo === "function" ? locale.getTextInfo() : locale.textInfo;
  if (info?.direction === "rtl" || info?.direction === "ltr") return info.direction;
  const script = safeMaximize(locale)?.script;
  if (script) return RTL_SCRIPTS.has(script) ? "rtl" : "ltr";
  return RTL_LANGUAGES.has(locale.language) ? "rtl" : "ltr";
}

function safeMaximize(locale: Intl.Locale): Intl.Locale | null {
  try {
    return locale.maximize();
  } catch {
    return null;
  }
}

/**
 * The tag without Unicode extensions ("ar-AE-u-nu-latn" → "ar-AE"): what `lang` and `hreflang`
 * carry. The extensions still reach Intl (they choose digits, calendars).
 */
export function baseTag(tag: string): string {
  try {
    return new Intl.Locale(tag).baseName;
  } catch {
    return "en";
  }
}

/** Open Graph wants language_TERRITORY: "fr" → "fr_FR", "ar" → "ar_EG", "en-GB" → "en_GB". */
export function ogLocale(tag: string): string {
  try {
    const max = new Intl.Locale(tag).maximize();
    return max.region ? `${max.language}_${max.region}` : max.language;
  } catch {
    return "en_US";
  }
}

/** Catalogue lookup order for a tag: "de-CH-u-nu-latn" → ["de-CH", "de"]. */
export function catalogueCandidates(tag: string): string[] {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(tag);
  } catch {
    return [];
  }
  const out = [locale.baseName];
  if (locale.region && locale.script) out.push(`${locale.language}-${locale.script}`);
  out.push(locale.language);
  return [...new Set(out)];
}

/** The language's own name for itself ("ar" → "العربية", "fr" → "français"), for a language switcher. */
export function autonym(tag: string): string {
  try {
    const name = new Intl.DisplayNames([tag], { type: "language" }).of(baseTag(tag));
    if (!name) return tag;
    // Display names start lower case in some languages ("français"); a menu item starts with a capital.
    return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
  } catch {
    return tag;
  }
}

/**
 * The locale Intl formats with, with the numbering system written out ("ar" → "ar-u-nu-latn"), so
 * the browser (another ICU, possibly other defaults) prints the same digits as the server did and
 * hydration never disagrees.
 */
export function formattingLocale(tag: string): string {
  try {
    const locale = new Intl.Locale(tag);
    if (locale.numberingSystem) return locale.toString();
    const nu = new Intl.NumberFormat(tag).resolvedOptions().numberingSystem;
    return new Intl.Locale(tag, { numberingSystem: nu }).toString();
  } catch {
    return "en";
  }
}
