/**
 * `npm run assemble` (scripts/assemble.mjs) on a small stand-in build: the standalone folder gets
 * everything the server needs beside Next's own output — including the build's origin stamp
 * (`<distDir>/masthead-origin.json`, docs/decisions/0133), without which a standalone server
 * started with another SITE_URL would not refuse the build.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const dist = `.assemble-test-${process.pid}`;
const build = path.join(root, dist);

function standInBuild({ stamp }: { stamp: boolean }) {
  fs.rmSync(build, { recursive: true, force: true });
  const write = (relative: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(build, relative)), { recursive: true });
    fs.writeFileSync(path.join(build, relative), text);
  };
  write("BUILD_ID", "stand-in\n");
  write("masthead-server.mjs", 'import next from "next";\nexport default next;\n');
  write("static/chunks/app.js", "console.log(1);\n");
  write("standalone/node_modules/next/package.json", '{"name":"next"}\n');
  if (stamp) write("masthead-origin.json", '{"origin":"https://news.example"}\n');
}

const assemble = () => execFileSync(process.execPath, [path.join(root, "scripts", "assemble.mjs")], { cwd: root, env: { ...process.env, MASTHEAD_DIST_DIR: dist }, encoding: "utf8" });
const shipped = (relative: string) => path.join(build, "standalone", dist, relative);

afterEach(() => fs.rmSync(build, { recursive: true, force: true }));

describe("npm run assemble", () => {
  it("ships the build's origin stamp with the server, so the standalone folder refuses another origin", () => {
    standInBuild({ stamp: true });
    assemble();
    expect(fs.existsSync(shipped("masthead-server.mjs"))).toBe(true);
    expect(fs.existsSync(shipped("static/chunks/app.js"))).toBe(true);
    expect(JSON.parse(fs.readFileSync(shipped("masthead-origin.json"), "utf8"))).toEqual({ origin: "https://news.example" });
  });

  it("ships the reader data store's backup script, to run from the folder (docs/deploy.md §10)", () => {
    standInBuild({ stamp: false });
    assemble();
    const copy = path.join(build, "standalone", "scripts", "store", "backup.mjs");
    expect(fs.readFileSync(copy, "utf8")).toBe(fs.readFileSync(path.join(root, "scripts", "store", "backup.mjs"), "utf8"));
  });

  it("leaves no stamp of an earlier build behind when the build has none (plain next build: not checked)", () => {
    standInBuild({ stamp: true });
    assemble();
    fs.rmSync(path.join(build, "masthead-origin.json"));
    assemble();
    expect(fs.existsSync(shipped("masthead-origin.json"))).toBe(false);
  });
});
