/** The renderer version hashes every source that turns a file into a record, and refuses a list out of date. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { computeRendererVersion, RENDERER_SOURCES } from "./renderer-version";

const root = path.resolve(__dirname, "../../..");

/** A copy of the listed sources (files only as empty stand-ins) in a temporary root. */
function checkout(leaveOut?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-renderer-"));
  for (const rel of RENDERER_SOURCES) {
    if (rel === leaveOut) continue;
    const full = path.join(dir, rel);
    if (fs.statSync(path.join(root, rel)).isDirectory()) fs.mkdirSync(full, { recursive: true });
    else {
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, rel);
    }
  }
  return dir;
}

describe("computeRendererVersion", () => {
  it("names every listed source that exists in this checkout", () => {
    expect(RENDERER_SOURCES.filter((rel) => !fs.existsSync(path.join(root, rel)))).toEqual([]);
    expect(computeRendererVersion(root)).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it("fails loudly, naming it, when a listed path no longer exists (a file moved)", () => {
    expect(() => computeRendererVersion(checkout("lib/sources/rules.ts"))).toThrow(/lib\/sources\/rules\.ts.*Update the list/);
  });

  it("changes when a listed source changes", () => {
    const dir = checkout();
    const before = computeRendererVersion(dir);
    fs.writeFileSync(path.join(dir, "lib/sources/rules.ts"), "changed");
    expect(computeRendererVersion(dir)).not.toBe(before);
  });

  it("hashes nothing outside a checkout (a copied build without sources)", () => {
    expect(computeRendererVersion(fs.mkdtempSync(path.join(os.tmpdir(), "masthead-empty-")))).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
