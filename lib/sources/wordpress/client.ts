/**
 * HTTP to the WordPress REST API (/wp-json/wp/v2): timeouts, retries, caching and clear errors in
 * one place, so the source itself reads like a list of queries.
 *
 * - Every attempt has a timeout (AbortSignal.timeout). GETs are retried with backoff on network
 *   errors, timeouts, 429 and 5xx; a 4xx is an answer and is not retried.
 * - Anything that is not a usable answer becomes a ContentUnavailableError naming the URL and the
 *   cause: pages answer 503 for it, and cached pages keep being served (ISR keeps the last good
 *   page when a revalidation render throws).
 * - While WordPress is failing, requests are tried once, with a short timeout and no retries, so an
 *   outage does not make every request wait for the full retry budget; the first success ends it.
 * - Stale if error: the last good answer to each recent anonymous GET is kept in memory and used
 *   when WordPress cannot answer, so lookups made outside Next's data cache (the proxy) and pages
 *   rendered during an outage still get content. Fresh reads always go to fetch, so Next's cache
 *   tags are recorded as usual.
 * - Anonymous reads go through Next's data cache with `unstable_cache` (revalidate 60 s) and tags the
 *   revalidation webhook can target ("wp", "article:<slug>", "section:<path>", …); the cached
 *   value is the parsed JSON plus the paging headers. Authenticated reads (preview) and search are
 *   never cached (`cache: "no-store"`). Outside a Next render — vitest, scripts, and also proxy.ts,
 *   where Next 16.4 offers no data cache (checked: every proxy lookup reaches WordPress) — reads
 *   go straight to WordPress.
 */
import { cacheTags } from "../../request/cache-tags";
import { unstable_cache } from "next/cache";
import type { z } from "zod";
import { ContentUnavailableError } from "../errors";
import { wpError } from "./schema";

export interface WordPressClientOptions {
  /** Base URL of the WordPress site, e.g. https://cms.example.org (the API is at /wp-json/wp/v2). */
  url: string;
  /** Application password credentials; only preview reads send them. */
  user?: string;
  appPassword?: string;
  /** Per attempt. */
  timeoutMs?: number;
  /** Extra attempts for a GET that failed for a transient reason. */
  retries?: number;
  /** Seconds Next's data cache keeps an anonymous response before refetching it in the background. */
  revalidateSeconds?: number;
  /** Injected by tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Injected by tests; defaults to Next's unstable_cache. */
  cache?: CacheFunction;
  sleep?: (ms: number) => Promise<void>;
}

/** A serialisable answer, as Next's data cache stores it. */
interface Answer {
  body: unknown;
  headers: Record<string, string>;
}
export type CacheFunction = (load: () => Promise<Answer>, keyParts: string[], options: { revalidate: number; tags: string[] }) => () => Promise<Answer>;

export type QueryValue = string | number | boolean | undefined | readonly (string | number)[];

export interface GetOptions {
  params?: Record<string, QueryValue>;
  /** Cache tags besides "wp". */
  tags?: string[];
  /** Send the application password and bypass every cache (preview). */
  auth?: boolean;
  /** false: never store the response (search: arbitrary queries must not fill the data cache). */
  cache?: boolean;
}

export interface WpPage<T> {
  items: T[];
  total: number;
  totalPages: number;
  /** True when WordPress said the page is past the end (400 rest_*_invalid_page_number). */
  pastEnd: boolean;
}

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);
/** Per attempt while WordPress is failing. */
const FAILING_TIMEOUT_MS = 2000;
/** Last good answers kept for stale-if-error (least recently stored dropped first). */
const LAST_GOOD_ENTRIES = 300;
/** WordPress's page size limit for collections. */
export const WP_MAX_PER_PAGE = 100;

/** WordPress answered with an HTTP error; `code` is WordPress's error code (rest_not_logged_in, …). */
export class WordPressHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = "WordPressHttpError";
  }
}

export function normaliseBaseUrl(url: string): string {
  const trimmed = url.trim().replace(/\/+$/, "").replace(/\/wp-json(\/wp\/v2)?$/, "");
  if (!/^https?:\/\/[^/\s]+/.test(trimmed)) {
    throw new Error(`WORDPRESS_URL must be an absolute http(s) URL of the WordPress site, got "${url}"`);
  }
  return trimmed;
}

