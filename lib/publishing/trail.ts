/**
 * The publish trail: one structured log line per publish, refusal and scheduled go-live — what,
 * when, which way (folder, webhook, command, scheduler, another instance) and the result — so an
 * editor's "why is my story not up?" is answered by the server log. Every line goes through
 * `writeTrail`, the one place that knows where logs go.
 */
import type { ContentProblem } from "../sources/errors";
import { logger } from "../observability/log";

export interface TrailEntry {
  /** "publish" (a change applied), "refused" (invalid content: the last good version stays),
   * "not-found" (nothing of that name, before or after), "failed" (the source was unavailable),
   * "went-live" (a scheduled article's time came), "not-synced" (the named commit could not be
   * reached: the content folder is as it was). */
  result: "publish" | "refused" | "not-found" | "failed" | "went-live" | "not-synced";
  /** What changed, e.g. "article harbour-bridge-reopens". */
  what: string;
  via: string;
  /** The file that changed, relative to the content folder (the folder watcher). */
  file?: string;
  /** The content repository's commit the publish named (content on several machines). */
  commit?: string;
  ms: number;
  /** How many tags and routes the plan expired. */
  tags?: number;
  routes?: number;
  problems?: ContentProblem[];
  error?: string;
}

/** One JSON line of the process's logger (lib/observability/log.ts): `{"component":"publish","event":"publish.trail",…}`. */
export function writeTrail(entry: TrailEntry): void {
  const log = logger("publish");
  const fields = { event: "publish.trail", ...entry, problems: entry.problems?.length ? entry.problems : undefined };
  if (entry.result === "failed") log.error(fields, "publish trail");
  else if (entry.result === "refused" || entry.result === "not-synced") log.warn(fields, "publish trail");
  else log.info(fields, "publish trail");
}
