/**
 * A second production server on its own copy of the build and of the content, for tests that edit
 * files on disk, watch the route cache grow, or wait for a clock — so nothing they do can disturb
 * the other tests, which share the main e2e server.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import e2e from "../env.json";
import { serverEntry, serverNodeArgs } from "../../scripts/server-launch.cjs";

export interface PrivateServer {
  base: string;
  /** The copied content folder (CONTENT_DIR of this server). */
  content: string;
  /** The copied build (its .next). */
  app: string;
  /** Stops the server, waits until it has exited (a warm-up may still be writing), removes the copies. */
  stop(): Promise<void>;
  /** Everything the server wrote to stdout and stderr so far. */
  log(): string;
}

const root = path.resolve(__dirname, "../..");

export async function startPrivateServer({
  portOffset,
  prepare,
  env = {},
}: {
  /** Added to the e2e port: each spec that uses a private server takes its own. */
  portOffset: number;
  /** Edits the copied content folder before the server starts. */
  prepare?: (content: string) => void;
  env?: Record<string, string>;
}): Promise<PrivateServer> {
  // E2E_PRIVATE_BASE: another base for these servers, so a spec run alone stays in a given port range.
  const port = (Number(process.env.E2E_PRIVATE_BASE) || Number(process.env.E2E_PORT) || e2e.port) + portOffset;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-e2e-"));
  const content = path.join(work, "content");
  fs.cpSync(path.join(root, "content"), content, { recursive: true });
  prepare?.(content);
  const app = path.join(work, "app");
  fs.mkdirSync(app);
  fs.cpSync(path.join(root, ".next"), path.join(app, ".next"), { recursive: true, filter: (src) => !src.includes(`${path.sep}cache${path.sep}`) });
  for (const f of ["package.json", "next.config.ts"]) fs.copyFileSync(path.join(root, f), path.join(app, f));
  for (const d of ["node_modules", "public", "lib"]) fs.symlinkSync(path.join(root, d), path.join(app, d)); // next.config.ts imports lib/
  const server: ChildProcess = spawn(process.execPath, [...serverNodeArgs(), serverEntry(), "--port", String(port), "--dir", app], {
    cwd: app,
    // Webhook-only unless the spec asks (`CONTENT_WATCH: "1"`): specs of the webhook check that a
    // saved file waits for it.
    env: { ...process.env, ...e2e.env, CONTENT_DIR: content, CONTENT_WATCH: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout?.on("data", (d) => (output += d));
  server.stderr?.on("data", (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill();
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    }
    fs.rmSync(work, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  };
  for (let i = 0; i < 200 && server.exitCode === null; i++) {
    try {
      if ((await fetch(`${base}/`)).ok) return { base, content, app, stop, log: () => output };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  await stop();
  throw new Error(`the private test server did not start:\n${output.slice(-2000)}`);
}

/** Bytes under a folder (files only). */
export function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}
