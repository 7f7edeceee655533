/** Reader-facing formatting, always through Intl so the site's language decides the shape. */
import { getSite } from "./site";

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const site = getSite();
  const key = JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(site.language, { timeZone: site.timeZone, ...options });
    cache.set(key, f);
  }
  return f;
}

/** "27 November 2026" */
export function formatDate(iso: string): string {
  return formatter({ dateStyle: "long" }).format(new Date(iso));
}

/** "27 November 2026, 09:30 UTC" */
export function formatDateTime(iso: string): string {
  return formatter({ dateStyle: "long", timeStyle: "short" }).format(new Date(iso)) + ` ${timeZoneLabel()}`;
}

/** "2:05 PM": the time of day only (a live blog's updates). */
export function formatTime(iso: string): string {
  return formatter({ timeStyle: "short" }).format(new Date(iso));
}

/** "December 1, 2026, 5:40 – 9:30 AM UTC": a span of time, as Intl writes ranges in the site's language. */
export function formatDateTimeRange(fromIso: string, toIso: string): string {
  return formatter({ dateStyle: "long", timeStyle: "short" }).formatRange(new Date(fromIso), new Date(toIso)) + ` ${timeZoneLabel()}`;
}

function timeZoneLabel(): string {
  const tz = getSite().timeZone;
  return tz === "UTC" ? "UTC" : (new Intl.DateTimeFormat("en", { timeZone: tz, timeZoneName: "short" }).formatToParts(new Date()).find((p) => p.type === "timeZoneName")?.value ?? tz);
}

export function formatMoney(amount: number, currency: string): string {
  return new Intl.NumberFormat(getSite().language, {
    style: "currency",
    currency,
    maximumFractionDigits: Number.isInteger(amount) ? 0 : 2,
  }).format(amount);
}

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase())
    .slice(0, 2)
    .join("");
}
