/**
 * Reader-facing formatting, in the site's language and time zone (lib/i18n does the work; these
 * names stay for the code that already uses them).
 */
import { getI18n } from "./i18n/translate";

/** "September 1, 2026" (en), "1 septembre 2026" (fr), "1 سبتمبر 2026" (ar) */
export function formatDate(iso: string): string {
  return getI18n().date(iso);
}

/** Date, time and the zone of that moment: "September 1, 2026 at 7:30 AM UTC" */
export function formatDateTime(iso: string): string {
  return getI18n().dateTime(iso);
}

export function formatMoney(amount: number, currency: string): string {
  return getI18n().money(amount, currency);
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
