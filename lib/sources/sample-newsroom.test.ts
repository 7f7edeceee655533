/**
 * Issue 28: the sample newsroom reads like a newsroom — its first build prints no content warning
 * (no payloads in content/); the hostile markup lives with the tests (e2e/fixtures/articles/), where
 * the same index writer does warn about it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { IndexWriter } from "./markdown/index-writer";

const root = path.join(__dirname, "../..");

async function warningsOfBuilding(prepare: (dir: string) => void): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-sample-"));
  prepare(dir);
  const warnings: string[] = [];
  vi.spyOn(console, "warn").mockImplementation((...args) => void warnings.push(args.join(" ")));
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  vi.spyOn(console, "error").mockImplementation((...args) => void warnings.push(args.join(" ")));
  const writer = new IndexWriter(dir, path.join(dir, ".masthead", "index.sqlite"));
  try {
    await writer.update({ all: true });
  } finally {
    writer.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return warnings;
}

afterEach(() => vi.restoreAllMocks());

describe("the sample newsroom", () => {
  it("builds without a single content warning", async () => {
    const warnings = await warningsOfBuilding((dir) => fs.cpSync(path.join(root, "content"), dir, { recursive: true }));
    expect(warnings).toEqual([]);
  }, 120_000);

  it("the hostile fixture of the tests is warned about by the same build", async () => {
    const warnings = await warningsOfBuilding((dir) => {
      fs.cpSync(path.join(root, "content"), dir, { recursive: true });
      fs.copyFileSync(path.join(root, "e2e/fixtures/articles/hostile-markup.md"), path.join(dir, "articles", "hostile-markup.md"));
    });
    expect(warnings.join("\n")).toMatch(/\[content\] .*hostile-markup\.md: an inline <script> was removed/);
  }, 120_000);
});
