/**
 * Front matter that teaches: parses the YAML between a file's two `---` lines and, when it is
 * wrong, says where in the FILE (line and column counted from the file's first line, not the front
 * matter's) with a hint for the common mistakes — every YAML error at once. When it parses, it
 * keeps where each field sits, so the schema's problems (lib/sources/zod-problems.ts) can point
 * at their line too.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node } from "yaml";
import type { ContentProblem } from "./errors";

/** Where each field sits in the file: "title", "image.alt", "tags.1" → [line, column], 1-based. */
export type FieldPositions = Record<string, [number, number]>;

export type FrontMatter =
  | { ok: true; data: unknown; body: string; positions: FieldPositions }
  | { ok: false; problems: Omit<ContentProblem, "file">[] };

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
/** The front matter's first line is the file's second (the first is `---`). */
const FIRST_LINE = 2;

export function parseFrontMatter(raw: string): FrontMatter {
  const text = raw.replace(/^\uFEFF/, "");
  const match = FENCE.exec(text);
  if (!match) {
    const opened = /^---[ \t]*\r?\n/.test(text);
    return {
      ok: false,
      problems: [
        {
          line: 1,
          column: 1,
          message: opened ? "the front matter is never closed" : "must start with a front matter block between two '---' lines",
          hint: opened ? "end the front matter with a line holding only ---" : "the file's first line must be --- , then the fields, then another ---",
        },
      ],
    };
  }
  const source = match[1];
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const lines = source.split(/\r?\n/);
    return {
      ok: false,
      problems: doc.errors.map((error) => {
        let at = counter.linePos(error.pos[0]);
        const message = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "").replace(/:$/, "");
        // An unclosed [ or { is noticed lines later: point at the line that opened it.
        const bracket = /end with a ([\]}])/.exec(message)?.[1];
        let hint: string | undefined;
        if (bracket) {
          const open = bracket === "]" ? "[" : "{";
          for (let n = Math.min(at.line, lines.length); n >= 1; n--) {
            const l = lines[n - 1];
            if (l.split(open).length > l.split(bracket).length) {
              at = { line: n, col: l.indexOf(open) + 1 };
              hint = `the ${open} opened here is never closed with ${bracket}`;
              break;
            }
          }
        }
        const lineText = lines[at.line - 1] ?? "";
        return {
          field: fieldOfLine(lineText) ?? "front matter",
          line: at.line + FIRST_LINE - 1,
          column: at.col,
          message: `malformed YAML: ${message}`,
          hint: hint ?? yamlHint(error.code, lineText),
        };
      }),
    };
  }
  const positions: FieldPositions = {};
  if (doc.contents) collectPositions(doc.contents as Node, "", counter, positions);
  return { ok: true, data: doc.toJS() ?? {}, body: text.slice(match[0].length), positions };
}

function fieldOfLine(line: string): string | null {
  return /^\s*(?:-\s+)?([A-Za-z][\w.-]*)\s*:/.exec(line)?.[1] ?? null;
}

/** The common mistakes, in an editor's words. */
function yamlHint(code: string, line: string): string | undefined {
  const value = /^\s*[A-Za-z][\w.-]*\s*:\s*(.*)$/.exec(line)?.[1] ?? "";
  if (/:\s/.test(value) && !/^["'[{|>]/.test(value)) {
    const key = fieldOfLine(line) ?? "title";
    return `a value with ": " in it must be quoted — write ${key}: "${value.replace(/"/g, '\\"')}"`;
  }
  if (/^[@`]/.test(value)) return `a value starting with ${value[0]} must be quoted`;
  if (/^#/.test(value.trim())) return "a value starting with # is a comment in YAML: quote it";
  if (code === "DUPLICATE_KEY") return "a field appears twice: keep one";
  if (/\t/.test(line.match(/^\s*/)?.[0] ?? "")) return "indent with spaces, not tabs";
  if (code === "BAD_INDENT" || code === "MISSING_CHAR") return "check the indentation (spaces) and that every list item starts with \"- \"";
  return undefined;
}

function collectPositions(node: Node, prefix: string, counter: LineCounter, out: FieldPositions): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : null;
      if (key === null) continue;
      const path = prefix ? `${prefix}.${key}` : key;
      const start = (pair.key as Node).range?.[0];
      if (start !== undefined) out[path] = place(counter, start);
      if (pair.value && typeof pair.value === "object") collectPositions(pair.value as Node, path, counter, out);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const path = `${prefix}.${i}`;
      const start = (item as Node | null)?.range?.[0];
      if (start !== undefined) out[path] = place(counter, start);
      if (item && typeof item === "object") collectPositions(item as Node, path, counter, out);
    });
  }
}

function place(counter: LineCounter, offset: number): [number, number] {
  const at = counter.linePos(offset);
  return [at.line + FIRST_LINE - 1, at.col];
}

/** The position of a field, or of the nearest enclosing one (a missing `image.alt` → `image`); none for a missing top-level field. */
export function positionOf(positions: FieldPositions | undefined, path: readonly PropertyKey[]): { line: number; column: number } | undefined {
  if (!positions) return undefined;
  for (let n = path.length; n > 0; n--) {
    const found = positions[path.slice(0, n).map(String).join(".")];
    if (found) return { line: found[0], column: found[1] };
  }
  return undefined;
}

/** Common misnamed fields → the field meant. */
const ALIASES: Record<string, string> = {
  author: "authors",
  tag: "tags",
  byline: "authors",
  date: "publishedAt",
  published: "publishedAt",
  publishDate: "publishedAt",
  updated: "updatedAt",
  modified: "updatedAt",
  category: "section",
  categories: "section",
  summary: "description",
  excerpt: "description",
  standfirst: "description",
  draft: "status",
  redirect: "redirectFrom",
  redirects: "redirectFrom",
};

/** "did you mean …?" for an unknown field, from the known ones. */
export function didYouMean(unknown: string, known: readonly string[]): string | undefined {
  const alias = ALIASES[unknown];
  if (alias && known.includes(alias)) return `did you mean "${alias}"?`;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = distance(unknown.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best && bestDistance <= Math.max(1, Math.floor(unknown.length / 3)) ? `did you mean "${best}"?` : undefined;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}