export class WordPressClient {
  readonly baseUrl: string;
  readonly apiUrl: string;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly revalidateSeconds: number;
  private readonly fetchImpl?: typeof fetch;
  private readonly cache: CacheFunction;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly authorization?: string;
  /** Set while WordPress is failing: requests get one attempt until one succeeds. */
  private failingSince: number | undefined;
  private readonly lastGood = new Map<string, Answer>();
  private warnedStale = false;

  constructor(options: WordPressClientOptions) {
    this.baseUrl = normaliseBaseUrl(options.url);
    this.apiUrl = `${this.baseUrl}/wp-json/wp/v2`;
    this.timeoutMs = options.timeoutMs ?? 8000;
    this.retries = options.retries ?? 2;
    this.revalidateSeconds = options.revalidateSeconds ?? 60;
    this.fetchImpl = options.fetch;
    this.cache = options.cache ?? (unstable_cache as unknown as CacheFunction);
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    if (options.user && options.appPassword) {
      // Application passwords are shown with spaces for readability; WordPress ignores them.
      const secret = `${options.user}:${options.appPassword.replace(/\s+/g, "")}`;
      this.authorization = `Basic ${Buffer.from(secret, "utf8").toString("base64")}`;
    }
  }

  get hasCredentials(): boolean {
    return Boolean(this.authorization);
  }

