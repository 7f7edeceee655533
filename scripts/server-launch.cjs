// How every script and test starts the production server: `node <serverNodeArgs()> <serverEntry()>
// --port P [--dir D]`. The server is compiled from server/ into the build folder by the build
// (scripts/build-server.mjs); serverEntry() compiles it again first when server/ changed since (or a
// build older than the typed server has none), so a checkout never runs a stale server.

// CommonJS: Playwright's configs load it through their own transform, under which an ES module with
// imports fails ("exports is not defined"); ES module scripts import it by name all the same.
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { distDirName } = require("../lib/config/dist-dir.cjs");

/** The compiled server's file name in the build folder (scripts/build-server.mjs writes it). */
const SERVER_FILE = "masthead-server.mjs";

const root = path.resolve(__dirname, "..");

// The Node flags the production server runs with (docs/decisions/0082). V8 sizes its heap from the
// machine's memory — a 4 GB limit on a 24 GB host — and lets garbage pile up towards it: after
// 1,000 first renders the server held 330 MB of heap for ~110 MB of live objects (RSS 600 MB). A
// limit of 256 MB keeps RSS near 340 MB with no loss in the median render (the p95 pays a few more
// collections); 3,000 first renders at 50 at once peaked at a 204 MB heap. MASTHEAD_HEAP_MB
// changes it; 0 leaves V8's default. A limit already in NODE_OPTIONS wins.

/** Flags for `node <flags> <serverEntry()>`. */
function serverNodeArgs(env = process.env) {
  if (/--max-old-space-size/.test(env.NODE_OPTIONS ?? "")) return [];
  const raw = env.MASTHEAD_HEAP_MB?.trim() || "256";
  const mb = Number(raw);
  if (!Number.isInteger(mb) || mb < 0 || (mb > 0 && mb < 128)) {
    throw new Error(`MASTHEAD_HEAP_MB must be 0 (V8's default) or a whole number of megabytes ≥ 128, not "${raw}".`);
  }
  return mb === 0 ? [] : [`--max-old-space-size=${mb}`];
}

function newestSource() {
  let newest = 0;
  for (const entry of fs.readdirSync(path.join(root, "server"), { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && !entry.name.endsWith(".test.ts")) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** The compiled server of the build in MASTHEAD_DIST_DIR (of `env`), compiled first when missing or older than server/. */
function serverEntry(env = process.env) {
  const distDir = distDirName(env);
  const file = path.join(root, distDir, SERVER_FILE);
  let built = 0;
  try {
    built = fs.statSync(file).mtimeMs;
  } catch {
    built = 0;
  }
  if (built < newestSource()) {
    const compiled = spawnSync(process.execPath, [path.join(root, "scripts", "build-server.mjs")], { cwd: root, env: { ...process.env, MASTHEAD_DIST_DIR: distDir }, stdio: ["ignore", "ignore", "inherit"] });
    if (compiled.status !== 0) throw new Error(`Compiling the production server (scripts/build-server.mjs) failed with status ${compiled.status}.`);
  }
  return file;
}

module.exports = { serverNodeArgs, serverEntry };
