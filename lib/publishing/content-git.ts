/**
 * Content on several machines (issue 29, docs/decisions/0210): each machine's content folder is a
 * git clone of the newsroom's repository. A publish may name the commit that holds the change
 * (`{"slug": …, "commit": "<40 hex>"}`); before it reloads, every instance brings its own clone to
 * that commit — `git fetch` from CONTENT_GIT_REMOTE (default: the clone's `origin`), then
 * `git merge --ff-only <commit>` — and the bus carries the commit to the other instances, which do
 * the same before they reload.
 *
 * Safe by construction: the commit is checked to be 40 hex digits before git sees it; git runs
 * with execFile (no shell), with a timeout, never prompting; an instance already at the commit, or
 * past it (a late or repeated message), changes nothing — content never moves backwards; history
 * that is not a fast-forward is refused, never merged. Two instances sharing one clone on one
 * machine may both ask at once: a step that fails is checked again (the other may have done it).
 *
 * This file holds the git steps (`syncTo`) and what this process knows about its clone: the commit
 * it serves and, when a peer's commit could not be reached, that it is behind (the publishes it
 * missed, retried with back-off by ./publish.ts; /readyz says 503 meanwhile — lib/config/startup.ts).
 */
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { COMMIT_ID } from "./change";
import { processSingleton } from "../config/singleton.mjs";
import { contentBehind } from "./in-step.mjs";


export type SyncFailure = "not-a-clone" | "fetch-failed" | "unknown-commit" | "not-fast-forward" | "merge-failed";

export type SyncResult =
  | { ok: true; from: string; to: string; moved: boolean }
  | { ok: false; reason: SyncFailure; error: string; head?: string };

export interface SyncOptions {
  /** A remote name of the clone or a URL (CONTENT_GIT_REMOTE); default "origin". */
  remote?: string;
  fetchTimeoutMs?: number;
}

const FETCH_TIMEOUT_MS = 15_000;
const LOCAL_TIMEOUT_MS = 10_000;
/** Another process on the same clone (two instances on one machine) may hold one of git's locks. */
const ATTEMPTS = 4;
const pause = (attempt: number) => new Promise((r) => setTimeout(r, 150 * attempt));

interface GitOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

function git(dir: string, args: string[], timeoutMs = LOCAL_TIMEOUT_MS): Promise<GitOutcome> {
  return new Promise((resolve) => {
    execFile(
      "git",
      args,
      {
        cwd: dir,
        timeout: timeoutMs,
        maxBuffer: 1024 * 1024,
        env: { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_ASKPASS: "", SSH_ASKPASS: "", LC_ALL: "C" },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr || (error && code === -1 ? error.message : "")) });
      },
    );
  });
}

/** The last line git wrote to stderr, for logs and the webhook's answer (no paths beyond what git says). */
function gitSays(outcome: GitOutcome): string {
  const lines = outcome.stderr.split("\n").map((l) => l.trim()).filter(Boolean);
  return (lines.find((l) => /^(fatal|error):/.test(l)) ?? lines.at(-1) ?? `git exited with ${outcome.code}`).slice(0, 300);
}

/** Whether `commit` is HEAD or one of its ancestors: "yes", "no", or "unknown" (not in the clone). */
async function contains(dir: string, commit: string): Promise<"yes" | "no" | "unknown"> {
  const outcome = await git(dir, ["merge-base", "--is-ancestor", commit, "HEAD"]);
  return outcome.code === 0 ? "yes" : outcome.code === 1 ? "no" : "unknown";
}

/**
 * The commit HEAD names. Read from the files when the folder is the top of an ordinary clone (no
 * process to start: on a busy machine each git run waits for a core), else asked of git.
 */
async function head(dir: string): Promise<string | null> {
  const fromFiles = await headFromFiles(dir).catch(() => null);
  if (fromFiles) return fromFiles;
  const outcome = await git(dir, ["rev-parse", "--verify", "--quiet", "HEAD"]);
  const id = outcome.stdout.trim();
  return outcome.code === 0 && COMMIT_ID.test(id) ? id : null;
}

async function headFromFiles(dir: string): Promise<string | null> {
  const gitDir = path.join(dir, ".git");
  if (!(await fs.stat(gitDir)).isDirectory()) return null;
  const ref = (await fs.readFile(path.join(gitDir, "HEAD"), "utf8")).trim();
  if (COMMIT_ID.test(ref)) return ref;
  const name = /^ref: (refs\/heads\/[^\s]+)$/.exec(ref)?.[1];
  if (!name || name.includes("..")) return null;
  const loose = await fs.readFile(path.join(gitDir, name), "utf8").then((text) => text.trim(), () => null);
  if (loose !== null) return COMMIT_ID.test(loose) ? loose : null;
  const packed = await fs.readFile(path.join(gitDir, "packed-refs"), "utf8");
  const line = packed.split("\n").find((l) => l.endsWith(` ${name}`));
  const id = line?.slice(0, 40) ?? "";
  return COMMIT_ID.test(id) ? id : null;
}

