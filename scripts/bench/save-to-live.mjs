#!/usr/bin/env node
// `npm run bench:save`: how long from an editor saving a file to readers getting the fresh page
// (issue 28), side by side for the two ways a change arrives: the folder watch (the file alone) and
// the webhook (the file, then POST /api/revalidate naming it, as a CMS hook or `npm run publish` does).
// Two production servers, each on its own copy of content/ (one with CONTENT_WATCH=1, one webhook-only),
// in alternating rounds: each round edits a cached article's title and adds a new article, then polls
// the page (every 10 ms, browser headers, through the response cache) until the new title is there.
// Prints p50 and max per way. The machine is shared: compare the ways within one run.
//
// Flags: --rounds 10 --port 3530 (and the next ones) --rebuild
//   --before DIR: also a folder-watch server of another checkout (e.g. `git worktree add --detach DIR main`,
//   built there with the e2e environment), in the same rounds: a change measured before and after.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { e2eEnv, ensureBuild, freePort, get, parseFlags, root, sleep, startNext, startServer, table, writeResults } from "./lib.mjs";
import { serverNodeArgs } from "../server-launch.cjs";

const flags = parseFlags(process.argv.slice(2), { rounds: 10, port: 3530, rebuild: false, before: "" });
const env = e2eEnv();
ensureBuild(env, { rebuild: flags.rebuild });
const BROWSER = { accept: "text/html,application/xhtml+xml", "accept-encoding": "br, gzip", "user-agent": "Mozilla/5.0 Masthead-bench" };
const SLUG = "harbour-bridge-reopens";
const PAGE = `/news/local/${SLUG}`;

/** A server of another checkout's build (`--before`), as startNext starts this one's. */
async function startOther(dir, { port, env: serverEnv, name }) {
  const entry = path.join(dir, serverEnv.MASTHEAD_DIST_DIR || ".next", "masthead-server.mjs");
  if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: build ${dir} first (node scripts/build.mjs with the e2e environment)`);
  const handle = await startServer({ args: [...serverNodeArgs({ ...process.env, ...serverEnv }), entry, "--port", String(port), "--dir", dir], env: serverEnv, cwd: dir, port, name });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && !fs.readFileSync(handle.logFile, "utf8").includes("> Warmed up")) await sleep(100);
  return handle;
}

/** A server on its own copy of content/: the folder watch on, or webhook-only; `from`: another checkout. */
async function serve(name, watch, port, from = root, metricsPort = undefined) {
  const content = fs.mkdtempSync(path.join(os.tmpdir(), `masthead-save-${name}-`));
  fs.cpSync(path.join(from, "content"), content, { recursive: true, filter: (src) => !src.includes(`${path.sep}.masthead`) });
  const serverEnv = { ...env, CONTENT_DIR: content, CONTENT_WATCH: watch ? "1" : "0", ...(metricsPort ? { METRICS_PORT: String(metricsPort) } : {}) };
  const server = from === root ? await startNext({ port, env: serverEnv, name: `bench-save-${name}` }) : await startOther(from, { port, env: serverEnv, name: `bench-save-${name}` });
  const file = path.join(content, "articles", `${SLUG}.md`);
  return { server, content, file, original: fs.readFileSync(file, "utf8"), metricsPort };
}

/** Answers made across a publish that the caches refused to keep (docs/decisions/0300), when counted. */
async function notKept(side) {
  if (!side.metricsPort) return "";
  try {
    const text = await (await get(`http://127.0.0.1:${side.metricsPort}/metrics`)).text();
    const value = (name) => Number(/^(\S+) (\S+)$/m.exec(text.split("\n").filter((l) => l.startsWith(`${name} `)).join("\n"))?.[2] ?? 0);
    return `response cache ${value("masthead_response_cache_not_kept_total")}, page cache ${value("masthead_page_cache_not_kept_total")}`;
  } catch {
    return "";
  }
}

async function untilShown(url, text, started) {
  for (;;) {
    const res = await get(url, { headers: BROWSER });
    const body = await res.text();
    if (res.status === 200 && body.includes(text)) return Date.now() - started;
    if (Date.now() - started > 30_000) throw new Error(`${url} did not show "${text}" within 30 s`);
    await sleep(10);
  }
}

async function revalidate(base, change) {
  const res = await get(`${base}/api/revalidate`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${env.REVALIDATE_SECRET}` },
    body: JSON.stringify(change),
  });
  await res.arrayBuffer();
  if (res.status >= 400) throw new Error(`the webhook answered ${res.status}`);
}

const newArticle = (slug, title) =>
  `---\ntitle: "${title}"\nsection: news/local\nauthors: [ines-calloway]\npublishedAt: ${new Date(Date.now() - 60_000).toISOString()}\ndescription: A short article written by the save-to-live benchmark.\n---\nThe first paragraph of a story that did not exist a moment ago.\n`;

const watch = await serve("watch", true, await freePort(flags.port), root, await freePort(flags.port + 3));
const hook = await serve("webhook", false, await freePort(flags.port + 1), root, await freePort(flags.port + 4));
const before = flags.before ? await serve("watch-before", true, await freePort(flags.port + 2), path.resolve(flags.before)) : null;
const sides = [["folder watch", watch], ["webhook", hook], ...(before ? [["folder watch, before", before]] : [])];
const results = Object.fromEntries(["edit", "new article"].flatMap((what) => sides.map(([way]) => [`${way}: ${what}`, []])));
try {
  for (const [, side] of sides) await (await get(side.server.url + PAGE, { headers: BROWSER })).arrayBuffer();
  for (let round = 1; round <= flags.rounds; round++) {
    for (const [way, side] of sides) {
      // An edit: the title of a cached article.
      let title = `Harbour bridge reopens, round ${round} (${way})`;
      let started = Date.now();
      fs.writeFileSync(side.file, side.original.replace(/^title: .*$/m, `title: "${title}"`));
      if (side === hook) await revalidate(side.server.url, { slug: SLUG });
      results[`${way}: edit`].push(await untilShown(side.server.url + PAGE, title, started));
      // A new article: its page did not exist a moment ago.
      const slug = `bench-new-article-${round}`;
      title = `A new article for round ${round} (${way})`;
      started = Date.now();
      fs.writeFileSync(path.join(side.content, "articles", `${slug}.md`), newArticle(slug, title));
      if (side === hook) await revalidate(side.server.url, { slug });
      results[`${way}: new article`].push(await untilShown(`${side.server.url}/news/local/${slug}`, title, started));
    }
    await sleep(2500); // past the second expiry of each publish (docs/decisions/0131)
  }
  for (const [way, side] of sides) {
    const counted = await notKept(side);
    if (counted) console.log(`> ${way}: answers made across a publish, not kept: ${counted}`);
  }
} finally {
  for (const [, side] of sides) {
    side.server.stop();
    fs.rmSync(side.content, { recursive: true, force: true });
  }
}

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const rows = Object.entries(results).map(([way, ms]) => ({ way, rounds: ms.length, "p50 ms": pct(ms, 50), "max ms": Math.max(...ms) }));
console.log(`\n> From a saved file to the fresh page, ${flags.rounds} rounds (polled every 10 ms through the response cache)${before ? `; "before": ${flags.before}` : ""}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}\n`);
console.log(table(rows, ["way", "rounds", "p50 ms", "max ms"]));
console.log(`Results: ${writeResults("save-to-live", { rounds: flags.rounds, results })}`);
