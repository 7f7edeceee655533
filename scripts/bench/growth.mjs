#!/usr/bin/env node
// `npm run bench:growth -- --counts 1000,10000,100000 [--seed 7] [--requests 1000] [--port 3605] [--keep]`
//
// How Masthead grows with the archive (issue 15). For each article count, on generated content
// (scripts/content/generate.mjs), side by side:
//   - `npm run build` (content index + next build): wall time and peak RSS (GNU time's largest
//     process, and the sampled sum over the build's process tree); then one file is changed and
//     the build runs again (the content index is reused: one body re-rendered);
//   - process start → the first old article (never prerendered) answers 200;
//   - N random old articles, each requested once (every one a first request: rendered, not cached):
//     p50/p95 latency, then the server's RSS;
//   - search: N/5 different queries on /api/search (the live search) and a few on /search: p50/p95;
//   - the webhook: an old article retitled on disk → POST /api/revalidate → the new title served;
//   - /sitemap.xml and its largest child.
// Requests carry a browser's headers (Accept: text/html…, Accept-Encoding: br, gzip). Results go to
// bench-results/growth-*.json and a markdown table for docs/performance.md, with the load average.
//
// Builds go to .next-growth (MASTHEAD_DIST_DIR), never .next: run it where nobody else runs it.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { browserHeaders, parseFlags, root, sleep, writeResults } from "./lib.mjs";
import { serverEntry, serverNodeArgs } from "../server-launch.cjs";

const flags = parseFlags(process.argv.slice(2), { counts: "1000,10000,100000", seed: 7, requests: 1000, port: 3605, keep: false, out: "" });
const counts = String(flags.counts).split(",").map(Number);
const SECRET = "growth-bench-revalidate-secret-0123456789";
const DIST_DIR = ".next-growth";
const BROWSER = browserHeaders({ "accept-language": "en", "user-agent": "Mozilla/5.0 (X11; Linux x86_64) masthead-growth-bench" });
const results = [];

const load = () => os.loadavg().map((l) => l.toFixed(1)).join(" / ");

