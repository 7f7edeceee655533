// Whether this instance lacks a commit the other instances published (content on several machines:
// ./content-git.ts keeps the state, docs/decisions/0210). Plain JavaScript, so that Next's cache
// handler (loaded natively, lib/cluster/cache-handler.mjs) and the production server read the same
// rule as the publishing code: while behind, nothing this instance renders may reach a shared cache —
// not Redis, not the edge — since it is rendered from an old copy (docs/decisions/0194).
import { peekProcessSingleton } from "../config/singleton.mjs";

/** True while a peer's commit is missing here (kept until the catch-up has published it). */
export function contentBehind() {
  const state = peekProcessSingleton("contentGit");
  return Boolean(state && (state.missed.length > 0 || state.overflowed));
}
