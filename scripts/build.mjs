#!/usr/bin/env node
// `npm run build`: the content index first (markdown source: scripts/content/build-index.mts —
// validation, rendering of changed files only; invalid content stops here naming file and field),
// then `next build`, which only reads that index, then the production server (server/, compiled into
// the build folder by scripts/build-server.mjs).
// Next 16.4 keeps ISR responses in .next/server/route-cache across `next build` runs; a page cached
// by the previous build then references CSS/JS chunks that no longer exist (docs/decisions/0002).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { distDirName, isMarkdownSource } from "../lib/config/env.mjs";
import { buildServer } from "./build-server.mjs";

const root = path.resolve(import.meta.dirname, "..");
if (isMarkdownSource()) {
  const index = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "scripts", "content", "build-index.mts")], {
    cwd: root,
    stdio: "inherit",
    env: process.env,
  });
  if (index.status !== 0) process.exit(index.status ?? 1);
}
// MASTHEAD_DIST_DIR (next.config.ts distDir) keeps other sites' builds apart: .next-ar, .next-fr.
const distDir = distDirName();
fs.rmSync(path.join(root, distDir, "server"), { recursive: true, force: true });
const result = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  env: process.env,
});
if (result.status !== 0) process.exit(result.status ?? 1);
console.log(`> Production server compiled: ${path.relative(root, buildServer({ distDir }))}`);
// The origin the build was made for: a server started with another SITE_URL refuses it (issue 28).
const stamp = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "scripts", "stamp-origin.mts")], { cwd: root, stdio: "inherit", env: process.env });
process.exit(stamp.status ?? 1);
