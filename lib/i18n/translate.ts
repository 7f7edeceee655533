/**
 * Interface strings and reader-facing formatting in the site's language (site.yml `language`,
 * `timeZone`). Messages are ICU MessageFormat, formatted by FormatJS's intl-messageformat (plural
 * rules, select, numbers); dates, numbers, lists and relative times by Intl in the site's locale.
 * Server code calls getI18n(); islands get finished strings, or `clientMessage(key)` (a parsed
 * message for lib/i18n/client-format.ts) when they must format a count themselves.
 * Decision record: docs/decisions/0060-interface-strings-icu-catalogues.md.
 */
import { Fragment, createElement, type ReactNode } from "react";
import { IntlMessageFormat, type PrimitiveType } from "intl-messageformat";
import { parse, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { CATALOGUES, FALLBACK_LANGUAGE } from "./catalogues";
import type { Catalogue, MessageKey } from "./messages/en";
import type { RenderOptions } from "../html/pipeline";
import { baseTag, catalogueCandidates, formattingLocale, ogLocale, textDirection, type Direction } from "./locale";
import { relativeTime, type ClientMessage } from "./client-format";
import { getSite } from "../config/site";
import { peekProcessSingleton, processSingleton, setProcessSingleton } from "../config/singleton.mjs";

export type { MessageKey } from "./messages/en";
export { relativeTime } from "./client-format";
type Values = Record<string, PrimitiveType>;
type RichValues = Record<string, PrimitiveType | ReactNode>;

export interface I18n {
  /** The tag for `lang` and `hreflang` ("ar", "fr-CA"). */
  lang: string;
  dir: Direction;
  /** The tag Intl formats with: the site's tag with the numbering system spelled out. */
  locale: string;
  /** Open Graph's language_TERRITORY form. */
  ogLocale: string;
  timeZone: string;
  /** The language of the catalogue in use ("en" when the site's language has none). */
  catalogue: string;
  t(key: MessageKey, values?: Values): string;
  /** Like t(), with React nodes (links, <time>, <bdi>) as values. */
  rich(key: MessageKey, values: RichValues): ReactNode;
  /** A parsed message for a client island (formatted in the browser with client-format.ts). */
  clientMessage(key: MessageKey): ClientMessage;
  /** "1 September 2026" in the site's language and time zone. */
  date(iso: string): string;
  /** Date, time and zone: "September 1, 2026 at 7:30 AM UTC". */
  dateTime(iso: string): string;
  number(n: number): string;
  money(amount: number, currency: string): string;
  /** "A, B and C" with the language's own conjunction. */
  list(items: string[]): string;
  /** The same for React nodes (linked author names). */
  richList(items: ReactNode[]): ReactNode;
  /** "5 minutes ago", "yesterday", in the site's language. */
  relative(iso: string, now?: Date): string;
}


/** The catalogue for a language tag, falling back to English and saying so once per process. */
export function resolveCatalogue(tag: string, log: (message: string) => void = console.warn): { language: string; messages: Catalogue } {
  for (const candidate of catalogueCandidates(tag)) {
    const hit = CATALOGUES[candidate] ?? CATALOGUES[candidate.toLowerCase()];
    if (hit) return { language: candidate, messages: hit };
  }
  const warned = processSingleton("i18n.warned", () => new Set<string>());
  if (!warned.has(tag)) {
    warned.add(tag);
    log(
      `[i18n] No interface catalogue for language "${tag}" (site.yml → language): interface strings fall back to English. ` +
        `Shipped: ${Object.keys(CATALOGUES).join(", ")}. Dates and numbers still follow "${tag}".`,
    );
  }
  return { language: FALLBACK_LANGUAGE, messages: CATALOGUES[FALLBACK_LANGUAGE] };
}

/** An I18n for any tag and zone (tests, and the one getI18n() keeps for the site). */
export function createI18n(tag: string, timeZone: string, log?: (message: string) => void): I18n {
  const { language, messages } = resolveCatalogue(tag, log);
  const locale = formattingLocale(tag);
  const formats = new Map<MessageKey, IntlMessageFormat>();
  const asts = new Map<MessageKey, MessageFormatElement[]>();
  const dates = new Map<string, Intl.DateTimeFormat>();

  const message = (key: MessageKey) => {
    let f = formats.get(key);
    if (!f) {
      f = new IntlMessageFormat(messages[key], locale);
      formats.set(key, f);
    }
    return f;
  };
  const dateFormat = (name: string, options: Intl.DateTimeFormatOptions) => {
    let f = dates.get(name);
    if (!f) {
      f = new Intl.DateTimeFormat(locale, { timeZone, ...options });
      dates.set(name, f);
    }
    return f;
  };
  // Intl formatters are costly to make (a donation box formats several amounts per render): once each.
  const numbers = new Map<string, Intl.NumberFormat>();
  const numberFormat = (name: string, options: Intl.NumberFormatOptions) => {
    let f = numbers.get(name);
    if (!f) {
      f = new Intl.NumberFormat(locale, options);
      numbers.set(name, f);
    }
    return f;
  };
  let conjunction: Intl.ListFormat | undefined;
  const listFormat = () => (conjunction ??= new Intl.ListFormat(locale, { type: "conjunction" }));
  const zoneName = (date: Date) =>
    timeZone === "UTC" ? "UTC" : (dateFormat("zone", { timeZoneName: "short" }).formatToParts(date).find((p) => p.type === "timeZoneName")?.value ?? timeZone);

  return {
    lang: baseTag(tag),
    dir: textDirection(tag),
    locale,
    ogLocale: ogLocale(tag),
    timeZone,
    catalogue: language,
    t: (key, values) => String(message(key).format(values)),
    rich: (key, values) => {
      const out = message(key).format<ReactNode>(values);
      return Array.isArray(out) ? createElement(Fragment, null, ...out.map((part, i) => createElement(Fragment, { key: i }, part))) : out;
    },
    clientMessage: (key) => {
      let ast = asts.get(key);
      if (!ast) {
        ast = parse(messages[key]);
        asts.set(key, ast);
      }
      return { locale, ast };
    },
    date: (iso) => dateFormat("date", { dateStyle: "long" }).format(new Date(iso)),
    // The zone of that moment (summer or winter time), named in the site's language.
    dateTime: (iso) => {
      const d = new Date(iso);
      return `${dateFormat("dateTime", { dateStyle: "long", timeStyle: "short" }).format(d)} ${zoneName(d)}`;
    },
    number: (n) => numberFormat("number", {}).format(n),
    money: (amount, currency) => {
      const whole = Number.isInteger(amount);
      return numberFormat(`money|${currency}|${whole}`, { style: "currency", currency, maximumFractionDigits: whole ? 0 : 2 }).format(amount);
    },
    list: (items) => listFormat().format(items),
    richList: (items) => {
      // Format placeholders, then put each node where its placeholder landed.
      const parts = listFormat().formatToParts(items.map((_, i) => `\u0000${i}\u0000`));
      return createElement(
        Fragment,
        null,
        ...parts.map((part, i) => createElement(Fragment, { key: i }, part.type === "element" ? items[Number(part.value.slice(1, -1))] : part.value)),
      );
    },
    relative: (iso, now = new Date()) => relativeTime(locale, Date.parse(iso) - now.getTime()),
  };
}


/**
 * The site's I18n, made once per process (per language and zone: a revalidation that reloads
 * site.yml gets a new one when they changed).
 */
export function getI18n(): I18n {
  const site = getSite();
  const key = `${site.language}|${site.timeZone}`;
  const current = peekProcessSingleton<{ key: string; i18n: I18n }>("i18n");
  if (current?.key === key) return current.i18n;
  const i18n = createI18n(site.language, site.timeZone);
  setProcessSingleton("i18n", { key, i18n });
  return i18n;
}

/**
 * Options for lib/html in the site's language: the "#" self-links of subheadings are named in it,
 * and the embed facades, "Embedded content from …" and "Image from …" links say their words in it.
 */
export function renderOptionsFor(tag: string): Required<Pick<RenderOptions, "headingLinkLabel" | "mediaText" | "language">> {
  const { t } = createI18n(tag, "UTC", () => {});
  return { headingLinkLabel: (heading) => t("article.sectionLink", { heading }), mediaText: (key, values) => t(key, values), language: tag };
}

/** What the error pages show. They are client components, so next.config.ts inlines these at build time. */
export interface ErrorPageStrings {
  lang: string;
  dir: Direction;
  eyebrow: string;
  title: string;
  body: string;
  shortBody: string;
  retry: string;
  home: string;
}

export function errorPageStrings(tag: string): ErrorPageStrings {
  const { lang, dir, t } = createI18n(tag, "UTC");
  return {
    lang,
    dir,
    eyebrow: t("error.eyebrow"),
    title: t("error.title"),
    body: t("error.body"),
    shortBody: t("error.shortBody"),
    retry: t("error.retry"),
    home: t("error.home"),
  };
}
