/**
 * The failed-secret limiter: at most FAILED_SECRET_LIMIT wrong secrets per client per window, then
 * 429 for that client's wrong secrets until the window ends. Only failures are counted and only
 * failures are refused — the right secret always gets through (lib/access/guard.ts checks it first), so
 * nobody can lock editors out by guessing badly (docs/decisions/0050). The counts live in a
 * CounterStore (lib/access/counter-store.ts): per process now, shareable between instances later.
 */
import { sharedCounterStore } from "./counter-store";
import { peekProcessSingleton } from "../config/singleton.mjs";

export const FAILED_SECRET_LIMIT = 10;
export const FAILED_SECRET_WINDOW_MS = 60_000;

/**
 * The number of reverse proxies in front of the server whose X-Forwarded-For entries are trusted:
 * TRUST_PROXY unset, empty or 0 → none; a whole number N → N. Anything else is a configuration
 * error, reported at startup (lib/config/startup.ts) and treated as "none" meanwhile.
 */
export function trustedProxyHops(env: Record<string, string | undefined> = process.env): number {
  const value = env.TRUST_PROXY?.trim() ?? "";
  return /^[0-9]{1,2}$/.test(value) ? Number(value) : 0;
}

/** Why TRUST_PROXY is unusable, worded for an operator; null when it is fine. */
export function trustProxyProblem(env: Record<string, string | undefined> = process.env): string | null {
  const value = env.TRUST_PROXY?.trim() ?? "";
  if (value === "" || /^[0-9]{1,2}$/.test(value)) return null;
  return `TRUST_PROXY must be the number of reverse proxies in front of Masthead (e.g. 1), or unset; it is "${value.slice(0, 40)}".`;
}

/**
 * The header the production server (server/main.ts) sets to the TCP peer's address. Trusted only when that server says
 * it set it (a global flag in the same process): under any other server a client could send it.
 */
export const PEER_ADDRESS_HEADER = "x-masthead-peer-address";

/**
 * Who is trying, for the limiter. With TRUST_PROXY=N the client is the entry the outermost trusted
 * proxy appended: the Nth X-Forwarded-For entry from the right (N=1: the last). Entries to its left
 * came from the client and are ignored — rotating them changes nothing. Without trusted proxies (or
 * with fewer entries than N, i.e. a request that did not come through them) the client is the TCP
 * peer when the production server reports it, else one shared bucket — which only ever slows down
 * other wrong guesses, since the right secret is never refused.
 */
export function clientKey(request: Request, env: Record<string, string | undefined> = process.env): string {
  // Several X-Forwarded-For headers are joined with ", " by Headers.get, in order.
  const peer = peekProcessSingleton("peerAddressHeader") === true ? request.headers.get(PEER_ADDRESS_HEADER) : null;
  return clientFrom(request.headers.get("x-forwarded-for"), peer, env);
}

/** The rule of clientKey from the header and the peer address (the production server's own limiter uses it too). */
export function clientFrom(forwardedFor: string | null, peer: string | null, env: Record<string, string | undefined> = process.env): string {
  const hops = trustedProxyHops(env);
  if (hops > 0) {
    const entries = (forwardedFor ?? "")
      .split(",")
      .map((e) => e.trim())
      .filter(Boolean);
    if (entries.length >= hops) return `forwarded:${entries[entries.length - hops].slice(0, 64)}`;
  }
  return peer ? `peer:${peer.slice(0, 64)}` : "direct";
}

/**
 * Counts one failed attempt of `client` at `purpose`. Returns the seconds to wait when the client is
 * now over the limit (at most the window), or 0 when it may simply be told "wrong".
 */
export async function recordFailedSecret(purpose: string, client: string): Promise<number> {
  const count = await sharedCounterStore("failed-secrets").hit(`${purpose}:${client}`, FAILED_SECRET_WINDOW_MS);
  return count > FAILED_SECRET_LIMIT ? Math.ceil(FAILED_SECRET_WINDOW_MS / 1000) : 0;
}
