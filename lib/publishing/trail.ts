/**
 * The publish trail: one structured log line per publish, refusal and scheduled go-live — what,
 * when, which way (folder, webhook, command, scheduler, another instance) and the result — so an
 * editor's "why is my story not up?" is answered by the server log. Every line goes through
 * `writeTrail`, the one place that knows where logs go.
 */
import type { ContentProblem } from "../content/errors";

export interface TrailEntry {
  /** "publish" (a change applied), "refused" (invalid content: the last good version stays),
   * "not-found" (nothing of that name, before or after), "failed" (the source was unavailable),
   * "went-live" (a scheduled article's time came). */
  result: "publish" | "refused" | "not-found" | "failed" | "went-live";
  /** What changed, e.g. "article harbour-bridge-reopens". */
  what: string;
  via: string;
  /** The file that changed, relative to the content folder (the folder watcher). */
  file?: string;
  ms: number;
  /** How many tags and routes the plan expired. */
  tags?: number;
  routes?: number;
  problems?: ContentProblem[];
  error?: string;
}

export function writeTrail(entry: TrailEntry): void {
  const line = JSON.stringify({ time: new Date().toISOString(), msg: "publish trail", ...entry });
  if (entry.result === "refused" || entry.result === "failed") console.error(line);
  else console.log(line);
}