  url(path: string, params: Record<string, QueryValue> = {}): string {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      if (value === undefined) continue;
      search.set(key, Array.isArray(value) ? value.join(",") : String(value));
    }
    const query = search.toString();
    return `${this.apiUrl}${path}${query ? `?${query}` : ""}`;
  }

  /** One resource or a list in one response. */
  async get<S extends z.ZodType>(path: string, schema: S, options: GetOptions = {}): Promise<z.infer<S>> {
    const url = this.url(path, options.params);
    const { body } = await this.read(url, options);
    return this.validate(url, schema, body);
  }

  /** One page of a collection, with WordPress's totals (X-WP-Total, X-WP-TotalPages). */
  async getPage<S extends z.ZodType>(path: string, item: S, options: GetOptions = {}): Promise<WpPage<z.infer<S>>> {
    const url = this.url(path, options.params);
    let response: Answer;
    try {
      response = await this.read(url, options);
    } catch (error) {
      // A page past the end is an empty page, not an error (WordPress answers 400).
      if (error instanceof ContentUnavailableError && error.cause instanceof WordPressHttpError && error.cause.status === 400 && /_invalid_page_number$/.test(error.cause.code ?? "")) {
        return { items: [], total: 0, totalPages: 0, pastEnd: true };
      }
      throw error;
    }
    if (!Array.isArray(response.body)) throw new ContentUnavailableError(`WordPress answered garbage for GET ${url}: expected a JSON array`);
    const items = response.body.map((entry, i) => this.validate(`${url} (item ${i})`, item, entry));
    const total = Number(response.headers["x-wp-total"] ?? Number.NaN);
    const totalPages = Number(response.headers["x-wp-totalpages"] ?? Number.NaN);
    return {
      items,
      total: Number.isFinite(total) ? total : items.length,
      totalPages: Number.isFinite(totalPages) ? totalPages : 1,
      pastEnd: false,
    };
  }

  /** Every page of a collection, 100 at a time (WordPress's maximum), one request per page. */
  async getAll<S extends z.ZodType>(path: string, item: S, options: GetOptions = {}): Promise<z.infer<S>[]> {
    const all: z.infer<S>[] = [];
    for (let page = 1; ; page++) {
      const result = await this.getPage(path, item, { ...options, params: { ...options.params, per_page: WP_MAX_PER_PAGE, page } });
      all.push(...result.items);
      if (result.pastEnd || page >= result.totalPages || result.items.length === 0) return all;
    }
  }

  private validate<S extends z.ZodType>(url: string, schema: S, body: unknown): z.infer<S> {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    throw new ContentUnavailableError(
      `WordPress answered garbage for GET ${url}: ${issue ? `${issue.path.join(".") || "(root)"}: ${issue.message}` : "unexpected shape"}`,
      { cause: parsed.error },
    );
  }

  /** Anonymous reads through Next's data cache; preview and uncached reads straight to WordPress. */
  private async read(url: string, options: GetOptions): Promise<Answer> {
    if (options.auth || options.cache === false) return this.request(url, options);
    const load = () => this.request(url, options);
    try {
      return await this.cache(load, ["masthead:wordpress", url], { revalidate: this.revalidateSeconds, tags: [cacheTags.wordpress, ...(options.tags ?? [])] })();
    } catch (error) {
      // Outside a Next server (vitest, scripts) there is no data cache to use.
      if (error instanceof Error && error.message.startsWith("Invariant: incrementalCache missing")) return load();
      throw error;
    }
  }

  private async request(url: string, options: GetOptions): Promise<Answer> {
    const failing = this.failingSince !== undefined;
    const attempts = failing ? 1 : 1 + this.retries;
    const timeoutMs = failing ? Math.min(this.timeoutMs, FAILING_TIMEOUT_MS) : this.timeoutMs;
    let lastError: unknown;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await this.sleep(backoff(attempt, lastError));
      try {
        const result = await this.attempt(url, options, timeoutMs);
        this.failingSince = undefined;
        this.warnedStale = false;
        if (!options.auth) this.remember(url, result);
        return result;
      } catch (error) {
        lastError = error;
        if (!isTransient(error)) break;
      }
    }
    // A 4xx is WordPress answering: it is up, whatever it said.
    if (isTransient(lastError)) this.failingSince ??= Date.now();
    else this.failingSince = undefined;
    const stale = !options.auth && isTransient(lastError) ? this.lastGood.get(url) : undefined;
    if (stale) {
      if (!this.warnedStale) console.warn(`[wordpress] ${this.baseUrl} is not answering (${describe(lastError)}): serving the last good answers`);
      this.warnedStale = true;
      return stale;
    }
    throw new ContentUnavailableError(`WordPress request failed: GET ${url}: ${describe(lastError)}`, { cause: lastError });
  }

  private remember(url: string, result: Answer): void {
    this.lastGood.delete(url);
    this.lastGood.set(url, result);
    if (this.lastGood.size > LAST_GOOD_ENTRIES) this.lastGood.delete(this.lastGood.keys().next().value!);
  }

  /** Forget the stale-if-error answers (content changed: the revalidation webhook). */
  forget(): void {
    this.lastGood.clear();
  }

  private async attempt(url: string, options: GetOptions, timeoutMs: number): Promise<Answer> {
    const fetchImpl = this.fetchImpl ?? globalThis.fetch;
    const headers: Record<string, string> = { Accept: "application/json" };
    if (options.auth && this.authorization) headers.Authorization = this.authorization;
    // Caching happens around this call (read()); the request itself is never stored by fetch.
    const response = await fetchImpl(url, { headers, cache: "no-store", signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (!response.ok) {
      const error = wpError.safeParse(body);
      const code = error.success ? error.data.code : undefined;
      const message = error.success ? `${code}${error.data.message ? `: ${error.data.message}` : ""}` : snippet(text);
      throw new WordPressHttpError(response.status, code, `HTTP ${response.status}${message ? ` (${message})` : ""}`);
    }
    if (body === undefined) {
      throw new Error(`not JSON (${response.headers.get("content-type") ?? "no content type"}): ${snippet(text)}`);
    }
    const kept: Record<string, string> = {};
    for (const name of ["x-wp-total", "x-wp-totalpages"]) {
      const value = response.headers.get(name);
      if (value !== null) kept[name] = value;
    }
    return { body, headers: kept };
  }
}

function isTransient(error: unknown): boolean {
  if (error instanceof WordPressHttpError) return RETRYABLE_STATUS.has(error.status);
  if (error instanceof Error && error.message.startsWith("not JSON")) return false;
  // Network failures (TypeError: fetch failed) and timeouts (TimeoutError/AbortError).
  return true;
}

function backoff(attempt: number, error: unknown): number {
  const base = 250 * 3 ** (attempt - 1); // 250 ms, 750 ms, …
  const jitter = Math.random() * 100;
  return error instanceof WordPressHttpError && error.status === 429 ? Math.max(base, 1000) + jitter : base + jitter;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === "TimeoutError" || error.name === "AbortError") return "timed out";
    const cause = (error as Error & { cause?: unknown }).cause;
    const detail = cause instanceof Error ? ` (${(cause as NodeJS.ErrnoException).code ?? cause.message})` : "";
    return `${error.message}${detail}`;
  }
  return String(error);
}

function snippet(text: string): string {
  return text.replace(/\s+/g, " ").trim().slice(0, 120);
}
