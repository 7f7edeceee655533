// Types of scripts/build-fingerprint.mjs (what a production build is made from; npm start's rebuild check).
export interface BuildFingerprint {
  contentDir: string;
  contentSource: string;
  siteUrl: string;
  wordpressUrl: string;
  prerenderArticles: string;
  envFiles: Record<string, string>;
  newsletters: boolean;
  embedCache: string;
  code: number;
  content: number;
}
export function codeMtime(root: string, options?: { server?: boolean }): number;
export function buildFingerprint(root: string, env?: Record<string, string | undefined>): BuildFingerprint;
export function rebuildReason(previous: BuildFingerprint | null, current: BuildFingerprint): string | null;
