// The beacon's wire format and the figures it may carry, in one place for the browser island, the
// production server's endpoint (server/beacon.ts) and the aggregates (docs/decisions/0180).
// Plain JavaScript: the server imports it natively, the Next bundles through TypeScript.
//
// A beacon is a POST of an application/x-www-form-urlencoded body of at most MAX_BODY_BYTES:
//   k=read&s=<article slug>                                   one read of an article
//   k=vitals&t=<page type>&LCP=1234&INP=56&CLS=0.012&TTFB=80  the page's Core Web Vitals
// Nothing else: no identifier, no URL, no time, no user agent is kept.

export const BEACON_PATH = "/api/beacon";
export const MAX_BODY_BYTES = 512;

/** Slugs are lower-case letters, digits and dashes (CONTENT.md), of any script: letters of any language. */
export const SLUG_PATTERN = /^[\p{Ll}\p{Lo}\p{Nd}][\p{Ll}\p{Lo}\p{Nd}\p{Mn}\p{Mc}-]{0,127}$/u;

/** The kinds of page whose speed is measured. */
export const PAGE_TYPES = ["article", "home", "section"];

/**
 * The metrics, each with the largest value accepted (beyond it the figure is nonsense, not slow) and
 * the upper bounds of its histogram buckets (the last bucket is everything above). Milliseconds, but
 * CLS, which has no unit.
 */
export const METRICS = {
  LCP: { max: 120_000, buckets: [250, 500, 750, 1000, 1250, 1500, 2000, 2500, 3000, 4000, 5000, 7500, 10_000, 20_000] },
  INP: { max: 60_000, buckets: [25, 50, 75, 100, 150, 200, 300, 400, 500, 750, 1000, 2000, 5000] },
  CLS: { max: 100, buckets: [0.001, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.5, 1] },
  TTFB: { max: 120_000, buckets: [50, 100, 200, 300, 400, 500, 800, 1000, 1500, 2000, 3000, 5000, 10_000] },
};
export const METRIC_NAMES = Object.keys(METRICS);

/** The index of the bucket a value falls in (0 … buckets.length; the last is "above every bound"). */
export function bucketOf(metric, value) {
  const { buckets } = METRICS[metric];
  let i = 0;
  while (i < buckets.length && value > buckets[i]) i++;
  return i;
}

/**
 * A quantile of a histogram (counts per bucket), interpolated linearly inside its bucket as
 * Prometheus's histogram_quantile does; the open last bucket answers its lower bound. null when empty.
 */
export function quantile(metric, counts, q) {
  const { buckets } = METRICS[metric];
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    if (seen + counts[i] >= rank && counts[i] > 0) {
      if (i >= buckets.length) return buckets[buckets.length - 1];
      const lower = i === 0 ? 0 : buckets[i - 1];
      return lower + (buckets[i] - lower) * ((rank - seen) / counts[i]);
    }
    seen += counts[i];
  }
  return buckets[buckets.length - 1];
}

/**
 * Reads a beacon's body. Returns { kind: "read", slug } or { kind: "vitals", pageType, values }, or
 * { error } saying what is wrong (the endpoint answers 400 with it).
 */
export function parseBeacon(text) {
  let params;
  try {
    params = new URLSearchParams(text);
  } catch {
    return { error: "the body is not a form" };
  }
  const kind = params.get("k");
  if (kind === "read") {
    const slug = params.get("s") ?? "";
    if ([...params.keys()].length !== 2) return { error: "a read carries k and s only" };
    if (!SLUG_PATTERN.test(slug)) return { error: "s is not an article slug" };
    return { kind: "read", slug };
  }
  if (kind === "vitals") {
    const pageType = params.get("t") ?? "";
    if (!PAGE_TYPES.includes(pageType)) return { error: `t must be one of ${PAGE_TYPES.join(", ")}` };
    const values = {};
    for (const [name, raw] of params) {
      if (name === "k" || name === "t") continue;
      if (!Object.hasOwn(METRICS, name)) return { error: `unknown metric ${name.slice(0, 20)}` };
      if (!/^\d{1,6}(?:\.\d{1,6})?$/.test(raw)) return { error: `${name} is not a number` };
      const value = Number(raw);
      if (!(value >= 0 && value <= METRICS[name].max)) return { error: `${name} is out of range` };
      values[name] = value;
    }
    if (Object.keys(values).length === 0) return { error: "no metric" };
    return { kind: "vitals", pageType, values };
  }
  return { error: "k must be read or vitals" };
}

/** The scopes a read of an article in `sectionPath` counts in: the site, its section and each parent section. */
export function scopesOf(sectionPath) {
  const parts = sectionPath.split("/").filter(Boolean);
  return ["site", ...parts.map((_, i) => `section:${parts.slice(0, i + 1).join("/")}`)];
}

export const HOUR_MS = 3_600_000;
/** Reads and figures are kept per hour; "the last 24 hours" is the current hour and the 23 before it. */
export const WINDOW_HOURS = 24;
export function hourOf(ms) {
  return Math.floor(ms / HOUR_MS);
}
