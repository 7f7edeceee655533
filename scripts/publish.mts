#!/usr/bin/env node
/**
 * `npm run publish -- <file> [<file> …]`: publishes content files on a running Masthead now, for
 * editors who prefer a command and for deployments that publish only by webhook (CONTENT_WATCH=0).
 * Each file becomes the change a webhook call for it would name (lib/publishing/files.ts) and is
 * sent to the server's webhook with REVALIDATE_SECRET (read from the environment or .env). Invalid
 * content is listed problem by problem, with line, column and hint; the exit code is 1.
 *
 * MASTHEAD_URL (default http://127.0.0.1:$PORT, PORT default 3000) names the server.
 */
import path from "node:path";
import nextEnv from "@next/env";
import { changeForFile } from "../lib/publishing/files";
import { describeChange } from "../lib/publishing/change";
import { formatProblem, type ContentProblem } from "../lib/sources/errors";

const root = path.resolve(import.meta.dirname, "..");
nextEnv.loadEnvConfig(root, false, { info: () => undefined, error: console.error });

const files = process.argv.slice(2).filter((a) => a !== "--");
if (!files.length) {
  console.error("Usage: npm run publish -- <content file> [<content file> …]\n  e.g. npm run publish -- content/articles/harbour-bridge-reopens.md");
  process.exit(2);
}
const secret = process.env.REVALIDATE_SECRET;
if (!secret) {
  console.error("REVALIDATE_SECRET is not set (in the environment or .env): the server's webhook is off without it.");
  process.exit(2);
}
const base = (process.env.MASTHEAD_URL || `http://127.0.0.1:${process.env.PORT || 3000}`).replace(/\/+$/, "");
const contentDir = path.resolve(root, process.env.CONTENT_DIR || "content");

let failed = false;
for (const file of files) {
  const relative = path.relative(contentDir, path.resolve(file));
  const change = relative.startsWith("..") || path.isAbsolute(relative) ? null : changeForFile(relative);
  if (!change) {
    console.error(`✗ ${file}: not a content file of ${contentDir} (articles/, live/, authors/, pages/ or site.yml)`);
    failed = true;
    continue;
  }
  let response: Response;
  try {
    response = await fetch(`${base}/api/revalidate`, {
      method: "POST",
      headers: { Authorization: `Bearer ${secret}`, "Content-Type": "application/json", "X-Masthead-Via": "command" },
      body: JSON.stringify(change),
      signal: AbortSignal.timeout(60_000),
    });
  } catch (error) {
    console.error(`✗ ${file}: no Masthead answered at ${base} (${error instanceof Error ? error.message : error}); set MASTHEAD_URL or PORT.`);
    process.exit(1);
  }
  const json = (await response.json().catch(() => ({}))) as { error?: string; problems?: ContentProblem[]; tags?: string[]; paths?: string[] };
  if (response.ok) {
    console.log(`✓ ${file}: published (${describeChange(change)}; ${json.paths?.length ?? 0} pages and ${json.tags?.length ?? 0} cache tags refreshed)`);
  } else {
    failed = true;
    console.error(`✗ ${file}: ${json.error ?? `the server answered ${response.status}`}`);
    for (const problem of json.problems ?? []) console.error(`    ${formatProblem(problem)}`);
  }
}
process.exit(failed ? 1 : 0);