for (const count of counts) {
  // Outside the project by default, as a deployment's CONTENT_DIR is: a folder inside it is traced
  // by `next build` into the standalone output (421 MB and 3.4 GB of build memory at 100,000 articles).
  const dir = path.resolve(flags.out || path.join(os.tmpdir(), "masthead-growth"), `content-${count}`);
  const loadBefore = load();
  console.log(`\n> ${count} articles: generating into ${dir} (load ${loadBefore}) …`);
  const generated = await timed(() => run(process.execPath, [path.join(root, "scripts", "content", "generate.mjs"), "--count", String(count), "--out", dir, "--seed", String(flags.seed), "--force"]));
  // The build prerenders the newest 200 articles (PRERENDER_ARTICLES); a small run (CI's 200)
  // prerenders a quarter, so that it too has old articles nobody rendered yet.
  const prerender = Math.min(200, Math.floor(count / 4));
  // Its own build directory: .next keeps the e2e build that other steps (the cluster suite, the
  // other benches) reuse, and must never hold a build of generated content under its name.
  const env = { CONTENT_SOURCE: "markdown", CONTENT_DIR: dir, SITE_URL: "https://gazette.example", NEXT_TELEMETRY_DISABLED: "1", REVALIDATE_SECRET: SECRET, PRERENDER_ARTICLES: String(prerender), MASTHEAD_DIST_DIR: DIST_DIR };

  console.log(`> Build 1 (no content index yet) …`);
  const build1 = await measuredBuild(env);
  console.log(`  ${build1.seconds} s, peak RSS ${build1.maxRssMB} MB (largest process), ${build1.treePeakMB} MB (all processes); ${build1.index}`);
  const articles = readArticles(dir, prerender);
  const changed = articles.find((a) => a.old);
  fs.writeFileSync(changed.file, fs.readFileSync(changed.file, "utf8").replace(/^title: .*$/m, `title: "Edited before the second build"`));
  console.log(`> Build 2 (one file changed) …`);
  const build2 = await measuredBuild(env);
  console.log(`  ${build2.seconds} s (${Math.round((build2.seconds / build1.seconds) * 100)} % of the first), peak RSS ${build2.maxRssMB} MB; ${build2.index}`);

  const old = shuffle(articles.filter((a) => a.old), flags.seed).slice(0, flags.requests + 2);
  const first = old.shift();
  const port = flags.port;
  const started = performance.now();
  const server = spawnServer(env, port, count);
  let startToFirstOld;
  try {
    startToFirstOld = await firstOk(`http://127.0.0.1:${port}${first.url}`, started, server);
    console.log(`  start → first old article 200: ${startToFirstOld} ms`);
    const base = `http://127.0.0.1:${port}`;

    const oldMs = [];
    for (const a of old.slice(0, flags.requests)) {
      const r = await request(base + a.url);
      if (r.status !== 200) throw new Error(`${a.url} answered ${r.status}`);
      oldMs.push(r.ms);
    }
    const rss = treeRss(server.pid);
    console.log(`  ${oldMs.length} old articles: p50 ${pct(oldMs, 50)} ms, p95 ${pct(oldMs, 95)} ms; server RSS ${rss} MB`);

    const words = ["harbour", "council", "ferry", "bridge", "budget", "festival", "lighthouse", "school", "museum", "marina", "storm", "quay", "library", "clinic"];
    const towns = ["port wren", "eastcliff", "millford", "saltmarch", "calder bay", "greyhaven", "kestle"];
    const queries = [];
    for (let i = 0; queries.length < Math.max(20, Math.round(flags.requests / 5)); i++) {
      const w = words[i % words.length];
      const kind = i % 4;
      queries.push(kind === 0 ? w : kind === 1 ? `${w} ${words[(i * 7 + 3) % words.length]}` : kind === 2 ? w.slice(0, 4) : `"${towns[i % towns.length]}" ${w}`);
    }
    const searchMs = [];
    for (const [i, q] of queries.entries()) {
      const r = await request(`${base}/api/search?q=${encodeURIComponent(q)}&limit=${10 + (i % 3)}`, { accept: "application/json" });
      if (r.status !== 200) throw new Error(`search ${q} answered ${r.status}`);
      searchMs.push(r.ms);
    }
    const pageMs = [];
    for (const q of queries.slice(0, 20)) pageMs.push((await request(`${base}/search?q=${encodeURIComponent(q)}&x=${pageMs.length}`)).ms);
    console.log(`  search: API p50 ${pct(searchMs, 50)} ms, p95 ${pct(searchMs, 95)} ms; /search page p50 ${pct(pageMs, 50)} ms`);

    // The webhook: retitle an old article that was just served (so a cached copy exists).
    const target = old[0];
    const title = `Retitled by the growth bench ${Date.now()}`;
    fs.writeFileSync(target.file, fs.readFileSync(target.file, "utf8").replace(/^title: .*$/m, `title: "${title}"`));
    const t0 = performance.now();
    const hook = await fetch(`${base}/api/revalidate`, {
      method: "POST",
      headers: { authorization: `Bearer ${SECRET}`, "content-type": "application/json" },
      body: JSON.stringify({ slug: target.slug }),
    });
    const hookBody = await hook.text();
    if (hook.status !== 200) throw new Error(`webhook answered ${hook.status}: ${hookBody}`);
    const webhookMs = Math.round(performance.now() - t0);
    let visibleMs = null;
    for (let i = 0; i < 100; i++) {
      const r = await request(base + target.url, {}, true);
      if (r.body.includes(title)) {
        visibleMs = Math.round(performance.now() - t0);
        break;
      }
      await sleep(20);
    }
    const phases = hook.headers.get("server-timing") ?? "";
    console.log(`  webhook: answered in ${webhookMs} ms (${phases}), new title visible after ${visibleMs} ms`);

    const index = await request(`${base}/sitemap.xml`, {}, true);
    const children = [...index.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname).filter((p) => p.startsWith("/sitemaps/"));
    const childMs = [];
    let childMax = { ms: 0, urls: 0 };
    for (const child of children.slice(0, 40)) {
      const r = await request(base + child, {}, true);
      const urls = (r.body.match(/<url>/g) ?? []).length;
      childMs.push(r.ms);
      if (r.ms > childMax.ms) childMax = { ms: r.ms, urls, path: child };
    }
    console.log(`  sitemap index ${index.ms} ms (${children.length} children); children p50 ${pct(childMs, 50)} ms, slowest ${childMax.ms} ms (${childMax.path}, ${childMax.urls} URLs)`);

    results.push({
      count,
      loadBefore,
      loadAfter: load(),
      generateSeconds: generated.seconds,
      build1,
      build2,
      startToFirstOldMs: startToFirstOld,
      oldArticle: { n: oldMs.length, p50: pct(oldMs, 50), p95: pct(oldMs, 95) },
      rssAfterOldMB: rss,
      search: { n: searchMs.length, p50: pct(searchMs, 50), p95: pct(searchMs, 95), pageP50: pct(pageMs, 50) },
      webhook: { answeredMs: webhookMs, visibleMs },
      sitemap: { indexMs: index.ms, children: children.length, childP50: pct(childMs, 50), childMaxMs: childMax.ms, childMaxUrls: childMax.urls },
      indexBytes: folderBytes(path.join(dir, ".masthead")),
    });
  } finally {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      /* gone */
    }
  }
  writeResults("growth-partial", results);
  if (!flags.keep) fs.rmSync(dir, { recursive: true, force: true });
}

