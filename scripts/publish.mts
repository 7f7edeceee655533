#!/usr/bin/env node
/**
 * `npm run publish -- <file> [<file> …]`: publishes content files on a running Masthead now, for
 * editors who prefer a command and for deployments that publish only by webhook (CONTENT_WATCH=0).
 * Each file becomes the change a webhook call for it would name (lib/publishing/files.ts) and is
 * sent to the server's webhook with REVALIDATE_SECRET (read from the environment or .env). Invalid
 * content is listed problem by problem, with line, column and hint; the exit code is 1.
 *
 * MASTHEAD_URL (default http://127.0.0.1:$PORT, PORT default 3000) names the server.
 *
 * Several machines (docs/deploy.md §7): `--commit <id>` names the commit of the content repository
 * holding the change (pushed first), so every instance fetches it before reloading; `--commit HEAD`
 * takes the current commit of the content folder the files are in (an editor's clone).
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import nextEnv from "@next/env";
import { changeForFile } from "../lib/publishing/files";
import { describeChange } from "../lib/publishing/change";
import { formatProblem, type ContentProblem } from "../lib/sources/errors";

const root = path.resolve(import.meta.dirname, "..");
nextEnv.loadEnvConfig(root, false, { info: () => undefined, error: console.error });

const args = process.argv.slice(2).filter((a) => a !== "--");
let commitArg: string | undefined;
const files: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--commit") commitArg = args[++i] ?? "";
  else if (args[i].startsWith("--commit=")) commitArg = args[i].slice("--commit=".length);
  else files.push(args[i]);
}
if (!files.length || commitArg === "") {
  console.error(
    "Usage: npm run publish -- [--commit <id>|HEAD] <content file> [<content file> …]\n" +
      "  e.g. npm run publish -- content/articles/harbour-bridge-reopens.md\n" +
      "       npm run publish -- --commit HEAD content/articles/harbour-bridge-reopens.md   (pushed first; several machines)",
  );
  process.exit(2);
}
const secret = process.env.REVALIDATE_SECRET;
if (!secret) {
  console.error("REVALIDATE_SECRET is not set (in the environment or .env): the server's webhook is off without it.");
  process.exit(2);
}
const base = (process.env.MASTHEAD_URL || `http://127.0.0.1:${process.env.PORT || 3000}`).replace(/\/+$/, "");
const contentDir = path.resolve(root, process.env.CONTENT_DIR || "content");
let commit: string | undefined;
if (commitArg === "HEAD") {
  try {
    commit = execFileSync("git", ["rev-parse", "--verify", "HEAD"], { cwd: contentDir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  } catch {
    console.error(`--commit HEAD: ${contentDir} is not a git clone with a commit.`);
    process.exit(2);
  }
} else if (commitArg) commit = commitArg.toLowerCase();

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
      body: JSON.stringify(commit ? { ...change, commit } : change),
      signal: AbortSignal.timeout(60_000),
    });
  } catch (error) {
    console.error(`✗ ${file}: no Masthead answered at ${base} (${error instanceof Error ? error.message : error}); set MASTHEAD_URL or PORT.`);
    process.exit(1);
  }
  const json = (await response.json().catch(() => ({}))) as { error?: string; problems?: ContentProblem[]; tags?: string[]; paths?: string[] };
  if (response.ok) {
    console.log(`✓ ${file}: published (${describeChange(change)}${commit ? ` at commit ${commit.slice(0, 12)}` : ""}; ${json.paths?.length ?? 0} pages and ${json.tags?.length ?? 0} cache tags refreshed)`);
  } else {
    failed = true;
    console.error(`✗ ${file}: ${json.error ?? `the server answered ${response.status}`}`);
    for (const problem of json.problems ?? []) console.error(`    ${formatProblem(problem)}`);
  }
}
process.exit(failed ? 1 : 0);
