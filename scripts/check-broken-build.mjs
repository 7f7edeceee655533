#!/usr/bin/env node
// Part of `npm test`: a deliberately broken content folder must fail `next build`, and the output
// must name each broken file and field. Runs the real build on a copy of the bundled content with
// six mistakes (an unknown section, an image without alt, a body image whose file is missing, a
// live-blog update at an impossible time, an unknown kind of work, a trust link in site.yml to a
// page that does not exist).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-broken-"));
fs.cpSync(path.join(root, "content"), dir, { recursive: true });
const edit = (file, from, to) => {
  const p = path.join(dir, file.includes("/") ? "" : "articles", file);
  const text = fs.readFileSync(p, "utf8");
  if (!from.test(text)) throw new Error(`fixture drift: ${file} has no ${from}`);
  fs.writeFileSync(p, text.replace(from, to));
};
edit("calder-strait-ferry-strike.md", /^section: news\/world-news$/m, "section: news/wrld-news");
edit("harbour-bridge-reopens.md", /^ {2}alt: .*\n/m, "");
fs.rmSync(path.join(dir, "images", "fleet", "nets.png"));
edit("live/storm-corran-live/trains.md", /^publishedAt: 2026-12-01T17:10:00Z$/m, "publishedAt: 2026-12-01T25:10:00Z");
edit("review-the-salt-almanac.md", /^kind: review$/m, "kind: rave");
edit("./site.yml", /^ {2}publishingPrinciples: \/ethics$/m, "  publishingPrinciples: /ethic");

const result = spawnSync(process.execPath, [path.join(root, "scripts", "build.mjs")], {
  cwd: root,
  env: { ...process.env, CONTENT_DIR: dir, NEXT_TELEMETRY_DISABLED: "1" },
  encoding: "utf8",
});
fs.rmSync(dir, { recursive: true, force: true });
const output = `${result.stdout}\n${result.stderr}`;
const expected = [
  /calder-strait-ferry-strike\.md(?::\d+:\d+)? → field "section": unknown section "news\/wrld-news"/,
  /harbour-bridge-reopens\.md(?::\d+:\d+)? → field "image\.alt": is required/,
  /ten-boats-one-harbour\.md(?::\d+:\d+)? → field "body": image \/content-images\/fleet\/nets\.png: no such file in images\//,
  /live\/storm-corran-live\/trains\.md(?::\d+:\d+)? → field "publishedAt": is not a real calendar date/,
  /review-the-salt-almanac\.md(?::\d+:\d+)? → field "kind": must be one of news, opinion/,
  /site\.yml(?::\d+:\d+)? → field "trust\.publishingPrinciples": "\/ethic" is no page of this site/,
];
const missing = expected.filter((re) => !re.test(output));
if (result.status === 0 || missing.length) {
  console.error(output.slice(-3000));
  console.error(`✖ expected the build to fail naming file and field; exit ${result.status}, missing: ${missing.join(", ")}`);
  process.exit(1);
}
console.log("✔ the build failed as it should, naming the file and the field:");
for (const line of output.split("\n").filter((l) => l.includes("→ field"))) console.log(`   ${line.trim()}`);
