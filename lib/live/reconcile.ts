/**
 * What the open page shows, brought up to date by each answer of the delta endpoint. Pure, so it
 * is tested without a browser; the island (components/LiveBlog.client.tsx) only measures whether
 * the reader is at the top and renders the result.
 *
 * New updates go straight in when the reader is at the top of the list, and are held otherwise
 * (the "N new updates" button), so nothing moves under a reader who is reading. Edits replace an
 * update in place, removals take it away, a change of pin moves the pinned slot. Updates older
 * than the page's boundary live on archived pages and are not shown here.
 */
import type { KeyEventView, LiveDelta, LiveInitial, LiveStatusView, LiveUpdateView } from "./types";

export interface LiveModel {
  version: string;
  status: LiveStatusView;
  pinned: LiveUpdateView | null;
  /** Shown, newest first (pinned excluded). */
  shown: LiveUpdateView[];
  /** Arrived while the reader was scrolled down, newest first; not shown yet. */
  pending: LiveUpdateView[];
  /** Every key event the server listed (those of pending updates are hidden until shown). */
  keyEvents: KeyEventView[];
  /** Ids just put on the page (they settle in with a mark). */
  arrived: string[];
  /** Milliseconds: updates published earlier belong to archived pages. */
  boundary: number;
}

export function initialModel(initial: LiveInitial): LiveModel {
  return {
    version: initial.version,
    status: initial.status,
    pinned: initial.pinned,
    shown: initial.updates,
    pending: [],
    keyEvents: initial.keyEvents,
    arrived: [],
    boundary: initial.boundary ? Date.parse(initial.boundary) : -Infinity,
  };
}

const newestFirst = (a: LiveUpdateView, b: LiveUpdateView) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt) || b.id.localeCompare(a.id);

export interface Applied {
  model: LiveModel;
  /** Put on the page now (the reader is at the top). */
  added: LiveUpdateView[];
  /** Newly held behind the button (the reader is scrolled down). */
  held: LiveUpdateView[];
  /** The coverage ended with this answer. */
  ended: boolean;
}

export function applyDelta(m: LiveModel, d: LiveDelta, atTop: boolean): Applied {
  const ended = d.status.ended && !m.status.ended;
  if (d.unchanged) return { model: { ...m, version: d.version, status: d.status, arrived: [] }, added: [], held: [], ended };
  const gone = new Set(d.removed ?? []);
  if (d.reset && d.manifest) {
    const alive = new Set(d.manifest.map(([id]) => id));
    for (const v of [m.pinned, ...m.shown, ...m.pending]) if (v && !alive.has(v.id)) gone.add(v.id);
  }
  let pinned = m.pinned && !gone.has(m.pinned.id) ? m.pinned : null;
  let shown = m.shown.filter((v) => !gone.has(v.id));
  let pending = m.pending.filter((v) => !gone.has(v.id));
  const fresh: LiveUpdateView[] = [];
  const upserts = d.upserts ?? [];
  const upserted = new Set(upserts.map((v) => v.id));
  const belongsHere = (v: LiveUpdateView) => Date.parse(v.publishedAt) >= m.boundary;

  for (const v of upserts) {
    const wasShown = shown.some((x) => x.id === v.id);
    const wasPending = pending.some((x) => x.id === v.id);
    const wasPinned = pinned?.id === v.id;
    if (v.pinned) {
      shown = shown.filter((x) => x.id !== v.id);
      pending = pending.filter((x) => x.id !== v.id);
      // The previous pin normally comes in the same answer, unpinned; if not, it rejoins the stream.
      if (pinned && !wasPinned && !upserted.has(pinned.id) && belongsHere(pinned)) shown = [...shown, { ...pinned, pinned: false }];
      pinned = v;
      continue;
    }
    if (wasPinned) {
      pinned = null;
      if (belongsHere(v)) shown = [...shown, v];
    } else if (wasShown) shown = shown.map((x) => (x.id === v.id ? v : x));
    else if (wasPending) pending = pending.map((x) => (x.id === v.id ? v : x));
    else if (belongsHere(v)) fresh.push(v);
  }

  let added: LiveUpdateView[] = [];
  let held: LiveUpdateView[] = [];
  if (atTop) {
    added = [...pending, ...fresh];
    shown = [...added, ...shown].sort(newestFirst);
    pending = [];
  } else {
    held = fresh;
    pending = [...fresh, ...pending].sort(newestFirst);
    shown = shown.sort(newestFirst);
  }
  return {
    model: { ...m, version: d.version, status: d.status, pinned, shown, pending, keyEvents: d.keyEvents ?? m.keyEvents, arrived: added.map((v) => v.id) },
    added,
    held,
    ended,
  };
}

/** The reader asked to see what arrived: it goes on top of the list. */
export function revealPending(m: LiveModel): LiveModel {
  if (!m.pending.length) return m;
  return { ...m, shown: [...m.pending, ...m.shown].sort(newestFirst), pending: [], arrived: m.pending.map((v) => v.id) };
}

/** Key events shown: those of updates the reader can see (held ones appear with them). */
export function visibleKeyEvents(m: LiveModel): KeyEventView[] {
  const held = new Set(m.pending.map((v) => v.id));
  return m.keyEvents.filter((k) => !held.has(k.id));
}

/** The oldest update shown: the delta endpoint's `since`. */
export function oldestShown(m: LiveModel): string | undefined {
  return m.shown.at(-1)?.id;
}
