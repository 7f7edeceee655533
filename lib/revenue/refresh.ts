/**
 * /support shows the count of supporters; each recorded Stripe event makes it stale. A campaign's
 * last day brings thousands of events a minute, and re-rendering the page for each would cost more
 * than the events themselves: the page is expired at most once per SUPPORT_REFRESH_MS — at once for
 * the first event after a quiet spell, then once at the end of the window for those that followed,
 * so the last event of a burst is always shown. No request context needed (lib/publishing/apply.ts):
 * through Next's tag expiries, shared by every instance when REDIS_URL is set.
 */
import { expireTags } from "../cluster/redis.mjs";
import { nextCacheTags } from "../publishing/apply";
import { processSingleton } from "../config/singleton.mjs";

/** At most one refresh of /support per this many milliseconds (the edge keeps it 5 minutes anyway). */
export const SUPPORT_REFRESH_MS = 10_000;

export interface Throttle {
  (): void;
  /** Runs a pending call now (tests, shutdown). */
  flush(): Promise<void>;
}

/** `run` at once when the last run is `windowMs` old, else once at the end of the window, however many calls came. */
export function throttle(run: () => Promise<void> | void, windowMs: number, now: () => number = Date.now): Throttle {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> = Promise.resolve();
  const fire = () => {
    timer = null;
    last = now();
    running = (async () => {
      try {
        await run();
      } catch (error) {
        console.error(`[revenue] /support not refreshed: ${error instanceof Error ? error.message : String(error)}`);
      }
    })();
  };
  const call = (() => {
    if (timer) return;
    const wait = last + windowMs - now();
    if (wait <= 0) fire();
    else {
      timer = setTimeout(fire, wait);
      timer.unref?.();
    }
  }) as Throttle;
  call.flush = async () => {
    if (timer) {
      clearTimeout(timer);
      fire();
    }
    await running;
  };
  return call;
}

const expireSupportPage = () => expireTags(nextCacheTags({ tags: [], paths: ["/support"], everything: false }));

/** Marks /support stale for its next request, throttled (one throttle per process, whatever bundle calls). */
export function refreshSupportPage(): void {
  processSingleton("supportRefresh", () => throttle(expireSupportPage, SUPPORT_REFRESH_MS))();
}
