/**
 * Embed previews (issue 33): the title, author and picture a provider's oEmbed endpoint gives for an
 * embedded video or track, fetched when content is indexed (the markdown build, the webhook, the folder
 * watch) — never while a reader waits — and kept in an on-disk cache keyed by the embed's address,
 * with the picture stored beside it and served by this site (/content-images/_embeds/…), so the
 * reader's browser asks nothing of the provider before "Play" (docs/decisions/0230).
 *
 * Every request is bounded (time, bytes), says who it is (User-Agent), and only goes to the
 * provider's endpoint and, for the picture, the provider's image hosts. A picture must be an image
 * (content type and bytes). Nothing here fails a build: an endpoint that cannot be reached, answers
 * an error or garbage leaves the facade as it was, and an update says so in one line.
 *
 * Tests and air-gapped builds point every endpoint elsewhere with OEMBED_URL (a base URL: the
 * provider's name is appended, `${OEMBED_URL}/youtube?url=…`); EMBED_PREVIEWS=0 fetches nothing.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { imageSize } from "image-size";
import { type EmbedProvider, matchEmbed } from "./providers";

export interface EmbedPreview {
  title: string;
  author?: string;
  /** The self-hosted picture: its URL on this site and its intrinsic size. */
  thumbnail?: { src: string; width: number; height: number };
}

/**
 * Where previews come from: the providers with a public oEmbed endpoint that gives a title and a
 * picture, the hosts their pictures are on, and (`pages`) which of their embeds' page URLs the
 * endpoint answers for when not all (SoundCloud's player address of an API track is not a page).
 */
