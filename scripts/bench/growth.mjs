#!/usr/bin/env node
// `node scripts/bench/growth.mjs --counts 100,1000,10000 [--seed 1] [--duration 10]`
//
// For each article count: generate content (scripts/content/generate.mjs), build it with
// /usr/bin/time -v (wall time, peak RSS of the largest process) while sampling the whole process
// tree's RSS from /proc (peak total), start `next start`, time the first response (the content is
// loaded and indexed on the first request), then request an old article that was not prerendered
// (first request renders it, later ones come from the ISR cache) and run autocannon on it.
// Results go to bench-results/growth-*.json and a markdown table for docs/performance.md.
//
// Builds replace .next in this checkout: run it where nobody else is building.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { freePort, get, kb, nextBin, parseFlags, root, startNext, table, writeResults } from "./lib.mjs";

const flags = parseFlags(process.argv.slice(2), { counts: "100,1000,10000", seed: 1, duration: 10, connections: 20, port: 3570, keep: false });
const counts = String(flags.counts).split(",").map(Number);
const results = [];

for (const count of counts) {
  const dir = path.join(root, "bench-results", `content-${count}`);
  run(process.execPath, [path.join(root, "scripts", "content", "generate.mjs"), "--count", String(count), "--out", dir, "--seed", String(flags.seed), "--force"]);
  const env = { CONTENT_SOURCE: "markdown", CONTENT_DIR: dir, SITE_URL: "https://gazette.example", NEXT_TELEMETRY_DISABLED: "1" };

  console.log(`\n> Building ${count} articles …`);
  const b = await measuredBuild(env);
  console.log(`  build ${b.seconds} s, peak RSS largest process ${b.maxRssMB} MB, peak RSS whole tree ${b.treePeakMB} MB`);
  fs.rmSync(path.join(root, ".next", "masthead-build.json"), { force: true });
  const prerendered = countPrerenderedArticles();

  const started = Date.now();
  const server = await startNext({ port: await freePort(flags.port), env, name: `growth-${count}` });
  const firstResponseMs = Date.now() - started; // process start; "/" does not read the content yet
  try {
    // The first request that reads the content loads and indexes the whole folder.
    const firstLoad = await timed(`${server.url}/sitemap.xml`);
    const rssAfterLoad = treeRss(server.pid);
    const old = await oldestArticle(server.url);
    const first = await timed(server.url + old);
    const second = await timed(server.url + old);
    const ac = await autocannon({ url: server.url + old, connections: flags.connections, duration: flags.duration });
    const sitemap = await timed(`${server.url}/sitemap.xml`);
    const search = await timed(`${server.url}/search?q=harbour+council`);
    results.push({
      count,
      build: b,
      prerenderedArticles: prerendered,
      serverReadyMs: firstResponseMs,
      firstContentRequestMs: firstLoad.ms,
      serverRssAfterLoadMB: rssAfterLoad,
      oldArticle: {
        path: old,
        firstMs: first.ms,
        firstCache: first.cache,
        secondMs: second.ms,
        secondCache: second.cache,
        reqPerSec: Math.round(ac.requests.average),
        p50: ac.latency.p50,
        p99: ac.latency.p99,
        errors: ac.errors + ac.non2xx,
      },
      sitemapMs: sitemap.ms,
      sitemapKB: kb(sitemap.bytes),
      searchMs: search.ms,
    });
  } finally {
    server.stop();
  }
  writeResults("growth-partial", results); // a later failure keeps what was measured
  if (!flags.keep) fs.rmSync(dir, { recursive: true, force: true });
}

const rows = results.map((r) => ({
  articles: r.count,
  "build s": r.build.seconds,
  "peak RSS (largest process) MB": r.build.maxRssMB,
  "peak RSS (all processes) MB": r.build.treePeakMB,
  prerendered: r.prerenderedArticles,
  "server ready ms": r.serverReadyMs,
  "1st content request ms": r.firstContentRequestMs,
  "server RSS MB": r.serverRssAfterLoadMB,
  "old article 1st ms": `${r.oldArticle.firstMs} (${r.oldArticle.firstCache})`,
  "then ms": `${r.oldArticle.secondMs} (${r.oldArticle.secondCache})`,
  "old article req/s": r.oldArticle.reqPerSec,
  "p99 ms": r.oldArticle.p99,
  "sitemap ms": r.sitemapMs,
  "search ms": r.searchMs,
}));
console.log("\n" + table(rows, Object.keys(rows[0] ?? {})));
console.log("\nMarkdown:\n");
console.log(`| ${Object.keys(rows[0]).join(" | ")} |\n|${Object.keys(rows[0]).map(() => "---").join("|")}|`);
for (const r of rows) console.log(`| ${Object.values(r).join(" | ")} |`);
console.log(`\nResults: ${writeResults("growth", results)}`);

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: "inherit", cwd: root });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed`);
}

async function measuredBuild(env) {
  const hasTime = fs.existsSync("/usr/bin/time");
  const timeFile = path.join(root, "bench-results", "growth-time.txt");
  const cmd = hasTime ? "/usr/bin/time" : process.execPath;
  const args = hasTime ? ["-v", "-o", timeFile, process.execPath, path.join(root, "scripts", "build.mjs")] : [path.join(root, "scripts", "build.mjs")];
  const started = Date.now();
  const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  let treePeak = 0;
  const sampler = setInterval(() => (treePeak = Math.max(treePeak, treeRss(child.pid))), 500);
  const code = await new Promise((resolve) => child.on("exit", resolve));
  clearInterval(sampler);
  if (code !== 0) throw new Error(`build failed:\n${output.slice(-3000)}`);
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  let maxRssMB = null;
  if (hasTime) {
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(fs.readFileSync(timeFile, "utf8"));
    if (m) maxRssMB = Math.round(Number(m[1]) / 1024);
  }
  const staticGen = /Generating static pages[^\n]*\((\d+)\/\1\) in ([\d.]+m?s)/.exec(output);
  return { seconds, maxRssMB, treePeakMB: treePeak, staticPages: staticGen ? Number(staticGen[1]) : null, staticGeneration: staticGen?.[2] ?? null };
}

/** Sum of RSS (MB) of a process and all its descendants, from /proc (Linux). */
function treeRss(pid) {
  let stats;
  try {
    stats = fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return 0;
  }
  const children = new Map();
  const rss = new Map();
  for (const p of stats) {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ppid = Number(fields[1]);
      rss.set(Number(p), Number(fields[21]) * 4096);
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

function countPrerenderedArticles() {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, ".next", "prerender-manifest.json"), "utf8"));
    return Object.values(manifest.routes).filter((r) => r.srcRoute === "/[...path]").length;
  } catch {
    return null;
  }
}

/** The oldest visible article (the sitemap's last article URL): never among the newest N that the build prerenders. */
async function oldestArticle(baseUrl) {
  const locs = async (p) => [...(await (await get(baseUrl + p)).text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  let urls = await locs("/sitemap.xml");
  if (urls.some((u) => u.startsWith("/sitemaps/"))) urls = (await Promise.all(urls.map(locs))).flat();
  // lib/seo/sitemap.ts orders home, sections, articles newest first, authors, tags.
  const firstAuthor = urls.findIndex((u) => u.startsWith("/authors/") || u.startsWith("/tags/"));
  return urls[(firstAuthor === -1 ? urls.length : firstAuthor) - 1];
}

async function timed(url) {
  const t = performance.now();
  const res = await get(url);
  const body = await res.arrayBuffer();
  return { ms: Math.round(performance.now() - t), status: res.status, cache: res.headers.get("x-nextjs-cache") ?? "-", bytes: body.byteLength };
}
