/**
 * The running server follows its markdown content folder: a file added, changed or removed is
 * published (./publish.ts, via "folder") as a webhook call for it would be — the same reload, plan,
 * purges and fan-out to the other instances. Per file, debounced: an editor's save (often a write,
 * then a rename) is one publish, ~DEBOUNCE_MS after the last event. `CONTENT_WATCH=0` turns it off
 * for deployments that publish only by webhook (docs/decisions/0130).
 *
 * fs.watch with `recursive` (inotify on Linux, one watch per folder, new folders followed by Node).
 * Events can be lost under load (the inotify queue overflows) — the webhook and `npm run publish`
 * remain for that, and a restart re-reads the folder.
 */
import fs from "node:fs";
import path from "node:path";
import { changeForFile } from "./files";
import { publish } from "./publish";
import type { Change } from "./change";
import { peekProcessSingleton, setProcessSingleton } from "../config/singleton.mjs";
import { isMarkdownSource } from "../config/env.mjs";

/**
 * A save's events arrive within a millisecond or two of each other (a write: two "change" events; a
 * write to a temporary file then a rename: three), and are queued together while the server is busy:
 * 50 ms is ample headroom and the smaller part of a save's second (docs/decisions/0300).
 */
export const DEBOUNCE_MS = 50;

export interface FolderWatch {
  close(): void;
}

export function watchEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return isMarkdownSource(env) && !/^(0|false|off|no)$/i.test(env.CONTENT_WATCH ?? "");
}

/** Watches `dir` and hands each settled change to `onChange` (tests pass their own). */
export function watchFolder(dir: string, onChange: (change: Change, file: string) => Promise<unknown>, debounceMs = DEBOUNCE_MS): FolderWatch {
  const timers = new Map<string, { timer: NodeJS.Timeout; change: Change; file: string }>();
  const settle = (file: string) => {
    const change = changeForFile(file);
    if (!change) return;
    // One publish per change: a save's write and rename, or a file moved between subfolders.
    const key = JSON.stringify(change);
    clearTimeout(timers.get(key)?.timer);
    const timer = setTimeout(() => {
      timers.delete(key);
      void onChange(change, file).catch((error) => console.error(`Publishing ${file} failed:`, error instanceof Error ? error.message : error));
    }, debounceMs);
    timer.unref();
    timers.set(key, { timer, change, file });
  };
  const watcher = fs.watch(dir, { recursive: true, persistent: false }, (_event, filename) => {
    if (filename) settle(filename.toString());
  });
  watcher.on("error", (error) => console.error(`Watching ${dir} stopped: ${error.message}; publish with the webhook or npm run publish.`));
  return {
    close() {
      watcher.close();
      for (const { timer } of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}

/** Starts the server's watch once (lib/config/startup.ts), when the markdown source is active and not switched off. */
export function startContentWatch(dir: string): FolderWatch | null {
  const running = peekProcessSingleton<FolderWatch>("contentWatch");
  if (running || !watchEnabled()) return running ?? null;
  const real = fs.realpathSync(dir);
  const watch = watchFolder(real, (change, file) => publish(change, { via: "folder", file: path.posix.normalize(file.split(path.sep).join("/")) }));
  setProcessSingleton("contentWatch", watch);
  console.log(`Following ${dir}: saved files are published within a second (CONTENT_WATCH=0 turns this off).`);
  return watch;
}
