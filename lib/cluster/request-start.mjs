// When the request being answered began, for the page cache (./cache-handler.mjs): a render that
// began before a publish expired its page read the content that publish replaced, and must not be
// kept, although it finishes — and would be dated — after the expiry (docs/decisions/0300).
//
// The production server (server/main.ts) runs every request it hands to Next inside
// `runFromRequestStart`; Next calls the cache handler within that request's asynchronous context,
// also for a render it shares between requests (the first one's) or finishes in the background.
// Plain JavaScript and a process singleton: the server's bundle and Next's native import of the
// cache handler each load their own copy of this file.
import { AsyncLocalStorage } from "node:async_hooks";
import { processSingleton } from "../config/singleton.mjs";

const storage = () => processSingleton("requestStart", () => new AsyncLocalStorage());

/** Runs `fn` as the work of a request that began at `at` (epoch ms; now by default). */
export function runFromRequestStart(fn, at = Date.now()) {
  return storage().run({ at }, fn);
}

/** When the request whose work is running began (epoch ms), or undefined outside one (a build, `next start`). */
export function requestStartedAt() {
  return storage().getStore()?.at;
}