const col = (f) => results.map(f);
const rows = [
  ["process start → first old article 200 (ms)", col((r) => r.startToFirstOldMs)],
  [`RSS after ${flags.requests} random old articles (MB)`, col((r) => r.rssAfterOldMB)],
  ["old article, first request p50 / p95 (ms)", col((r) => `${r.oldArticle.p50} / ${r.oldArticle.p95}`)],
  ["search (/api/search) p50 / p95 (ms)", col((r) => `${r.search.p50} / ${r.search.p95}`)],
  ["/search page p50 (ms)", col((r) => r.search.pageP50)],
  ["webhook → retitled article visible (ms)", col((r) => r.webhook.visibleMs)],
  ["`npm run build`, first (s)", col((r) => r.build1.seconds)],
  ["build peak RSS, largest process / all (MB)", col((r) => `${r.build1.maxRssMB} / ${r.build1.treePeakMB}`)],
  ["second build, one file changed (s, % of first)", col((r) => `${r.build2.seconds} (${Math.round((r.build2.seconds / r.build1.seconds) * 100)} %)`)],
  ["content index on disk (MB)", col((r) => Math.round(r.indexBytes / 1048576))],
  ["/sitemap.xml; slowest child (ms, URLs)", col((r) => `${r.sitemap.indexMs}; ${r.sitemap.childMaxMs} (${r.sitemap.childMaxUrls})`)],
  ["load average before → after (1/5/15 min)", col((r) => `${r.loadBefore} → ${r.loadAfter}`)],
];
const header = `| articles | ${results.map((r) => r.count.toLocaleString("en")).join(" | ")} |\n|---|${results.map(() => "---").join("|")}|`;
console.log(`\n${header}\n${rows.map(([name, values]) => `| ${name} | ${values.join(" | ")} |`).join("\n")}`);
console.log(`\nResults: ${writeResults("growth", results)}`);

// ---------------------------------------------------------------------------------------------

async function timed(fn) {
  const t = performance.now();
  await fn();
  return { seconds: Math.round((performance.now() - t) / 100) / 10 };
}

