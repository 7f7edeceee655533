#!/usr/bin/env node
// `npm start`: builds first when needed (no build yet, or the build was made for another content
// folder, source, site URL or PRERENDER_ARTICLES — from the shell or .env —, a .env file changed,
// or the code changed since), then serves the production build.
// `npm run start:built` (--no-build) serves the build there is, as it is. Either way the server gets
// the Node flags of scripts/server-launch.cjs (MASTHEAD_HEAP_MB).
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import nextEnv from "@next/env";
import { buildFingerprint, rebuildReason } from "./build-fingerprint.mjs";
import { serverEntry, serverNodeArgs } from "./server-launch.cjs";
import { distDirName } from "../lib/config/env.mjs";

const root = path.resolve(import.meta.dirname, "..");
// The settings of .env count as the environment's (Next reads them at build time): a SITE_URL set
// there and changed since the last build rebuilds, as one set in the shell does.
nextEnv.loadEnvConfig(root, false, { info: () => undefined, error: console.error });
// MASTHEAD_DIST_DIR serves (and builds) another site beside the default one, e.g. .next-ar.
const distDir = distDirName();
const noBuild = process.argv.includes("--no-build");
const serverArgs = process.argv.slice(2).filter((a) => a !== "--no-build");
const stampFile = path.join(root, distDir, "masthead-build.json");
const current = buildFingerprint(root);
let previous = null;
try {
  previous = JSON.parse(fs.readFileSync(stampFile, "utf8"));
} catch {
  previous = null;
}

const reason = fs.existsSync(path.join(root, distDir, "BUILD_ID")) ? rebuildReason(previous, current) : "there is no build yet";
if (!noBuild && reason) {
  console.log(`> Building Masthead for ${current.contentDir} (${reason}) …`);
  const build = spawnSync(process.execPath, [path.join(root, "scripts", "build.mjs")], {
    cwd: root,
    stdio: "inherit",
    env: process.env,
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
  fs.writeFileSync(stampFile, JSON.stringify(current));
}

const port = process.env.PORT || "3000";
const server = spawn(process.execPath, [...serverNodeArgs(), serverEntry(), "--port", port, ...serverArgs], {
  cwd: root,
  stdio: "inherit",
  env: process.env,
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
