#!/usr/bin/env node
// `npm run build`: a production build that never serves pages cached by an earlier build.
// Next 16.4 keeps ISR responses in .next/server/route-cache across `next build` runs; a page cached
// by the previous build then references CSS/JS chunks that no longer exist (docs/decisions/0002).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
// MASTHEAD_DIST_DIR (next.config.ts distDir) keeps other sites' builds apart: .next-ar, .next-fr.
const distDir = process.env.MASTHEAD_DIST_DIR || ".next";
fs.rmSync(path.join(root, distDir, "server"), { recursive: true, force: true });
const result = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  env: process.env,
});
process.exit(result.status ?? 1);
