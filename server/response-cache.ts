/**
 * The production server's per-version response cache (docs/decisions/0012). A published page is the
 * same bytes for every reader until it is revalidated, so the finished response — headers with the
 * page's own CSP, the brotli and gzip bodies, the ETag — is made once per version and then sent as
 * it is, without entering Next. It holds only what every cache in front of us may hold too (public,
 * shared lifetime, no cookies), is bounded in bytes, and drops a page the moment a publish expires
 * one of its cache tags (the `Surrogate-Key` header lib/request/routing.ts gives each page).
 */
import type { IncomingHttpHeaders } from "node:http";
import { NEXT_PREVIEW_COOKIE } from "../lib/access/preview-cookie";
import type { ResponseCachePurge } from "../lib/publishing/response-cache-bridge";

/** Longest a stored version is sent before Next is asked again (it may have revalidated on its own). */
export const DEFAULT_TTL_MS = 10_000;

/** How long one request may take to bring the next version before another one tries. */
const REFRESH_TIMEOUT_MS = 5_000;

const PREVIEW = new RegExp(`(?:^|;\\s*)${NEXT_PREVIEW_COOKIE}=`);

/**
 * Requests that may be answered from the cache: plain page and document reads, no preview, no RSC.
 * The target is already normalised (queries.ts): pages carry no query, the search page only its
 * normalised `q` and `page`.
 */
export function cacheKey(req: { method?: string; url?: string; headers: IncomingHttpHeaders }): string | null {
  if (req.method !== "GET" && req.method !== "HEAD") return null;
  const url = req.url ?? "/";
  if ((url.includes("?") && !url.startsWith("/search?")) || !url.startsWith("/") || url.startsWith("/_next/") || url.startsWith("/api/")) return null;
  const h = req.headers;
  if (h.rsc || h["next-router-prefetch"] || h["next-router-state-tree"] || h["next-action"] || h.authorization || h["x-prerender-revalidate"]) return null;
  if (PREVIEW.test(h.cookie ?? "")) return null;
  return url;
}

/** Seconds a shared cache may keep a response, or 0 when it may not be stored at all. */
export function sharedMaxAge(cacheControl: unknown = ""): number {
  const cc = String(cacheControl ?? "").toLowerCase();
  if (/\b(private|no-store|no-cache)\b/.test(cc)) return 0;
  const s = /\bs-maxage=(\d+)/.exec(cc) ?? /\bmax-age=(\d+)/.exec(cc);
  return s ? Number(s[1]) : 0;
}

export type StoredHeaders = [name: string, value: string | string[]][];
export interface Bodies {
  br?: Buffer;
  gzip?: Buffer;
}

/** One version as it is sent. */
export interface Version {
  status: number;
  headers: StoredHeaders;
  bodies: Bodies;
  /** The ETag base (finish.ts versionTag). */
  version: string;
}

export interface Entry extends Version {
  tags: Set<string>;
  storedAt: number;
  expires: number;
  size: number;
  refreshingSince?: number;
}

/**
 * One request on its way through Next (a miss): what the cache knew when it began, so that an answer
 * made across a publish is sent but not stored (docs/decisions/0300).
 */
export interface Flight {
  readonly key: string;
  /** Purges so far when it began. */
  readonly generation: number;
  /** Its place in the order of beginnings and ends. */
  readonly tick: number;
}

export interface ResponseCacheOptions {
  maxBytes?: number;
  ttlMs?: number;
  graceMs?: number;
  now?: () => number;
}

export class ResponseCache implements ResponseCachePurge {
  readonly maxBytes: number;
  readonly ttlMs: number;
  readonly graceMs: number;
  private readonly now: () => number;
  /** key → entry, oldest use first */
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;
  /** Entries dropped to stay within maxBytes, and by a publish's purge (the metrics read them). */
  private evictions = 0;
  private purged = 0;
  /** Answers not stored because a publish happened while they were made. */
  private notKept = 0;
  /** Purges so far: a request notes it when it begins (begin()). */
  private generation = 0;
  private ticks = 0;
  /** key → the requests for it under way (between begin() and end()). */
  private readonly flights = new Map<string, Set<Flight>>();
  /** key → when the last request for it that began before a purge ended, while others were under way. */
  private readonly lateEnds = new Map<string, number>();

