#!/usr/bin/env node
// `npm test`: type check, unit tests, then the production build and the end-to-end suite in real
// Chromium. Each step stops the run on failure.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensureBrowser } from "./browser.mjs";

const root = path.resolve(import.meta.dirname, "..");
const e2e = JSON.parse(fs.readFileSync(path.join(root, "e2e", "env.json"), "utf8"));
const bin = (name) => path.join(root, "node_modules", ".bin", name);

function step(title, command, args, env = {}) {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`✖ ${title} failed`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

const only = process.argv[2];
if (!only || only === "unit") {
  step("Type check", bin("tsc"), ["--noEmit"]);
  step("Unit tests", bin("vitest"), ["run"]);
}
if (!only || only === "e2e") {
  const browser = ensureBrowser();
  console.log(`> Chromium: ${browser}`);
  step("Invalid content fails the build (file and field named)", process.execPath, [path.join(root, "scripts", "check-broken-build.mjs")]);
  step("Production build for e2e", process.execPath, [path.join(root, "scripts", "build.mjs")], e2e.env);
  // The build was made for the e2e environment; make `npm start` rebuild for the reader's.
  fs.rmSync(path.join(root, ".next", "masthead-build.json"), { force: true });
  step("End-to-end tests (Playwright, Chromium)", bin("playwright"), ["test", ...process.argv.slice(3)], { CHROMIUM_PATH: browser });
  // The Arabic (right-to-left) and French sample sites: their own builds (.next-ar, .next-fr) and suite.
  const editions = JSON.parse(fs.readFileSync(path.join(root, "e2e", "editions", "env.json"), "utf8")).sites;
  for (const [name, site] of Object.entries(editions)) {
    step(`Production build of the ${name} sample site (${site.env.CONTENT_DIR} → ${site.env.MASTHEAD_DIST_DIR})`, process.execPath, [path.join(root, "scripts", "build.mjs")], site.env);
  }
  step("End-to-end tests of the Arabic and French sites (Playwright, Chromium)", bin("playwright"), ["test", "-c", "playwright.editions.config.ts"], { CHROMIUM_PATH: browser });
  // Reader revenue (issue 30): the bundled content with card payments on, against the Stripe stand-in.
  const revenue = JSON.parse(fs.readFileSync(path.join(root, "e2e", "revenue", "env.json"), "utf8"));
  step(`Production build with card payments (${revenue.env.MASTHEAD_DIST_DIR})`, process.execPath, [path.join(root, "scripts", "build.mjs")], revenue.env);
  step(`Production build of the Arabic site with card payments (${revenue.ar.env.MASTHEAD_DIST_DIR})`, process.execPath, [path.join(root, "scripts", "build.mjs")], revenue.ar.env);
  step("End-to-end tests of reader revenue (Playwright, Chromium, Stripe stand-in)", bin("playwright"), ["test", "-c", "playwright.revenue.config.ts"], { CHROMIUM_PATH: browser });
}
