/**
 * Reader-facing formatting, in the site's language and time zone (lib/i18n does the work; these
 * names stay for the code that already uses them).
 */
import { getI18n } from "../i18n/translate";

/** "September 1, 2026" (en), "1 septembre 2026" (fr), "1 سبتمبر 2026" (ar) */
export function formatDate(iso: string): string {
  return getI18n().date(iso);
}

/** Date, time and the zone of that moment: "September 1, 2026 at 7:30 AM UTC" */
export function formatDateTime(iso: string): string {
  return getI18n().dateTime(iso);
}

/** "2:05 PM": the time of day only, in the site's zone (a live blog's updates). */
export function formatTime(iso: string): string {
  const { locale, timeZone } = getI18n();
  return dateFormat(locale, timeZone, { timeStyle: "short" }).format(new Date(iso));
}

/** "Dec 1, 10:15 PM": day and time, for lists of times that span days (a live blog's key events). */
export function formatDayTime(iso: string): string {
  const { locale, timeZone } = getI18n();
  return dateFormat(locale, timeZone, { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" }).format(new Date(iso));
}

/** The calendar day of a moment in the site's zone ("2026-12-01"), to tell whether times span days. */
export function dayKey(iso: string): string {
  const { timeZone } = getI18n();
  return dateFormat("en-CA", timeZone, { year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(iso));
}

/** "December 1, 2026, 5:40 – 9:30 AM UTC": a span of time, as Intl writes ranges in the site's language. */
export function formatDateTimeRange(fromIso: string, toIso: string): string {
  const { locale, timeZone } = getI18n();
  const to = new Date(toIso);
  const zone = timeZone === "UTC" ? "UTC" : (dateFormat(locale, timeZone, { timeZoneName: "short" }).formatToParts(to).find((p) => p.type === "timeZoneName")?.value ?? timeZone);
  return `${dateFormat(locale, timeZone, { dateStyle: "long", timeStyle: "short" }).formatRange(new Date(fromIso), to)} ${zone}`;
}

const formats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(locale, { timeZone, ...options })));
  return f;
}

// Scripts whose letters join (Arabic, Syriac, N’Ko…): initials of such names would fuse into one
// glyph cluster, so a zero-width non-joiner keeps them apart.
const JOINING = /[\u0600-\u06FF\u0700-\u074F\u0750-\u077F\u07C0-\u07FF\u08A0-\u08FF]/u;

export function initials(name: string): string {
  const letters = name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => Array.from(w)[0]!.toLocaleUpperCase())
    .slice(0, 2);
  return letters.join(letters.some((l) => JOINING.test(l)) ? "\u200C" : "");
}
