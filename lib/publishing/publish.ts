/**
 * publish(change): the one way a content change reaches readers, whoever announces it — the
 * webhook (app/api/revalidate), the folder watcher (./watch.ts), the scheduler (./scheduler.ts) and
 * a message from another instance (lib/cluster/bus.ts). In order:
 *   1. read what the change names as it was (drafts included), so a moved or unpublished article
 *      refreshes its old places too; when the change names a commit (content on several machines),
 *      bring this instance's git clone to it (./content-git.ts) — or refuse (409), changing nothing;
 *   2. reload the content source for that change alone (not for a scheduled go-live: no file changed).
 *      Invalid content is refused: the last good version stays, every problem is returned and kept
 *      for the preview (`lastRefusal`);
 *   3. plan what it touches (./plan.ts) — or take the plan another instance sent;
 *   4. apply the plan here, once (./apply.ts: Next's cache, the response cache);
 *   5. tell the other instances (Redis, with the commit; not for a scheduled go-live — each
 *      instance's scheduler fires, nor for a message that came from one), then purge the edge;
 *   6. write one line of the publish trail (./trail.ts) and tell the listeners (`onPublish`).
 * Publishes run one at a time per process, in the order they were asked for (./queue.ts). The
 * commit's part — bringing the clone to it, and catching up after a miss — is ./catch-up.ts.
 */
import type { Article, ContentSource, StandingPage } from "../sources/types";
import { getContentSource } from "../sources/source";
import { isContentValidationError, type ContentProblem } from "../sources/errors";
import { resetSiteCache } from "../config/site";
import { clearResolutionCache } from "../request/resolution-cache";
import { purgeEdge } from "../cluster/edge";
import { broadcast } from "../cluster/bus";
import { describeChange, type Change } from "./change";
import { addArticle, addAuthor, addEverything, addPage, addSection, addTag, emptyPlan, toWire, type WirePlan } from "./plan";
import { applyPlan, settleLater } from "./apply";
import { inQueue } from "./queue";
import { bringContentTo, resyncTo } from "./catch-up";
import { writeTrail } from "./trail";
import { rearmScheduler } from "./scheduler";
import { logger } from "../observability/log";
import { publishMetrics } from "../observability/metrics";
import { syncState } from "./content-git";
import { processSingleton } from "../config/singleton.mjs";

/** Which way a change came in (the publish trail's "via"). */
export type PublishVia = "webhook" | "command" | "folder" | "scheduler" | "peer" | "preview";

export interface PublishOptions {
  via: PublishVia;
  /** The file that changed (relative to the content folder), for the trail. */
  file?: string;
  /** A plan computed elsewhere (another instance): applied as it is. */
  plan?: WirePlan;
  /**
   * The commit of the content repository holding the change (40 hex, already validated): this
   * instance's clone is brought to it before the reload, and the other instances are told it.
   */
  commit?: string;
}

export type PublishResult =
  | { ok: true; plan: WirePlan; timing: string }
  | { ok: false; status: 404 | 409 | 422 | 503; error: string; problems?: ContentProblem[] };

/** What listeners learn of every publish (breaking-news alerts, metrics). */
export interface PublishEvent {
  change: Change;
  via: PublishVia;
  file?: string;
  /** ISO 8601, when the publish finished. */
  at: string;
  ms: number;
  result: PublishResult;
  /** An article change: the article before and after (drafts included; null: absent). */
  article?: { before: Article | null; after: Article | null };
  /**
   * Readers can see the article now and could not before (a new article published, a draft
   * switched to published, a scheduled article's time came). True on every instance that applies
   * the change: a listener that must act once (an email) keeps its own record by slug.
   */
  wentLive: boolean;
}

export type PublishListener = (event: PublishEvent) => void | Promise<void>;


interface PublishingState {
  listeners: Set<PublishListener>;
  /** The last refused edit of each article or page ("article:slug", "page:slug"), until a publish of it succeeds. */
  refusals: Map<string, Refusal>;
}

export interface Refusal {
  at: string;
  via: PublishVia;
  problems: ContentProblem[];
}

// On globalThis: the webhook's route bundle and the server's instrumentation bundle each have
// their own copy of this module, and must share one set of listeners and one memory (and one
// queue: ./queue.ts).
function state(): PublishingState {
  return processSingleton<PublishingState>("publishing", () => ({ listeners: new Set(), refusals: new Map() }));
}

