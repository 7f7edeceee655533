/**
 * What the live blog's page and its island show, and what the delta endpoint sends: plain data,
 * formatted on the server (dates in the site's zone and language), so an update looks the same
 * whether it came in the HTML or from /api/live. No server imports: the island imports this file.
 */
import type { ClientMessage } from "../i18n/client-format";

/** Readers only ever see `published`; preview also shows drafts and updates not yet due. */
export type UpdateState = "published" | "draft" | "scheduled";

export interface LiveUpdateView {
  id: string;
  /** A digest of everything shown of this update (and where it lives): it changes when any of it does. */
  rev: string;
  title?: string;
  /** Its title, or the start of its text: key events, announcements, JSON-LD. */
  headline: string;
  /** Safe HTML (lib/html). */
  html: string;
  /** ISO 8601. */
  publishedAt: string;
  /** ISO 8601, when the update was edited after it was published. */
  editedAt?: string;
  /** "2:05 PM" in the site's zone. */
  timeLabel: string;
  /** "December 1, 2026 at 2:05 PM UTC". */
  dateLabel: string;
  editedLabel?: string;
  keyEvent: boolean;
  pinned: boolean;
  authors: { name: string; href: string }[];
  /** The page that shows it, with its anchor: "/news/local/storm/page/2#update-x". */
  href: string;
  /** The same, absolute on SITE_URL (copy link, JSON-LD). */
  permalink: string;
  state: UpdateState;
}

export interface KeyEventView {
  id: string;
  /** The update's headline, or the start of its text. */
  title: string;
  publishedAt: string;
  timeLabel: string;
  href: string;
}

export interface LiveStatusView {
  ended: boolean;
  endedAt?: string;
  endedLabel?: string;
  /** ISO 8601: the newest visible update's publication or edit (the article's own date without updates). */
  lastUpdated: string;
}

/**
 * The answer of GET /api/live/<slug>?after=<version>&since=<update id> (docs/decisions/0101).
 * - `unchanged`: the reader is up to date (the common, tiny answer).
 * - otherwise `upserts` (new or changed updates, whole) and `removed` (ids), relative to `after`;
 * - `reset`: this server does not know `after` (restart, another instance, too old): `manifest`
 *   lists every visible update's id and rev, `upserts` holds every update from `since` onwards,
 *   and whatever the reader shows that is not in the manifest is gone.
 */
export interface LiveDelta {
  version: string;
  status: LiveStatusView;
  unchanged?: true;
  upserts?: LiveUpdateView[];
  removed?: string[];
  keyEvents?: KeyEventView[];
  reset?: true;
  manifest?: [id: string, rev: string][];
}

/** The island's starting point, rendered by the server. */
export interface LiveInitial {
  slug: string;
  version: string;
  status: LiveStatusView;
  pinned: LiveUpdateView | null;
  /** The page's updates, newest first (pinned excluded). */
  updates: LiveUpdateView[];
  keyEvents: KeyEventView[];
  /**
   * ISO 8601: updates published before this belong to archived pages (the page's oldest update,
   * when there are older pages); absent when this page reaches back to the start.
   */
  boundary?: string;
  /** Poll for new updates: the front page of a live blog that has not ended. */
  poll: boolean;
  /** ISO 8601: when the server rendered this (relative times render from it, then tick). */
  renderedAt: string;
}

/**
 * The islands' interface strings, from the catalogue in the site's language (lib/live/messages.ts):
 * finished strings, and parsed messages for what the browser formats itself (counts, times).
 */
export interface LiveMessages {
  /** The tag Intl formats with (relative times, lists of authors). */
  locale: string;
  badge: string;
  /** "Updated {time}" */
  updated: ClientMessage;
  ended: string;
  /** "Live coverage ended {date}" */
  endedAt: ClientMessage;
  keyEvents: string;
  noKeyEvents: string;
  /** "Show {count} more" */
  moreKeyEvents: ClientMessage;
  pinned: string;
  keyEvent: string;
  /** "Edited {date}" */
  edited: ClientMessage;
  draft: string;
  /** "Scheduled for {date}" */
  scheduledFor: ClientMessage;
  updatesHeading: string;
  /** "By {authors}" */
  byline: ClientMessage;
  copyLink: string;
  linkCopied: string;
  /** "Show {count} new updates" */
  showNewUpdates: ClientMessage;
  /** "New update: {headline}" */
  arrivedOne: ClientMessage;
  /** "{count} new updates." */
  arrived: ClientMessage;
  /** "{count} new updates above. Use the button…" */
  waiting: ClientMessage;
  /** "Showing {count} new updates." */
  showing: ClientMessage;
  connectionLost: string;
}
