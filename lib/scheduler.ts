/**
 * Scheduled publishing on time, everywhere: when a scheduled article's publication time comes, the
 * server revalidates exactly what that article touches (its page, sections, author and tag pages,
 * home, feeds, sitemaps — and the edge), as the webhook would for an edit, so the article appears on
 * every list at that second instead of within the pages' revalidation time. Each instance runs its
 * own scheduler from the same content; the 404 served before the time was never cached past it
 * (lib/routing.ts#cachePolicy).
 *
 * The revalidation runs through the webhook itself, called over loopback with a token that never
 * leaves the process (lib/internal-token.ts): Next's revalidation functions need a request.
 */
import type { ContentSource } from "./content/types";
import { INTERNAL_TOKEN_HEADER, internalToken } from "./internal-token";

const KEY = Symbol.for("masthead.scheduler");
/** setTimeout's limit is ~24.8 days; re-check at least every six hours anyway (clock changes, reloads). */
const MAX_WAIT_MS = 6 * 60 * 60 * 1000;

interface Scheduler {
  rearm(): void;
  stop(): void;
}

type WithScheduler = typeof globalThis & { [KEY]?: Scheduler };

export function startScheduler(source: ContentSource, publish: (slug: string) => Promise<void>, now = () => new Date()): Scheduler {
  let timer: NodeJS.Timeout | undefined;
  let armed = 0;
  let lastCheck = now().getTime();

  const fire = async () => {
    const at = now().getTime();
    // Everything whose time came since the last check (several articles can share a minute).
    const due: string[] = [];
    const latest = await source.listArticles({ perPage: 50 });
    for (const a of latest.items) {
      const t = Date.parse(a.publishedAt);
      if (t > lastCheck && t <= at) due.push(a.slug);
    }
    lastCheck = at;
    for (const slug of due) {
      await publish(slug).catch((error) => console.error(`[scheduler] could not publish "${slug}":`, error instanceof Error ? error.message : error));
    }
  };

  const arm = async () => {
    const generation = ++armed;
    clearTimeout(timer);
    const next = await source.nextScheduled(now()).catch(() => null);
    if (generation !== armed) return;
    const wait = next ? Math.max(0, Date.parse(next.publishedAt) - now().getTime()) : MAX_WAIT_MS;
    timer = setTimeout(() => {
      void fire().finally(() => void arm());
    }, Math.min(wait + (next ? 50 : 0), MAX_WAIT_MS));
    timer.unref();
  };

  void arm();
  return {
    rearm: () => void arm(),
    stop: () => {
      armed++;
      clearTimeout(timer);
    },
  };
}

/** The revalidation of one article through this server's own webhook (over loopback). */
async function publishThroughWebhook(slug: string): Promise<void> {
  const port = process.env.PORT;
  const host = process.env.HOSTNAME && process.env.HOSTNAME !== "localhost" && process.env.HOSTNAME !== "0.0.0.0" ? process.env.HOSTNAME : "127.0.0.1";
  const response = await fetch(`http://${host.includes(":") ? `[${host}]` : host}:${port}/api/revalidate`, {
    method: "POST",
    headers: { "content-type": "application/json", [INTERNAL_TOKEN_HEADER]: internalToken(), "x-masthead-reason": "scheduled" },
    body: JSON.stringify({ slug }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`the webhook answered ${response.status}`);
  console.info(`[scheduler] published "${slug}" on time`);
}

/** Starts the process's scheduler once (server start); later calls return it. */
export function ensureScheduler(source: ContentSource): Scheduler | undefined {
  const g = globalThis as WithScheduler;
  if (!process.env.PORT) return undefined;
  g[KEY] ??= startScheduler(source, publishThroughWebhook);
  return g[KEY];
}

/** After a content reload the next scheduled article may have changed. */
export function rearmScheduler(): void {
  (globalThis as WithScheduler)[KEY]?.rearm();
}
