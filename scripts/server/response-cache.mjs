// The production server's per-version response cache (docs/decisions/0012). A published page is the
// same bytes for every reader until it is revalidated, so the finished response — headers with the
// page's own CSP, the brotli and gzip bodies, the ETag — is made once per version and then sent as
// it is, without entering Next. It holds only what every cache in front of us may hold too (public,
// shared lifetime, no cookies), is bounded in bytes, and drops a page the moment a publish expires
// one of its cache tags (the `Surrogate-Key` header lib/routing.ts gives each page).

/** Longest a stored version is sent before Next is asked again (it may have revalidated on its own). */
export const DEFAULT_TTL_MS = 10_000;

/** How long one request may take to bring the next version before another one tries. */
const REFRESH_TIMEOUT_MS = 5_000;

/**
 * Requests that may be answered from the cache: plain page and document reads, no preview, no RSC.
 * The target is already normalised (scripts/server/queries.mjs): pages carry no query, the search
 * page only its normalised `q` and `page`.
 */
export function cacheKey(req) {
  if (req.method !== "GET" && req.method !== "HEAD") return null;
  const url = req.url ?? "/";
  if ((url.includes("?") && !url.startsWith("/search?")) || !url.startsWith("/") || url.startsWith("/_next/") || url.startsWith("/api/")) return null;
  const h = req.headers;
  if (h.rsc || h["next-router-prefetch"] || h["next-router-state-tree"] || h["next-action"] || h.authorization || h["x-prerender-revalidate"]) return null;
  if (/(?:^|;\s*)__prerender_bypass=/.test(h.cookie ?? "")) return null;
  return url;
}

/** Seconds a shared cache may keep a response, or 0 when it may not be stored at all. */
export function sharedMaxAge(cacheControl = "") {
  const cc = String(cacheControl).toLowerCase();
  if (/\b(private|no-store|no-cache)\b/.test(cc)) return 0;
  const s = /\bs-maxage=(\d+)/.exec(cc) ?? /\bmax-age=(\d+)/.exec(cc);
  return s ? Number(s[1]) : 0;
}

export class ResponseCache {
  /** @param {{ maxBytes?: number, ttlMs?: number, graceMs?: number, now?: () => number }} options */
  constructor({ maxBytes = 64 * 1024 * 1024, ttlMs = DEFAULT_TTL_MS, graceMs = 60_000, now = Date.now } = {}) {
    this.maxBytes = maxBytes;
    this.ttlMs = ttlMs;
    this.graceMs = graceMs;
    this.now = now;
    /** @type {Map<string, any>} key → entry, oldest use first */
    this.entries = new Map();
    this.bytes = 0;
    this.hits = 0;
    this.misses = 0;
    /** Entries dropped to stay within maxBytes, and by a publish's purge (the metrics read them). */
    this.evictions = 0;
    this.purged = 0;
  }

  /**
   * The entry to send for a key, or undefined when the caller must ask Next. Once an entry's lifetime
   * is over, exactly one request goes to Next for the next version while the others keep getting the
   * previous one for up to `graceMs` (no stampede of renders when a popular page expires). A purged
   * entry is gone at once: after a publish, the very next request is fresh.
   */
  get(key) {
    const entry = this.entries.get(key);
    const now = this.now();
    if (!entry || now - entry.expires > this.graceMs) {
      if (entry) this.delete(key);
      this.misses++;
      return undefined;
    }
    if (entry.expires <= now && !(entry.refreshingSince && now - entry.refreshingSince < REFRESH_TIMEOUT_MS)) {
      entry.refreshingSince = now;
      this.misses++;
      return undefined;
    }
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.hits++;
    return entry;
  }

  /**
   * Stores a finished response. `headers`: [name, value][] without content-length/encoding;
   * `bodies`: { br, gzip } Buffers; `version`: the ETag base; `tags`: cache tags; `maxAge`: its shared
   * lifetime in seconds.
   */
  set(key, { status, headers, bodies, version, tags, maxAge }) {
    const size = Object.values(bodies).reduce((n, b) => n + b.length, 0) + 2048;
    if (size > this.maxBytes / 8) return false;
    this.delete(key);
    const storedAt = this.now();
    const entry = { status, headers, bodies, version, tags: new Set(tags), storedAt, expires: storedAt + Math.min(maxAge * 1000, this.ttlMs), size };
    this.entries.set(key, entry);
    this.bytes += size;
    while (this.bytes > this.maxBytes) {
      this.delete(this.entries.keys().next().value);
      this.evictions++;
    }
    return true;
  }

  delete(key) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.size;
  }

  /** Drops every entry carrying one of `tags` (or everything). Returns how many were dropped. */
  purge({ tags = [], everything = false } = {}) {
    let dropped = 0;
    const wanted = new Set(tags);
    for (const [key, entry] of this.entries) {
      if (everything || [...entry.tags].some((t) => wanted.has(t))) {
        this.delete(key);
        dropped++;
      }
    }
    this.purged += dropped;
    return dropped;
  }

  clear() {
    this.entries.clear();
    this.bytes = 0;
  }

  stats() {
    return { entries: this.entries.size, bytes: this.bytes, maxBytes: this.maxBytes, hits: this.hits, misses: this.misses, evictions: this.evictions, purged: this.purged };
  }
}