function run(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "ignore", "inherit"], cwd: root });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} failed (${code})`))));
  });
}

async function measuredBuild(env) {
  const hasTime = fs.existsSync("/usr/bin/time");
  const timeFile = path.join(root, "bench-results", "growth-time.txt");
  fs.mkdirSync(path.dirname(timeFile), { recursive: true });
  const script = path.join(root, "scripts", "build.mjs");
  const started = performance.now();
  const child = spawn(hasTime ? "/usr/bin/time" : process.execPath, hasTime ? ["-v", "-o", timeFile, process.execPath, script] : [script], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  let treePeakMB = 0;
  const sampler = setInterval(() => (treePeakMB = Math.max(treePeakMB, treeRss(child.pid))), 500);
  const code = await new Promise((resolve) => child.on("exit", resolve));
  clearInterval(sampler);
  if (code !== 0) {
    // Turbopack's warnings about a large content folder can fill the tail: the errors first.
    const errors = output.split("\n").filter((line) => /error|✖|failed/i.test(line)).slice(0, 30).join("\n");
    throw new Error(`build failed:\n${errors}\n…\n${output.slice(-1500)}`);
  }
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  const m = hasTime ? /Maximum resident set size \(kbytes\): (\d+)/.exec(fs.readFileSync(timeFile, "utf8")) : null;
  const index = /✔ Content index: ([^\n]*)/.exec(output)?.[1] ?? "";
  return { seconds, maxRssMB: m ? Math.round(Number(m[1]) / 1024) : null, treePeakMB, index };
}

/** Every article of the generated folder with its URL; "old" = visible and older than the newest 300 (never prerendered). */
/** Every article, newest first; "old" ones are well past the prerendered newest (drafts, scheduled and live blogs shift it). */
function readArticles(dir, prerendered) {
  const files = fs.readdirSync(path.join(dir, "articles"));
  const list = [];
  for (const name of files) {
    const file = path.join(dir, "articles", name);
    const head = fs.readFileSync(file, "utf8").slice(0, 600);
    const section = /^section: (.+)$/m.exec(head)[1];
    const publishedAt = /^publishedAt: (.+)$/m.exec(head)[1];
    const slug = name.replace(/\.md$/, "");
    list.push({ slug, file, url: `/${section}/${slug}`, publishedAt, visible: !/^status: draft$/m.test(head) && Date.parse(publishedAt) <= Date.now() });
  }
  list.sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt));
  return list.map((a, i) => ({ ...a, old: a.visible && i >= Math.ceil(prerendered * 1.5) }));
}

function shuffle(list, seed) {
  let s = seed >>> 0 || 1;
  const next = () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 4294967296);
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function spawnServer(env, port, count) {
  const logFile = path.join(root, "bench-results", `growth-server-${count}.log`);
  const out = fs.openSync(logFile, "w");
  const child = spawn(process.execPath, [...serverNodeArgs({ ...process.env, ...env }), serverEntry({ ...process.env, ...env }), "--port", String(port)], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", out, out],
    detached: true,
  });
  child.logFile = logFile;
  child.on("exit", (code) => (child.exited = code ?? 0));
  return child;
}

/** Polls every 10 ms from the process start until the URL answers 200. */
async function firstOk(url, started, server) {
  while (performance.now() - started < 300_000) {
    if (server.exited !== undefined) throw new Error(`the server exited (${server.exited}); see ${server.logFile}`);
    try {
      const res = await fetch(url, { headers: BROWSER });
      await res.arrayBuffer();
      if (res.status === 200) return Math.round(performance.now() - started);
    } catch {
      /* not listening yet */
    }
    await sleep(10);
  }
  throw new Error(`${url} did not answer 200 within 5 minutes`);
}

async function request(url, headers = {}, text = false) {
  const t = performance.now();
  const res = await fetch(url, { headers: { ...BROWSER, ...headers } });
  const body = text ? await res.text() : await res.arrayBuffer();
  return { status: res.status, ms: Math.round((performance.now() - t) * 10) / 10, body };
}

function pct(values, p) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Sum of RSS (MB) of a process and all its descendants, from /proc (Linux). */
function treeRss(pid) {
  const children = new Map();
  const rss = new Map();
  for (const p of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      rss.set(Number(p), Number(fields[21]) * 4096);
      const ppid = Number(fields[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(p));
    } catch {
      /* exited */
    }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    total += rss.get(p) ?? 0;
    stack.push(...(children.get(p) ?? []));
  }
  return Math.round(total / 1048576);
}

function folderBytes(dir) {
  let total = 0;
  for (const e of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) if (e.isFile()) total += fs.statSync(path.join(dir, e.name)).size;
  return total;
}