/** The remote to fetch from: a remote name or a URL, never something git would read as an option. */
export function remoteOf(env: Record<string, string | undefined> = process.env): string {
  const remote = (env.CONTENT_GIT_REMOTE ?? "").trim() || "origin";
  if (remote.startsWith("-") || /[\0\n\r]/.test(remote)) throw new Error(`CONTENT_GIT_REMOTE must be a remote name or URL, not "${remote}"`);
  return remote;
}

/**
 * Brings the clone in `dir` to `commit` (fetching it first when the clone does not have it), by
 * fast-forward only. Never throws; a failure leaves the folder as it was.
 */
export async function syncTo(dir: string, commit: string, options: SyncOptions = {}): Promise<SyncResult> {
  if (!COMMIT_ID.test(commit)) return { ok: false, reason: "unknown-commit", error: "A commit must be 40 hexadecimal digits." };
  const from = await head(dir);
  if (!from) return { ok: false, reason: "not-a-clone", error: "The content folder is not a git clone with a commit checked out." };
  const known = await contains(dir, commit);
  if (known === "yes") return { ok: true, from, to: from, moved: false };
  const remote = options.remote ?? "origin";
  const timeout = options.fetchTimeoutMs ?? FETCH_TIMEOUT_MS;
  if (known === "unknown") {
    // The remote's branches (the commit was pushed to one).
    for (let attempt = 1; ; attempt++) {
      const fetched = await git(dir, ["fetch", "--quiet", "--no-tags", "--no-show-forced-updates", "--", remote], timeout);
      if (fetched.code === 0) break;
      // Another process fetching into the same clone holds a ref's lock: its fetch brings the commit.
      if ((await contains(dir, commit)) !== "unknown") break;
      if (!/\block\b/i.test(fetched.stderr) || attempt >= ATTEMPTS) {
        return { ok: false, reason: "fetch-failed", error: `Fetching from "${remote}" failed: ${gitSays(fetched)}`, head: from };
      }
      await pause(attempt);
    }
  }
  // The common case costs one merge; a failure is diagnosed after it (fewest git runs on a busy machine).
  let fetchedById = false;
  for (let attempt = 1; ; attempt++) {
    const merged = await git(dir, ["merge", "--ff-only", "--quiet", "--no-edit", commit]);
    if (merged.code === 0) {
      const to = (await head(dir)) ?? commit;
      return { ok: true, from, to, moved: to !== from };
    }
    const now = (await head(dir)) ?? from;
    const state = await contains(dir, commit);
    // Another process on the same clone got there first.
    if (state === "yes") return { ok: true, from, to: now, moved: now !== from };
    if (state === "unknown") {
      // Not on the remote's branches: the commit by its id (servers allow reachable commits, protocol v2).
      if (!fetchedById) {
        fetchedById = true;
        await git(dir, ["fetch", "--quiet", "--no-tags", "--no-show-forced-updates", "--", remote, commit], timeout);
        if ((await contains(dir, commit)) !== "unknown") continue;
      }
      return { ok: false, reason: "unknown-commit", error: `The remote "${remote}" has no commit ${commit} (was it pushed?).`, head: now };
    }
    // HEAD not an ancestor of the commit: the histories diverged (a force-push, a local commit).
    if ((await git(dir, ["merge-base", "--is-ancestor", "HEAD", commit])).code === 1) {
      return { ok: false, reason: "not-fast-forward", error: `The content folder's history and commit ${commit} diverged: not a fast-forward; nothing was changed.`, head: now };
    }
    if (attempt >= ATTEMPTS) return { ok: false, reason: "merge-failed", error: `git merge --ff-only failed: ${gitSays(merged)}`, head: now };
    await pause(attempt);
  }
}

// ---------------------------------------------------------------------------------------------
// What this process knows about its clone.

/** A publish from another instance whose commit this instance could not reach yet. */
export interface MissedPublish<C, P> {
  change: C;
  plan: P;
  commit: string;
}

interface SyncState {
  /** The commit this instance serves, when known (after its first sync). */
  head: string | null;
  /** Publishes from other instances waiting for their commit, oldest first. */
  missed: MissedPublish<unknown, unknown>[];
  /** More were missed than kept: catching up publishes everything. */
  overflowed: boolean;
  lastError: { at: string; reason: SyncFailure; error: string; commit: string } | null;
  retryTimer: NodeJS.Timeout | null;
  retryDelayMs: number;
  /** A catch-up is publishing the missed changes (the instance stays behind until they are done). */
  catchingUp: boolean;
}

/** The publishes kept while behind; beyond, catching up publishes everything once. */
export const MAX_MISSED = 50;
export const FIRST_RETRY_MS = 1_000;
export const MAX_RETRY_MS = 30_000;

// On globalThis: the webhook's route bundle and the server's instrumentation bundle share one state.
export function syncState(): SyncState {
  return processSingleton<SyncState>("contentGit", () => ({ head: null, missed: [], overflowed: false, lastError: null, retryTimer: null, retryDelayMs: FIRST_RETRY_MS, catchingUp: false }));
}

/** Whether this instance is behind the others (a peer's commit it could not reach). */
export function behind(): boolean {
  syncState();
  return contentBehind();
}