/** Calls `listener` after every publish (and refusal) of this process; returns the unsubscribe. */
export function onPublish(listener: PublishListener): () => void {
  state().listeners.add(listener);
  return () => void state().listeners.delete(listener);
}

/** The editor's last refused edit of an article (or a standing page), shown in its preview. */
export function lastRefusal(what: { slug?: string; page?: string }): Refusal | null {
  const key = what.slug ? `article:${what.slug}` : what.page ? `page:${what.page}` : null;
  return key ? (state().refusals.get(key) ?? null) : null;
}

function refusalKeys(change: Change): string[] {
  return [change.slug && `article:${change.slug}`, change.page && `page:${change.page}`].filter(Boolean) as string[];
}

export function publish(change: Change, options: PublishOptions): Promise<PublishResult> {
  return inQueue(() => publishNow(change, options));
}

function visible(article: Article | null, at: number): boolean {
  return Boolean(article && article.status === "published" && Date.parse(article.publishedAt) <= at);
}

async function publishNow(change: Change, options: PublishOptions): Promise<PublishResult> {
  const started = performance.now();
  const timing = serverTiming();
  const source = getContentSource();
  const scheduled = options.via === "scheduler";
  let article: PublishEvent["article"];
  let result: PublishResult;
  try {
    const before = change.slug ? await source.getArticleBySlug(change.slug, { preview: true }) : null;
    const pageBefore = change.page ? await source.getPage(change.page, { preview: true }) : null;
    timing.mark("read");
    const synced = options.commit ? await bringContentTo(options.commit, change, options, publish) : null;
    if (synced) timing.mark("sync");
    const reloaded = synced && !synced.ok ? { ok: false as const, status: 409 as const, error: synced.error } : await reload(source, change, scheduled);
    timing.mark("reload");
    if (reloaded) {
      result = reloaded;
    } else {
      const after = change.slug ? await source.getArticleBySlug(change.slug, { preview: true }) : null;
      if (change.slug) article = { before, after };
      const planned = options.plan ? { plan: options.plan } : await planFor(source, change, before, after, pageBefore);
      if ("error" in planned) {
        result = planned.error;
      } else {
        await applyPlan(planned.plan);
        timing.mark("plan");
        // With a commit, the peers are told this clone's head after the sync: it holds the named commit,
        // and never goes back when a webhook names an older one (the bus keeps the newest for resyncs).
        if (!scheduled && options.via !== "peer") await broadcast(change, planned.plan, options.commit ? (syncState().head ?? options.commit) : undefined);
        await purgeEdge(planned.plan);
        timing.mark("fanout");
        settleLater(planned.plan);
        result = { ok: true, plan: planned.plan, timing: timing.header() };
      }
    }
  } catch (error) {
    logger("publish").error({ event: "publish.failed", what: describeChange(change), via: options.via, err: error }, `Publishing ${describeChange(change)} failed`);
    result = { ok: false, status: 503, error: "The content source is unavailable; try again shortly." };
  }

  const now = Date.now();
  const s = state();
  for (const key of refusalKeys(change)) {
    if (result.ok) s.refusals.delete(key);
    else if (result.status === 422) s.refusals.set(key, { at: new Date(now).toISOString(), via: options.via, problems: result.problems ?? [] });
  }
  const ms = Math.round(performance.now() - started);
  publishMetrics().publishes.inc({ outcome: result.ok ? "ok" : result.status === 422 ? "invalid-content" : result.status === 404 ? "not-found" : result.status === 409 ? "not-synced" : "failed" });
  if (result.ok) publishMetrics().phase.observe({ phase: "total" }, ms / 1000);
  const wentLive = Boolean(result.ok && article && visible(article.after, now) && (scheduled || !visible(article.before, now)));
  writeTrail({
    result: result.ok ? (scheduled ? "went-live" : "publish") : result.status === 422 ? "refused" : result.status === 404 ? "not-found" : result.status === 409 ? "not-synced" : "failed",
    what: describeChange(change),
    via: options.via,
    file: options.file,
    commit: options.commit,
    ms,
    ...(result.ok ? { tags: result.plan.tags.length, routes: result.plan.paths.length } : { error: result.error, problems: result.problems }),
  });
  const event: PublishEvent = { change, via: options.via, file: options.file, at: new Date(now).toISOString(), ms, result, article, wentLive };
  for (const listener of s.listeners) {
    try {
      await listener(event);
    } catch (error) {
      console.error("A publish listener failed:", error instanceof Error ? error.message : error);
    }
  }
  return result;
}

