/**
 * Relative times ("5 minutes ago") through Intl.RelativeTimeFormat, for the server render and the
 * island's ticking clock alike. Pure; no server imports.
 */
import { liveStrings } from "./strings";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
];

const formatters = new Map<string, Intl.RelativeTimeFormat>();

export function relativeTime(iso: string, now: number, language: string): string {
  const seconds = Math.round((now - Date.parse(iso)) / 1000);
  if (Math.abs(seconds) < 60) return liveStrings.justNow;
  let rtf = formatters.get(language);
  if (!rtf) {
    rtf = new Intl.RelativeTimeFormat(language, { numeric: "auto" });
    formatters.set(language, rtf);
  }
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return rtf.format(-Math.trunc(seconds / size), unit);
  }
  return liveStrings.justNow;
}
