#!/usr/bin/env node
// Compiles the production server (server/*.ts, with the lib/ modules it imports) into one ES module
// in the build folder, `<MASTHEAD_DIST_DIR>/masthead-server.mjs` (docs/decisions/0116): Node 20 runs
// no TypeScript, and the build folder is what a deployment ships. Packages stay imports, resolved
// from node_modules at run time (the standalone folder's own, once assembled: scripts/assemble.mjs),
// but for the small pure ones of BUNDLED, which Next's tracing does not copy there because no page
// imports them. Run by scripts/build.mjs after `next build`, and by
// scripts/server-launch.cjs when the sources are newer than the compiled file.
//
//   node scripts/build-server.mjs          (MASTHEAD_DIST_DIR picks the build folder)
import fs from "node:fs";
import path from "node:path";
import { buildSync } from "esbuild";
import { distDirName } from "../lib/config/env.mjs";

const root = path.resolve(import.meta.dirname, "..");

/** Packages compiled into the server rather than imported at run time. */
const BUNDLED = new Set(["isbot"]);

/** The compiled server of the build in `distDir` (relative to the app's folder). */
export const SERVER_FILE = "masthead-server.mjs";

function externalPackages() {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((name) => !BUNDLED.has(name));
  return names.flatMap((name) => [name, `${name}/*`]);
}

/** Compiles server/ into `<root>/<distDir>/masthead-server.mjs` (written whole, then renamed: a reader never sees half). */
export function buildServer({ appRoot = root, distDir = distDirName() } = {}) {
  const outfile = path.join(appRoot, distDir, SERVER_FILE);
  const result = buildSync({
    entryPoints: [path.join(root, "server", "main.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: externalPackages(),
    outfile,
    write: false,
    legalComments: "none",
    logLevel: "warning",
    banner: { js: "// Masthead's production server, compiled from server/ by scripts/build-server.mjs: edit the sources." },
  });
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  const tmp = `${outfile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, result.outputFiles[0].contents);
  fs.renameSync(tmp, outfile);
  return outfile;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  console.log(`> Production server compiled: ${path.relative(root, buildServer())}`);
}
