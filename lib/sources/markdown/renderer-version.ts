/**
 * The version of the file → record pipeline of the content index (docs/decisions/0080), in a module
 * of its own so next.config.ts can compute it without loading SQLite.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * The index's format: part of its file name (index-schema.ts). 2: the covering index search joins
 * through. 3: search rowids in publication order (docs/decisions/0083).
 */
export const INDEX_FORMAT = 3;

/**
 * The version of everything that turns a file into a stored record: the HTML pipeline, the loader
 * and its rules, and the versions of the markdown packages. A stored record is reused only when its
 * file's hash AND this version match, so a pipeline change re-renders every body once.
 * Next inlines MASTHEAD_RENDERER at build (next.config.ts), where the sources are not shipped.
 */
export function rendererVersion(root: string = process.cwd()): string {
  const inlined = process.env.MASTHEAD_RENDERER;
  if (inlined) return inlined;
  return computeRendererVersion(root);
}

// What turns a file into a stored record (not the reader: a query change needs no re-render).
export const RENDERER_SOURCES = [
  "lib/html",
  "lib/i18n",
  "lib/embeds",
  "lib/sources/markdown/article-file.ts",
  "lib/sources/markdown/extras.ts",
  "lib/sources/markdown/schema.ts",
  "lib/sources/markdown/folder.ts",
  "lib/sources/markdown/problems.ts",
  "lib/sources/markdown/prepare.ts",
  "lib/sources/markdown/index-writer.ts",
  "lib/sources/markdown/index-rows.ts",
  "lib/sources/markdown/index-live.ts",
  "lib/sources/markdown/index-checks.ts",
  "lib/sources/markdown/index-derived.ts",
  "lib/sources/rules.ts",
  "lib/sources/images.ts",
  "lib/sources/types.ts",
  "lib/sources/zod-problems.ts",
  // The search table holds text folded by the query's rule.
  "lib/sources/search-query.ts",
  "lib/sources/search-terms.ts",
];
const RENDERER_PACKAGES = /^node_modules\/(next|unified|remark-[^/]+|rehype-[^/]+|retext[^/]*|parse-latin|hast-util-[^/]+|mdast-util-[^/]+|micromark[^/]*|yaml|zod|image-size)$/;

// Computed by next.config.ts and the index writer from the sources, never by the built server (which
// has MASTHEAD_RENDERER inlined): the ignore comments keep Next's file tracing from shipping the
// whole project in .next/standalone because of these reads.
export function computeRendererVersion(root: string): string {
  const hash = createHash("sha256");
  hash.update(`format ${INDEX_FORMAT}\n`);
  const files: string[] = [];
  // In a checkout, a listed path that does not exist is a list out of date (a moved file would leave
  // stale bodies in the index): stop. Outside one (a copied build, no lib/ at all) there is nothing to hash.
  const missing = RENDERER_SOURCES.filter((rel) => !fs.existsSync(path.join(/*turbopackIgnore: true*/ root, rel)));
  if (missing.length && missing.length < RENDERER_SOURCES.length) {
    throw new Error(`RENDERER_SOURCES (lib/sources/markdown/renderer-version.ts) names what does not exist under ${root}: ${missing.join(", ")}. Update the list.`);
  }
  for (const rel of RENDERER_SOURCES) {
    const full = path.join(/*turbopackIgnore: true*/ root, rel);
    if (!fs.existsSync(/*turbopackIgnore: true*/ full)) continue;
    if (fs.statSync(/*turbopackIgnore: true*/ full).isDirectory()) {
      for (const entry of fs.readdirSync(/*turbopackIgnore: true*/ full, { recursive: true, withFileTypes: true })) {
        if (entry.isFile() && /\.(tsx?|mts|mjs)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) files.push(path.join(entry.parentPath, entry.name));
      }
    } else files.push(full);
  }
  for (const file of files.sort()) hash.update(path.relative(root, file)).update("\0").update(fs.readFileSync(/*turbopackIgnore: true*/ file)).update("\0");
  try {
    const lock = JSON.parse(fs.readFileSync(/*turbopackIgnore: true*/ path.join(root, "package-lock.json"), "utf8")) as { packages?: Record<string, { version?: string }> };
    for (const [name, info] of Object.entries(lock.packages ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
      if (RENDERER_PACKAGES.test(name)) hash.update(`${name}@${info.version}\n`);
    }
  } catch {
    /* no lock file next to the sources: the sources alone decide */
  }
  return hash.digest("base64url").slice(0, 22);
}

