/**
 * The delta endpoint's logic (GET /api/live/<slug>?after=<version>&since=<update id>), see
 * docs/decisions/0101. The cursor is the version of what the reader has (lib/pages/live-view.ts): equal
 * to the current one → "unchanged"; a version this process has answered before → exactly what
 * changed since (new or edited updates whole, removed ones by id); unknown → a reset the reader
 * reconciles against. Answers depend only on the content, the time and the URL, so every reader
 * at the same version shares one cached answer at the edge.
 */
import { z } from "zod";
import { readLiveBlog } from "../pages/enhance";
import { SLUG, UPDATE_ID } from "../sources/rules";
import { collectParams, ParameterError, single } from "../api/articles";
import { cacheTags, TAGS_HEADER } from "../request/cache-tags";
import { liveState, type LiveState } from "../pages/live-view";
import type { LiveDelta, LiveUpdateView } from "./types";
import { processSingleton } from "../config/singleton.mjs";
import { CACHE_POLICY } from "../request/cache-policy.mjs";

export const VERSION = /^[A-Za-z0-9_-]{6,40}$/;
const UPDATE_ID_MESSAGE = "must be an update id (lower-case letters, digits and dashes)";

const deltaParams = z
  .object({
    after: single("after").pipe(z.string().regex(VERSION, "must be a version from an earlier answer (letters, digits, - and _)").optional()),
    since: single("since").pipe(z.string().regex(UPDATE_ID, UPDATE_ID_MESSAGE).max(200, UPDATE_ID_MESSAGE).optional()),
  })
  .strict();

export type DeltaQuery = z.infer<typeof deltaParams>;

/** The slug and query of a request, or a ParameterError naming the first bad one. */
export function parseDeltaRequest(slug: string, params: URLSearchParams): { slug: string } & DeltaQuery {
  if (!(slug.length <= 200 && SLUG.test(slug))) throw new ParameterError("slug", `"slug" must be an article slug (lowercase letters, digits, hyphens)`);
  const result = deltaParams.safeParse(collectParams(params));
  if (result.success) return { slug, ...result.data };
  const issue = result.error.issues[0];
  if (issue.code === "unrecognized_keys") throw new ParameterError(issue.keys[0], `unknown parameter "${issue.keys[0]}"`);
  const parameter = String(issue.path[0] ?? "query");
  throw new ParameterError(parameter, `"${parameter}" ${issue.message}`);
}

// ---- the versions this process has answered -------------------------------------------------

/** Per live blog, the latest versions this process has answered and what each one held (id → rev). */
const VERSIONS_PER_BLOG = 64;
const BLOGS = 256;
type Log = Map<string, Map<string, Map<string, string>>>;

function log(): Log {
  return processSingleton("liveVersions", (): Log => new Map());
}

const logKey = (slug: string, preview: boolean) => `${preview ? "preview" : "reader"}:${slug}`;

/** Called for every state a reader is given (the page render too), so their next poll is a known cursor. */
export function rememberLiveState(state: LiveState, { preview = false } = {}): void {
  remember(logKey(state.article.slug, preview), state);
}

function remember(key: string, state: LiveState): void {
  const all = log();
  let versions = all.get(key);
  if (!versions) {
    if (all.size >= BLOGS) all.delete(all.keys().next().value!);
    all.set(key, (versions = new Map()));
  }
  if (versions.has(state.version)) return;
  if (versions.size >= VERSIONS_PER_BLOG) versions.delete(versions.keys().next().value!);
  versions.set(state.version, new Map(state.views.map((v) => [v.id, v.rev])));
}

// ---- the answer ------------------------------------------------------------------------------

/** The live state of a blog for this reader, or null when the slug is not a live blog they may read. */
export async function loadLiveState(slug: string, { preview = false, now = new Date() } = {}): Promise<LiveState | null> {
  const blog = await readLiveBlog(slug, { preview });
  return blog && liveState(blog.article, blog.updates, { now, preview });
}

export function deltaFor(state: LiveState, query: DeltaQuery, { preview = false } = {}): LiveDelta {
  const key = logKey(state.article.slug, preview);
  const known = query.after ? log().get(key)?.get(query.after) : undefined;
  remember(key, state);
  const { version, status, views, keyEvents } = state;
  if (query.after === version) return { version, status, unchanged: true };
  if (known) {
    const current = new Set(views.map((v) => v.id));
    return {
      version,
      status,
      upserts: views.filter((v) => known.get(v.id) !== v.rev),
      removed: [...known.keys()].filter((id) => !current.has(id)),
      keyEvents,
    };
  }
  return { version, status, reset: true, manifest: views.map((v) => [v.id, v.rev]), upserts: resetRange(state, query.since), removed: [], keyEvents };
}

/**
 * What a reader may be showing: everything from its oldest shown update (`since`) to the newest,
 * and the pinned one; without a `since` this server knows, what a fresh front page shows.
 */
function resetRange(state: LiveState, since?: string): LiveUpdateView[] {
  const stream = state.views.filter((v) => !v.pinned);
  const at = since ? stream.findIndex((v) => v.id === since) : -1;
  const range = at >= 0 ? stream.slice(0, at + 1) : state.paging.front;
  return state.paging.pinned ? [state.paging.pinned, ...range] : range;
}

/**
 * The delta's response headers: while the coverage runs, the front page's few seconds (many
 * readers, one origin request per edge per interval); once it has ended, an article's minute.
 * Tagged with the article, so the webhook's purge reaches every edge at once. Preview: nowhere.
 */
export function deltaHeaders(state: LiveState, { preview = false } = {}): Record<string, string> {
  if (preview) return { "Cache-Control": CACHE_POLICY.private };
  return {
    "Cache-Control": state.status.ended ? CACHE_POLICY.page : CACHE_POLICY.live,
    [TAGS_HEADER]: [cacheTags.site, cacheTags.article(state.article.slug)].join(" "),
  };
}
