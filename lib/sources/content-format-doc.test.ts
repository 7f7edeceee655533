/**
 * docs/content-format.md stays true: every example file in it (a fenced block with `file=<path>`) is
 * written into an empty folder and built by the index writer a build runs; the valid ones must
 * build, the ones marked `invalid` must be refused with exactly the problem lines the page shows.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { IndexWriter } from "./markdown/index-writer";
import { isContentValidationError, formatProblem } from "./errors";

const DOC = fs.readFileSync(path.join(__dirname, "../../docs/content-format.md"), "utf8");
const blocks = [...DOC.matchAll(/```(\w+) ([^\n]*)\n([\s\S]*?)```/g)].map((m) => ({ info: m[2].trim(), text: m[3] }));
const files = blocks.filter((b) => b.info.startsWith("file=")).map((b) => ({ path: b.info.split(/\s+/)[0].slice(5), invalid: /\binvalid\b/.test(b.info), text: b.text }));
const expected = blocks.filter((b) => b.info.startsWith("problems-of=")).map((b) => ({ path: b.info.slice(12), lines: b.text.trim().split("\n") }));

function folder(selected: typeof files): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-format-doc-"));
  for (const f of selected) {
    fs.mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
    fs.writeFileSync(path.join(dir, f.path), f.text);
  }
  return dir;
}

async function build(dir: string): Promise<string[]> {
  const writer = new IndexWriter(dir, path.join(dir, ".masthead", "index.sqlite"));
  try {
    await writer.update({ all: true });
    return [];
  } catch (error) {
    if (isContentValidationError(error)) return error.problems.map((p) => formatProblem({ ...p, file: path.relative(dir, path.resolve(dir, p.file)) }));
    throw error;
  } finally {
    writer.close();
  }
}

describe("docs/content-format.md", () => {
  it("has examples of every kind of file", () => {
    const kinds = new Set(files.map((f) => f.path.split("/")[0]));
    expect([...kinds].sort()).toEqual(["articles", "authors", "live", "pages", "site.yml"]);
    expect(expected.length).toBeGreaterThanOrEqual(2);
  });

  it("builds every valid example, together", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    expect(await build(folder(files.filter((f) => !f.invalid)))).toEqual([]);
  });

  for (const { path: file, lines } of expected) {
    it(`refuses ${file} with the problems the page shows`, async () => {
      const problems = await build(folder([...files.filter((f) => !f.invalid), ...files.filter((f) => f.path === file)]));
      for (const line of lines) expect(problems).toContain(line);
    });
  }
});
