/**
 * From the content model to what a live blog shows (lib/live/types.ts): one view per update with
 * its page-aware link and a digest of its shown form, the key events, the coverage status, and the
 * version of the whole — the cursor of the delta endpoint. Server only (dates are formatted in the
 * site's zone and language here, never in the browser).
 */
import { createHash } from "node:crypto";
import type { Article, LiveUpdate } from "../sources/types";
import { isScheduled } from "../sources/rules";
import { absoluteUrl } from "../config/site";
import { dayKey, formatDateTime, formatDayTime, formatTime } from "../config/format";
import { htmlToText, deriveDescription } from "../html/pipeline";
import { authorPath } from "../request/paths";
import { coverageEnded, livePaging, updatePath, type LivePaging } from "../live/paging";
import type { KeyEventView, LiveStatusView, LiveUpdateView, UpdateState } from "../live/types";

const digest = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("base64url").slice(0, 12);

// Update objects live as long as the loaded content (a reload makes new ones): their text and the
// digest of their content are computed once.
const plainText = new WeakMap<LiveUpdate, string>();
const contentDigest = new WeakMap<LiveUpdate, string>();

/** The update's text without markup (a headline for untitled updates, JSON-LD). */
export function updateText(u: LiveUpdate): string {
  let text = plainText.get(u);
  if (text === undefined) plainText.set(u, (text = htmlToText(u.body)));
  return text;
}

/** A headline for any update: its own, else the start of its text. */
export function updateHeadline(u: LiveUpdate, max = 110): string {
  return u.title ?? deriveDescription(updateText(u), max);
}

function stateOf(u: LiveUpdate, now: Date): UpdateState {
  if (u.status === "draft") return "draft";
  return isScheduled(u, now) ? "scheduled" : "published";
}

function contentRev(u: LiveUpdate): string {
  let rev = contentDigest.get(u);
  if (!rev) {
    rev = digest([u.title, u.body, u.publishedAt, u.updatedAt, u.keyEvent, u.pinned, u.status, u.authors.map((a) => [a.slug, a.name])]);
    contentDigest.set(u, rev);
  }
  return rev;
}

/** Everything a live blog shows at `now`, for readers or (with `preview`) for editors. */
export interface LiveState {
  article: Article;
  paging: LivePaging<LiveUpdateView>;
  /** Every update newest first (pinned included). */
  views: LiveUpdateView[];
  /** The same updates as the content model has them, in the same order. */
  updates: LiveUpdate[];
  keyEvents: KeyEventView[];
  status: LiveStatusView;
  version: string;
}

export function liveState(article: Article, updates: LiveUpdate[], { now = new Date(), preview = false }: { now?: Date; preview?: boolean } = {}): LiveState {
  const where = livePaging(updates);
  const views = updates.map((u): LiveUpdateView => {
    const href = updatePath(article.url, where.pageOf(u.id) ?? 1, u.id);
    const state = stateOf(u, now);
    const edited = Date.parse(u.updatedAt) > Date.parse(u.publishedAt);
    return {
      id: u.id,
      rev: digest([contentRev(u), href, state]),
      ...(u.title ? { title: u.title } : {}),
      headline: updateHeadline(u),
      html: u.body,
      publishedAt: u.publishedAt,
      ...(edited ? { editedAt: u.updatedAt, editedLabel: formatDateTime(u.updatedAt) } : {}),
      timeLabel: formatTime(u.publishedAt),
      dateLabel: formatDateTime(u.publishedAt),
      keyEvent: u.keyEvent,
      pinned: u.pinned,
      authors: u.authors.map((a) => ({ name: a.name, href: authorPath(a.slug) })),
      href,
      permalink: absoluteUrl(href),
      state,
    };
  });
  // A blog that runs over several days dates its key events ("Dec 1, 10:15 PM"); within one day the time is enough.
  const multiDay = new Set(views.map((v) => dayKey(v.publishedAt))).size > 1;
  const keyEvents = views
    .filter((v) => v.keyEvent)
    .map((v) => ({ id: v.id, title: v.headline, publishedAt: v.publishedAt, timeLabel: multiDay ? formatDayTime(v.publishedAt) : v.timeLabel, href: v.href }));
  const ended = coverageEnded(article.live, now);
  const newest = updates.filter((u) => u.status === "published" && !isScheduled(u, now)).reduce((max, u) => Math.max(max, Date.parse(u.publishedAt), Date.parse(u.updatedAt)), Date.parse(article.updatedAt));
  const status: LiveStatusView = {
    ended,
    ...(article.live?.endedAt && ended ? { endedAt: article.live.endedAt, endedLabel: formatDateTime(article.live.endedAt) } : {}),
    lastUpdated: new Date(newest).toISOString(),
  };
  const version = digest([preview, status, views.map((v) => [v.id, v.rev])]);
  return { article, paging: livePaging(views), views, updates, keyEvents, status, version };
}
