#!/usr/bin/env node
// `npm run assemble`: the deployable folder, from the build in MASTHEAD_DIST_DIR (run `npm run build`
// first, with the environment the server will run with). `next build` writes a self-contained app to
// `<dist>/standalone` (its own trimmed node_modules) but leaves out what Next serves from elsewhere;
// this adds, in place:
//   <dist>/static           → <dist>/standalone/<dist>/static      (hashed JS and CSS)
//   public/                 → <dist>/standalone/public             (fonts, icons, robots assets)
//   <dist>/masthead-server.mjs → <dist>/standalone/<dist>/         (the production server, server/)
//   <dist>/masthead-origin.json → <dist>/standalone/<dist>/        (the origin the build was made for:
//                                  the server refuses another — docs/decisions/0133; absent after a
//                                  plain `next build`, and then removed from the folder too)
//   scripts/store/backup.mjs → <dist>/standalone/scripts/store/ (the reader data store's backup and
//                                  restore, run from the folder: docs/deploy.md §10)
// and checks that every package the server imports is in the standalone node_modules, so the
// folder starts on a machine that has nothing else (docs/deploy.md §2, docs/decisions/0116).
// Then: cd <dist>/standalone && node --max-old-space-size=256 <dist>/masthead-server.mjs --dir .
import fs from "node:fs";
import path from "node:path";
import { distDirName } from "../lib/config/env.mjs";
import { SERVER_FILE } from "./build-server.mjs";

const root = path.resolve(import.meta.dirname, "..");
const dist = distDirName();
const build = path.join(root, dist);
const out = path.join(build, "standalone");
const fail = (message) => {
  console.error(`✖ ${message}`);
  process.exit(1);
};

for (const needed of ["BUILD_ID", SERVER_FILE, "static", "standalone"]) {
  if (!fs.existsSync(path.join(build, needed))) fail(`${path.join(dist, needed)} is missing: run \`npm run build\` first (with MASTHEAD_DIST_DIR=${dist}).`);
}
const copies = [
  [path.join(build, "static"), path.join(out, dist, "static")],
  [path.join(root, "public"), path.join(out, "public")],
  [path.join(build, SERVER_FILE), path.join(out, dist, SERVER_FILE)],
  [path.join(root, "scripts", "store", "backup.mjs"), path.join(out, "scripts", "store", "backup.mjs")],
];
const ORIGIN_STAMP = "masthead-origin.json";
copies.push([path.join(build, ORIGIN_STAMP), path.join(out, dist, ORIGIN_STAMP)]);
for (const [from, to] of copies) {
  fs.rmSync(to, { recursive: true, force: true });
  if (fs.existsSync(from)) fs.cpSync(from, to, { recursive: true });
}

// The packages the compiled server imports (bare specifiers), each present in the folder.
const server = fs.readFileSync(path.join(out, dist, SERVER_FILE), "utf8");
const packages = new Set();
for (const [, spec] of server.matchAll(/^\s*import\s[^"']*["']([^"'./][^"']*)["']/gm)) {
  if (spec.startsWith("node:")) continue;
  packages.add(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]);
}
packages.add("next"); // required by name at start
const missing = [...packages].filter((name) => !fs.existsSync(path.join(out, "node_modules", name, "package.json")));
if (missing.length) fail(`the standalone node_modules lacks ${missing.join(", ")}, which the server imports: trace them (next.config.ts outputFileTracingIncludes).`);

const size = (dir) => fs.readdirSync(dir, { recursive: true, withFileTypes: true }).reduce((n, e) => (e.isFile() ? n + fs.statSync(path.join(e.parentPath, e.name)).size : n), 0);
console.log(`✔ ${path.relative(root, out)} is ready to ship (${Math.round(size(out) / 1e6)} MB; the server imports ${[...packages].sort().join(", ")}).`);
console.log(`  cd ${path.relative(root, out)} && CONTENT_DIR=/srv/masthead/content node --max-old-space-size=256 ${path.join(dist, SERVER_FILE)} --dir .`);
