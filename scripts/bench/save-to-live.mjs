#!/usr/bin/env node
// `npm run bench:save`: how long from an editor saving a file to readers getting the fresh page
// (issue 28), side by side for the two ways a change arrives: the folder watch (the file alone) and
// the webhook (the file, then POST /api/revalidate naming it, as a CMS hook or `npm run publish` does).
// Two production servers, each on its own copy of content/ (one with CONTENT_WATCH=1, one webhook-only),
// in alternating rounds: each round edits a cached article's title and adds a new article, then polls
// the page (every 10 ms, browser headers, through the response cache) until the new title is there.
// Prints p50 and max per way. The machine is shared: compare the ways within one run.
//
// Flags: --rounds 10 --port 3530 (and the next one) --rebuild
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { e2eEnv, ensureBuild, freePort, get, parseFlags, root, sleep, startNext, table, writeResults } from "./lib.mjs";

const flags = parseFlags(process.argv.slice(2), { rounds: 10, port: 3530, rebuild: false });
const env = e2eEnv();
ensureBuild(env, { rebuild: flags.rebuild });
const BROWSER = { accept: "text/html,application/xhtml+xml", "accept-encoding": "br, gzip", "user-agent": "Mozilla/5.0 Masthead-bench" };
const SLUG = "harbour-bridge-reopens";
const PAGE = `/news/local/${SLUG}`;

/** A server on its own copy of content/: the folder watch on, or webhook-only. */
async function serve(name, watch, port) {
  const content = fs.mkdtempSync(path.join(os.tmpdir(), `masthead-save-${name}-`));
  fs.cpSync(path.join(root, "content"), content, { recursive: true, filter: (src) => !src.includes(`${path.sep}.masthead`) });
  const server = await startNext({ port, env: { ...env, CONTENT_DIR: content, CONTENT_WATCH: watch ? "1" : "0" }, name: `bench-save-${name}` });
  const file = path.join(content, "articles", `${SLUG}.md`);
  return { server, content, file, original: fs.readFileSync(file, "utf8") };
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

const watch = await serve("watch", true, await freePort(flags.port));
const hook = await serve("webhook", false, await freePort(flags.port + 1));
const results = { "folder watch: edit": [], "webhook: edit": [], "folder watch: new article": [], "webhook: new article": [] };
try {
  for (const side of [watch, hook]) await (await get(side.server.url + PAGE, { headers: BROWSER })).arrayBuffer();
  for (let round = 1; round <= flags.rounds; round++) {
    for (const [way, side] of [["folder watch", watch], ["webhook", hook]]) {
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
} finally {
  for (const side of [watch, hook]) {
    side.server.stop();
    fs.rmSync(side.content, { recursive: true, force: true });
  }
}

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const rows = Object.entries(results).map(([way, ms]) => ({ way, rounds: ms.length, "p50 ms": pct(ms, 50), "max ms": Math.max(...ms) }));
console.log(`\n> From a saved file to the fresh page, ${flags.rounds} rounds (polled every 10 ms through the response cache)\n`);
console.log(table(rows, ["way", "rounds", "p50 ms", "max ms"]));
console.log(`Results: ${writeResults("save-to-live", { rounds: flags.rounds, results })}`);