export const OEMBED_ENDPOINTS: Partial<Record<EmbedProvider, { endpoint: string; imageHosts: string[]; pages?: RegExp }>> = {
  youtube: { endpoint: "https://www.youtube.com/oembed", imageHosts: ["i.ytimg.com", "img.youtube.com"] },
  vimeo: { endpoint: "https://vimeo.com/api/oembed.json", imageHosts: ["i.vimeocdn.com"] },
  // Audio (decision 0270): square cover art. SoundCloud answers for a track's or a set's page;
  // Spotify for a track, album, episode or show (its reference), usually without an author.
  soundcloud: { endpoint: "https://soundcloud.com/oembed", imageHosts: ["i1.sndcdn.com"], pages: /^https:\/\/soundcloud\.com\// },
  spotify: {
    endpoint: "https://open.spotify.com/oembed",
    imageHosts: ["i.scdn.co", "image-cdn-ak.spotifycdn.com"],
    pages: /^https:\/\/open\.spotify\.com\/(?:track|album|episode|show)\//,
  },
};

/** Whether an embed has an endpoint that gives its preview (its provider has one, for this kind of page). */
export function hasPreviewEndpoint(embed: { provider: EmbedProvider; pageUrl: string }): boolean {
  const known = OEMBED_ENDPOINTS[embed.provider];
  return !!known && (!known.pages || known.pages.test(embed.pageUrl));
}

/** The URL prefix the thumbnails are served at (app/content-images/[...path]/route.ts). */
export const THUMBNAIL_URL_PREFIX = "/content-images/_embeds/";
/** A stored thumbnail's file name: the hash of its bytes and the extension of its type. */
export const THUMBNAIL_FILE = /^[0-9a-f]{32}\.(?:jpg|png|webp|gif)$/;
export const THUMBNAIL_TYPES: Readonly<Record<string, string>> = { jpg: "image/jpeg", png: "image/png", webp: "image/webp", gif: "image/gif" };

export const LIMITS = {
  /** One request (the endpoint, then the picture). */
  timeoutMs: 5_000,
  jsonBytes: 64 * 1024,
  imageBytes: 2 * 1024 * 1024,
  imagePixels: 4096,
  /** A provider's "no" (404 of a removed video) is believed for this long before asking again. */
  refusedTtlMs: 24 * 3600 * 1000,
  /** After an endpoint could not be reached, a running server does not try again for this long. */
  offlineMs: 10 * 60 * 1000,
  concurrency: 4,
} as const;

const USER_AGENT = "Masthead/3 (embed previews; oEmbed)";

/** The cache folder: EMBED_CACHE_DIR, or .masthead/embeds in the content folder (beside the index). */
export function embedCacheDir(contentDir: string): string {
  const configured = process.env.EMBED_CACHE_DIR;
  return configured ? path.resolve(/*turbopackIgnore: true*/ process.cwd(), configured) : path.join(contentDir, ".masthead", "embeds");
}

/** The endpoint asked for a provider, or null when it has none (or previews are off). */
export function oembedEndpoint(provider: EmbedProvider, env: NodeJS.ProcessEnv = process.env): { url: string; imageHosts: string[] } | null {
  const known = OEMBED_ENDPOINTS[provider];
  if (!known || env.EMBED_PREVIEWS === "0") return null;
  const base = env.OEMBED_URL?.trim();
  if (!base) return { url: known.endpoint, imageHosts: known.imageHosts };
  // A stand-in (tests) or a relay: its own host serves the pictures too.
  const url = `${base.replace(/\/+$/, "")}/${provider}`;
  return { url, imageHosts: [...known.imageHosts, new URL(url).hostname] };
}

const keyOf = (pageUrl: string) => createHash("sha256").update(pageUrl).digest("hex").slice(0, 32);

interface CachedPreview {
  url: string;
  title: string;
  author?: string;
  thumbnail?: { file: string; width: number; height: number };
  fetchedAt: string;
}
interface CachedRefusal {
  url: string;
  refused: number;
  checkedAt: string;
}
type CacheEntry = CachedPreview | CachedRefusal;

function readEntry(dir: string, pageUrl: string): CacheEntry | undefined {
  try {
    const entry = JSON.parse(fs.readFileSync(/*turbopackIgnore: true*/ path.join(dir, `${keyOf(pageUrl)}.json`), "utf8")) as CacheEntry;
    return entry && typeof entry === "object" && entry.url === pageUrl ? entry : undefined;
  } catch {
    return undefined;
  }
}

function writeAtomically(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(/*turbopackIgnore: true*/ tmp, data);
  fs.renameSync(/*turbopackIgnore: true*/ tmp, file);
}

/** The preview kept for an embed's page URL, with its picture only when the file is there. */
export function readPreview(dir: string, pageUrl: string): EmbedPreview | undefined {
  const entry = readEntry(dir, pageUrl);
  if (!entry || "refused" in entry || typeof entry.title !== "string") return undefined;
  const t = entry.thumbnail;
  const hasFile = t && THUMBNAIL_FILE.test(t.file) && fs.existsSync(/*turbopackIgnore: true*/ path.join(dir, t.file));
  return {
    title: entry.title,
    ...(entry.author ? { author: entry.author } : {}),
    ...(hasFile ? { thumbnail: { src: `${THUMBNAIL_URL_PREFIX}${t.file}`, width: t.width, height: t.height } } : {}),
  };
}

/** A short identity of what a body was rendered with for an embed ("" none): a change renders it again. */
export function previewState(preview: EmbedPreview | undefined): string {
  if (!preview) return "";
  return createHash("sha256").update(JSON.stringify([preview.title, preview.author ?? "", preview.thumbnail?.src ?? ""])).digest("base64url").slice(0, 16);
}

/** A reader for one render pass: each entry read once. */
export function previewReader(dir: string): (pageUrl: string) => EmbedPreview | undefined {
  const seen = new Map<string, EmbedPreview | undefined>();
  return (pageUrl) => {
    if (!seen.has(pageUrl)) seen.set(pageUrl, readPreview(dir, pageUrl));
    return seen.get(pageUrl);
  };
}

/** Text from a provider: one line, no control or bidi-override characters, bounded. */
export function cleanText(value: unknown, max: number): string | undefined {
  if (typeof value !== "string") return undefined;
  // eslint-disable-next-line no-control-regex
  const text = value.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, " ").replace(/\s+/g, " ").trim();
  if (!text) return undefined;
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** Why a fetch gave nothing: the network (try again later) or the provider's answer (believe it). */
export class PreviewError extends Error {
  constructor(
    message: string,
    readonly kind: "unreachable" | "refused" | "invalid",
    readonly status?: number,
    /** The host asked. */
    readonly host?: string,
  ) {
    super(message);
  }
}

/** A response body read up to `max` bytes; more is an error (the rest is never read). */
async function boundedBody(response: Response, max: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length"));
  if (declared > max) {
    await response.body?.cancel();
    throw new PreviewError(`${declared} bytes (more than ${max})`, "invalid");
  }
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      throw new PreviewError(`more than ${max} bytes`, "invalid");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** One request's time limit: OEMBED_TIMEOUT_MS, else LIMITS.timeoutMs. */
const timeoutOf = (env: NodeJS.ProcessEnv) => Math.max(100, Number(env.OEMBED_TIMEOUT_MS) || LIMITS.timeoutMs);

async function get(url: string, accept: string, fetchImpl: typeof fetch, env: NodeJS.ProcessEnv): Promise<Response> {
  let response: Response;
  const timeout = timeoutOf(env);
  try {
    response = await fetchImpl(url, { headers: { "User-Agent": USER_AGENT, Accept: accept }, redirect: "follow", signal: AbortSignal.timeout(timeout) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why = (error as Error).name === "TimeoutError" ? `no answer within ${timeout / 1000} s` : (cause?.code ?? cause?.message ?? (error as Error).message);
    throw new PreviewError(why, "unreachable", undefined, new URL(url).hostname);
  }
  if (response.status >= 500 || response.status === 429) {
    await response.body?.cancel();
    throw new PreviewError(`HTTP ${response.status}`, "unreachable", response.status, new URL(url).hostname);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new PreviewError(`HTTP ${response.status}`, "refused", response.status);
  }
  return response;
}

const hostAllowed = (url: string, hosts: string[]) => {
  try {
    const u = new URL(url);
    return (u.protocol === "https:" || u.protocol === "http:") && hosts.includes(u.hostname.toLowerCase()) && !u.username && !u.password;
  } catch {
    return false;
  }
};

/** Downloads a picture, checks it is an image (type and bytes) and stores it under the hash of its bytes. */
async function storeThumbnail(dir: string, url: string, hosts: string[], fetchImpl: typeof fetch, env: NodeJS.ProcessEnv): Promise<CachedPreview["thumbnail"]> {
  if (!hostAllowed(url, hosts)) throw new PreviewError(`picture on ${url.slice(0, 80)}, not one of the provider's hosts`, "invalid");
  const response = await get(url, "image/avif,image/webp,image/png,image/jpeg,image/*;q=0.8", fetchImpl, env);
  if (response.url && !hostAllowed(response.url, hosts)) throw new PreviewError("picture redirected off the provider's hosts", "invalid");
  const declared = (response.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!Object.values(THUMBNAIL_TYPES).includes(declared)) {
    await response.body?.cancel();
    throw new PreviewError(`picture of type "${declared || "none"}"`, "invalid");
  }
  const bytes = await boundedBody(response, LIMITS.imageBytes);
  let size: { width?: number; height?: number; type?: string };
  try {
    size = imageSize(bytes);
  } catch {
    throw new PreviewError("picture is not an image", "invalid");
  }
  const ext = size.type === "jpg" || size.type === "png" || size.type === "webp" || size.type === "gif" ? size.type : null;
  if (!ext || THUMBNAIL_TYPES[ext] !== declared) throw new PreviewError(`picture's bytes (${size.type ?? "unknown"}) are not its type (${declared})`, "invalid");
  const { width, height } = size;
  if (!width || !height || width > LIMITS.imagePixels || height > LIMITS.imagePixels) throw new PreviewError(`picture of ${width}×${height}`, "invalid");
  const file = `${createHash("sha256").update(bytes).digest("hex").slice(0, 32)}.${ext}`;
  const target = path.join(/*turbopackIgnore: true*/ dir, file);
  if (!fs.existsSync(/*turbopackIgnore: true*/ target)) writeAtomically(target, bytes);
  return { file, width, height };
}

/**
 * Asks the provider's endpoint about one embed and keeps what it says (the title, the author, the
 * picture). Throws PreviewError; a provider's "no" (4xx) is kept for a day so it is not asked each build.
 */
export async function fetchPreview(dir: string, pageUrl: string, fetchImpl: typeof fetch = fetch, env: NodeJS.ProcessEnv = process.env): Promise<EmbedPreview> {
  const embed = matchEmbed(pageUrl);
  const endpoint = embed && hasPreviewEndpoint(embed) && oembedEndpoint(embed.provider, env);
  if (!embed || !endpoint) throw new PreviewError(`no oEmbed endpoint for ${pageUrl}`, "invalid");
  fs.mkdirSync(/*turbopackIgnore: true*/ dir, { recursive: true });
  const ask = `${endpoint.url}?format=json&maxwidth=1280&url=${encodeURIComponent(embed.pageUrl)}`;
  let json: unknown;
  try {
    const response = await get(ask, "application/json", fetchImpl, env);
    const body = await boundedBody(response, LIMITS.jsonBytes);
    try {
      json = JSON.parse(Buffer.from(body).toString("utf8"));
    } catch {
      throw new PreviewError("the answer is not JSON", "invalid");
    }
  } catch (error) {
    if (error instanceof PreviewError && error.kind === "refused") {
      writeAtomically(path.join(/*turbopackIgnore: true*/ dir, `${keyOf(embed.pageUrl)}.json`), JSON.stringify({ url: embed.pageUrl, refused: error.status ?? 400, checkedAt: new Date().toISOString() } satisfies CachedRefusal));
    }
    throw error;
  }
  const data = (json && typeof json === "object" ? json : {}) as Record<string, unknown>;
  const title = cleanText(data.title, 200);
  if (!title) throw new PreviewError("the answer has no title", "invalid");
  const author = cleanText(data.author_name, 100);
  const thumbnail = typeof data.thumbnail_url === "string" ? await storeThumbnail(dir, data.thumbnail_url, endpoint.imageHosts, fetchImpl, env) : undefined;
  const entry: CachedPreview = { url: embed.pageUrl, title, ...(author ? { author } : {}), ...(thumbnail ? { thumbnail } : {}), fetchedAt: new Date().toISOString() };
  writeAtomically(path.join(/*turbopackIgnore: true*/ dir, `${keyOf(embed.pageUrl)}.json`), `${JSON.stringify(entry, null, 2)}\n`);
  return readPreview(dir, embed.pageUrl)!;
}

/** Whether an embed's page URL still needs asking: nothing kept, or a refusal older than a day. */
export function needsFetch(dir: string, pageUrl: string, now = Date.now()): boolean {
  const entry = readEntry(dir, pageUrl);
  if (!entry) return true;
  if ("refused" in entry) return now - Date.parse(entry.checkedAt) > LIMITS.refusedTtlMs;
  return readPreview(dir, pageUrl)?.thumbnail === undefined && entry.thumbnail !== undefined;
}

/** The page URLs of the embeds with an oEmbed endpoint that a markdown text links to (bare, or an <iframe>). */
export function embedUrlsIn(text: string): string[] {
  const found = new Set<string>();
  if (!/youtu|vimeo|soundcloud|spotify/i.test(text)) return [];
  for (const m of text.matchAll(/https?:\/\/[^\s<>"'`)\]]+/gi)) {
    const embed = matchEmbed(m[0].replace(/[.,;:!?]+$/, "").replace(/&amp;/g, "&"));
    if (embed && hasPreviewEndpoint(embed)) found.add(embed.pageUrl);
  }
  return [...found];
}

let offlineUntil = 0;

/**
 * One update's fetching: asks for what is missing (a few at a time), stops asking once an endpoint
 * cannot be reached, and sums up in one line what it could not get.
 */
export class PreviewSession {
  private readonly tried = new Set<string>();
  private readonly failed = new Map<string, string>();
  private skipped = 0;
  private unreachable: string | undefined;
  fetched = 0;

  constructor(
    readonly dir: string,
    private readonly fetchImpl: typeof fetch = fetch,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  get enabled(): boolean {
    return this.env.EMBED_PREVIEWS !== "0";
  }

  /** Fetches the previews of these page URLs that are not in the cache yet. Never throws. */
  async ensure(pageUrls: Iterable<string>): Promise<void> {
    if (!this.enabled) return;
    const todo = [...new Set(pageUrls)].filter((u) => !this.tried.has(u) && needsFetch(this.dir, u));
    for (const u of todo) this.tried.add(u);
    let next = 0;
    const worker = async () => {
      while (next < todo.length) {
        const url = todo[next++];
        if (this.unreachable || Date.now() < offlineUntil) {
          this.skipped++;
          continue;
        }
        try {
          await fetchPreview(this.dir, url, this.fetchImpl, this.env);
          this.fetched++;
        } catch (error) {
          const e = error instanceof PreviewError ? error : new PreviewError(String((error as Error)?.message ?? error), "invalid");
          if (e.kind === "unreachable") {
            this.unreachable ??= `${e.host ?? new URL(url).hostname}: ${e.message}`;
            offlineUntil = Date.now() + LIMITS.offlineMs;
            this.skipped++;
          } else this.failed.set(url, e.message);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(LIMITS.concurrency, todo.length) }, worker));
  }

  /** The one line an update prints about previews it could not get, or null. */
  summary(): string | null {
    const parts: string[] = [];
    if (this.skipped) {
      parts.push(
        `${this.skipped} embed${this.skipped === 1 ? "" : "s"} without title and picture: the oEmbed endpoints could not be reached (${this.unreachable ?? "tried again later"}); the next build tries again`,
      );
    }
    if (this.failed.size) {
      const [url, why] = this.failed.entries().next().value!;
      parts.push(`${this.failed.size} embed${this.failed.size === 1 ? "" : "s"} without a preview: the provider's answer was refused or unusable (${url}: ${why}${this.failed.size > 1 ? ", …" : ""})`);
    }
    return parts.length ? `[embeds] ${parts.join("; ")}` : null;
  }
}

/** Tests: forget that an endpoint was unreachable. */
export function resetOffline(): void {
  offlineUntil = 0;
}
