/**
 * A secret that never leaves the process: the server's own scheduler (lib/scheduler.ts) presents it
 * to the revalidation webhook over loopback, so scheduled publishing works without REVALIDATE_SECRET
 * and without anyone outside being able to trigger it. Random per process, compared in constant time.
 */
import { randomBytes } from "node:crypto";
import { secretsMatch } from "./secrets";

const KEY = Symbol.for("masthead.internalToken");
type WithToken = typeof globalThis & { [KEY]?: string };

export const INTERNAL_TOKEN_HEADER = "x-masthead-internal";

export function internalToken(): string {
  const g = globalThis as WithToken;
  g[KEY] ??= randomBytes(32).toString("base64url");
  return g[KEY];
}

export function isInternalRequest(request: Request): boolean {
  const given = request.headers.get(INTERNAL_TOKEN_HEADER);
  return Boolean(given) && secretsMatch(given!, internalToken());
}