  constructor({ maxBytes = 64 * 1024 * 1024, ttlMs = DEFAULT_TTL_MS, graceMs = 60_000, now = Date.now }: ResponseCacheOptions = {}) {
    this.maxBytes = maxBytes;
    this.ttlMs = ttlMs;
    this.graceMs = graceMs;
    this.now = now;
  }

  /**
   * The entry to send for a key, or undefined when the caller must ask Next. Once an entry's lifetime
   * is over, exactly one request goes to Next for the next version while the others keep getting the
   * previous one for up to `graceMs` (no stampede of renders when a popular page expires). A purged
   * entry is gone at once: after a publish, the very next request is fresh.
   */
  get(key: string): Entry | undefined {
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
   * A request for `key` goes to Next: noted until end() (the response's "close"). Only misses need
   * it: a hit is sent from the cache and renders nothing.
   */
  begin(key: string): Flight {
    const flight: Flight = { key, generation: this.generation, tick: ++this.ticks };
    let under = this.flights.get(key);
    if (!under) this.flights.set(key, (under = new Set()));
    under.add(flight);
    return flight;
  }

  end(flight: Flight): void {
    const under = this.flights.get(flight.key);
    if (!under?.delete(flight)) return;
    if (under.size === 0) {
      this.flights.delete(flight.key);
      this.lateEnds.delete(flight.key);
    } else if (flight.generation < this.generation) {
      // The others under way may have been given its render (Next makes one for concurrent requests).
      this.lateEnds.set(flight.key, ++this.ticks);
    }
  }

  /**
   * True when what this request got may have been made from content a publish has replaced since:
   * it began before a purge, or another request for the same address that began before one was
   * under way while it was (Next shares one render between concurrent requests for a page).
   */
  private madeAcrossPurge(flight: Flight): boolean {
    if (flight.generation < this.generation) return true;
    for (const other of this.flights.get(flight.key) ?? []) if (other.generation < this.generation) return true;
    const lateEnd = this.lateEnds.get(flight.key);
    return lateEnd !== undefined && lateEnd > flight.tick;
  }

  /** True (and counted as not kept) when what `flight`'s request got may predate a publish: see madeAcrossPurge. */
  refusesAcrossPurge(flight: Flight): boolean {
    if (!this.madeAcrossPurge(flight)) return false;
    this.notKept++;
    return true;
  }

  /**
   * Stores a finished response: its tags, and its shared lifetime in seconds. False when it is too
   * large to keep, or was made across a publish (`flight`: its request, from begin()) — it would
   * hold the content the publish replaced, dated after the purge that was meant to drop it.
   */
  set(key: string, { status, headers, bodies, version, tags, maxAge, flight }: Version & { tags: Iterable<string>; maxAge: number; flight?: Flight }): boolean {
    if (flight && this.refusesAcrossPurge(flight)) return false;
    const size = Object.values(bodies).reduce((n: number, b: Buffer | undefined) => n + (b?.length ?? 0), 0) + 2048;
    if (size > this.maxBytes / 8) return false;
    this.delete(key);
    const storedAt = this.now();
    const entry: Entry = { status, headers, bodies, version, tags: new Set(tags), storedAt, expires: storedAt + Math.min(maxAge * 1000, this.ttlMs), size };
    this.entries.set(key, entry);
    this.bytes += size;
    while (this.bytes > this.maxBytes) {
      this.delete(this.entries.keys().next().value!);
      this.evictions++;
    }
    return true;
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.size;
  }

  /**
   * Drops every entry carrying one of `tags` (or everything). Returns how many were dropped. Whatever
   * is under way now will not be stored (any purge counts: a few pages render once more).
   */
  purge({ tags = [], everything = false }: { tags?: string[]; everything?: boolean } = {}): number {
    this.generation++;
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

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  stats(): { entries: number; bytes: number; maxBytes: number; hits: number; misses: number; evictions: number; purged: number; notKept: number; underWay: number } {
    return { entries: this.entries.size, bytes: this.bytes, maxBytes: this.maxBytes, hits: this.hits, misses: this.misses, evictions: this.evictions, purged: this.purged, notKept: this.notKept, underWay: this.flights.size };
  }
}
