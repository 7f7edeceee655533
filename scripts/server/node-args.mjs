// The Node flags the production server runs with (docs/decisions/0082). V8 sizes its heap from the
// machine's memory — a 4 GB limit on a 24 GB host — and lets garbage pile up towards it: after
// 1,000 first renders the server held 330 MB of heap for ~110 MB of live objects (RSS 600 MB). A
// limit of 256 MB keeps RSS near 340 MB with no loss in the median render (the p95 pays a few more
// collections); 3,000 first renders at 50 at once peaked at a 204 MB heap. MASTHEAD_HEAP_MB
// changes it; 0 leaves V8's default. A limit already in NODE_OPTIONS wins.

/** Flags for `node <flags> scripts/server.mjs`. */
export function serverNodeArgs(env = process.env) {
  if (/--max-old-space-size/.test(env.NODE_OPTIONS ?? "")) return [];
  const raw = env.MASTHEAD_HEAP_MB?.trim() || "256";
  const mb = Number(raw);
  if (!Number.isInteger(mb) || mb < 0 || (mb > 0 && mb < 128)) {
    throw new Error(`MASTHEAD_HEAP_MB must be 0 (V8's default) or a whole number of megabytes ≥ 128, not "${raw}".`);
  }
  return mb === 0 ? [] : [`--max-old-space-size=${mb}`];
}
