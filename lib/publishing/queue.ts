/**
 * The publish queue: publishes — and the git steps of content on several machines (./catch-up.ts),
 * which must never run beside one — run one at a time per process, in the order they were asked for.
 * On globalThis: the webhook's route bundle and the server's instrumentation bundle each have their
 * own copy of this module, and must share one queue.
 */
import { processSingleton } from "../config/singleton.mjs";

/** Runs `work` after everything queued before it; a failure does not stop what follows. */
export function inQueue<T>(work: () => Promise<T>): Promise<T> {
  const queue = processSingleton<{ tail: Promise<unknown> }>("publishQueue", () => ({ tail: Promise.resolve() }));
  const run = queue.tail.then(work);
  queue.tail = run.catch(() => undefined);
  return run;
}
