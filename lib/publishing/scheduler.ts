/**
 * Scheduled publishing on time, everywhere: when a scheduled article's publication time comes, the
 * server revalidates exactly what that article touches (its page, sections, author and tag pages,
 * home, feeds, sitemaps — and the edge), as the webhook would for an edit, so the article appears on
 * every list at that second instead of within the pages' revalidation time. Each instance runs its
 * own scheduler from the same content; the 404 served before the time was never cached past it
 * (lib/request/routing.ts#cachePolicy).
 *
 * The go-live is a publish (./publish.ts, via "scheduler"): the same plan and purges as any other,
 * without a reload (no file changed) and without telling the other instances (theirs fire too).
 */
import type { ContentSource } from "../sources/types";
import { publish } from "./publish";
import { logger } from "../observability/log";
import { schedulerMetrics } from "../observability/metrics";
import { peekProcessSingleton, processSingleton } from "../config/singleton.mjs";

/** setTimeout's limit is ~24.8 days; re-check at least every six hours anyway (clock changes, reloads). */
const MAX_WAIT_MS = 6 * 60 * 60 * 1000;

interface Scheduler {
  rearm(): void;
  stop(): void;
}


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
      await publish(slug).then(
        () => schedulerMetrics().publications.inc({ outcome: "ok" }),
        (error) => {
          schedulerMetrics().publications.inc({ outcome: "failed" });
          logger("scheduler").error({ event: "scheduler.failed", slug, err: error }, `could not publish "${slug}"`);
        },
      );
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

/** Starts the process's scheduler once (server start); later calls return it. */
export function ensureScheduler(source: ContentSource): Scheduler | undefined {
  return processSingleton<Scheduler>("scheduler", () =>
    startScheduler(source, async (slug) => {
      const result = await publish({ slug }, { via: "scheduler" });
      if (!result.ok) throw new Error(result.error);
    }),
  );
}

/** After a content reload the next scheduled article may have changed. */
export function rearmScheduler(): void {
  peekProcessSingleton<Scheduler>("scheduler")?.rearm();
}
