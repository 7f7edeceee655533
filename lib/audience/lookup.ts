/**
 * Lets the beacon endpoint of the production server (server/beacon.ts), which runs outside Next's
 * bundles in the same process, tell a visible article from anything else: slug → its section,
 * through the active content source (whichever it is), or null. The endpoint remembers each answer
 * for a few minutes, so the source is asked about once per article, not per beacon. No imports but
 * the singleton helper: the server bundles this file; the Next side registers the lookup
 * (register-lookup.ts).
 */
import { peekProcessSingleton, setProcessSingleton } from "../config/singleton.mjs";

export type ArticleLookup = (slug: string) => Promise<{ section: string } | null>;

/** The lookup the Next side registered at start; undefined until then. */
export function articleLookup(): ArticleLookup | undefined {
  return peekProcessSingleton<ArticleLookup>("audience.lookup");
}

export function setArticleLookup(lookup: ArticleLookup): void {
  setProcessSingleton("audience.lookup", lookup);
}