/** Step 2; a refusal, or null when the source now holds the change. */
async function reload(source: ContentSource, change: Change, scheduled: boolean): Promise<PublishResult | null> {
  resetSiteCache();
  clearResolutionCache();
  // A publication time arriving changes no file: nothing to re-read.
  if (scheduled) return null;
  try {
    // Only what the change names is re-read (the markdown index updates those files alone).
    await source.reload(change);
  } catch (error) {
    if (isContentValidationError(error)) {
      return { ok: false, status: 422, error: "The content is invalid; nothing was changed.", problems: error.problems };
    }
    throw error;
  } finally {
    // The next scheduled article may have changed (or the reload failed halfway: re-read anyway).
    rearmScheduler();
  }
  return null;
}

/** Step 3: from what the change names, as it was and as it is. */
async function planFor(
  source: ContentSource,
  change: Change,
  before: Article | null,
  after: Article | null,
  pageBefore: StandingPage | null,
): Promise<{ plan: WirePlan } | { error: PublishResult }> {
  const notFound = (error: string) => ({ error: { ok: false as const, status: 404 as const, error } });
  const plan = emptyPlan();
  if (change.all) addEverything(plan);
  if (change.slug) {
    if (!before && !after) return notFound(`No article with slug "${change.slug}".`);
    if (before) await addArticle(plan, source, before);
    if (after) await addArticle(plan, source, after);
  }
  if (change.page) {
    const pageAfter = await source.getPage(change.page, { preview: true });
    if (!pageBefore && !pageAfter) return notFound(`No page "${change.page}".`);
    if (pageBefore) addPage(plan, pageBefore, pageAfter);
    if (pageAfter) addPage(plan, pageAfter, pageBefore);
  }
  if (change.section) {
    const section = await source.getSection(change.section);
    if (!section) return notFound(`No section "${change.section}".`);
    await addSection(plan, source, section);
  }
  if (change.author) {
    if (!(await source.getAuthor(change.author))) return notFound(`No author "${change.author}".`);
    await addAuthor(plan, source, change.author);
  }
  if (change.tag) {
    if (!(await source.getTag(change.tag))) return notFound(`No tag "${change.tag}".`);
    await addTag(plan, source, change.tag);
  }
  return { plan: toWire(plan) };
}

/**
 * Where a publish's time went, for the webhook's caller in a standard `Server-Timing` header: read
 * (the article before), reload (the content source), plan (what changed, and its expiry here),
 * fanout (Redis, the other instances, the edge).
 */
function serverTiming() {
  let last = performance.now();
  const phases: string[] = [];
  return {
    mark(name: string) {
      const now = performance.now();
      phases.push(`${name};dur=${(now - last).toFixed(1)}`);
      publishMetrics().phase.observe({ phase: name }, (now - last) / 1000);
      last = now;
    },
    header: () => phases.join(", "),
  };
}

/**
 * After the bus reconnects (messages may have been missed): with the newest commit announced on the
 * bus, this clone is first brought to it — when that moves it, this instance was behind (and may have
 * rendered old pages into the shared cache meanwhile), so it publishes everything from the new commit;
 * when the commit cannot be reached, it is behind like a peer that missed a publish (/readyz 503,
 * retried). Otherwise it re-reads the whole source, keeping the last good version when it is
 * invalid; nothing to expire then: the other instances' expiries are in Redis, which every
 * instance's cache reads.
 */
export async function resync(commit?: string): Promise<void> {
  if (commit && (await resyncTo(commit, publish))) return;
  return inQueue(async () => {
    resetSiteCache();
    clearResolutionCache();
    try {
      await getContentSource().reload();
      rearmScheduler();
    } catch (error) {
      const reason = isContentValidationError(error) ? "the content is invalid" : error instanceof Error ? error.message : String(error);
      console.error(`Re-reading the content after a reconnect failed (${reason}); keeping the last good version.`);
    }
  });
}
