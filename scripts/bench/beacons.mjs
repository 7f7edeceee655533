#!/usr/bin/env node
// `npm run bench:beacons`: what the reader beacon (POST /api/beacon, issue 32) costs, in one run.
//   1. Exactly N on the embedded store: one instance without Redis (the reader data store, SQLite in
//      a fresh DATA_DIR); N read beacons spread over ten articles → the report counts exactly N
//      (none lost, none doubled), and still N after a further flush.
//   2. Throughput: beacons per second the instance takes with 50 connections (wrk; half reads, half
//      Core Web Vitals), p50/p99, non-204 answers, the server's RSS before and after the rounds.
//   3. The cached article side by side, in the same alternating rounds: alone, then while beacons
//      flow at a steady rate (--rate, default 2,000/s; wrk paces 20 connections, so the rate reached
//      is printed) → the ratio (goal ≥ 0.8).
//   4. Exactly N through Redis with two instances: a private redis-server, two instances with
//      REDIS_URL; N beacons sent alternately to both → both report the same N.
// Browser-like headers on every request. Servers are started in their own process groups and stopped
// by PID. Flags: --port 3540 (three ports from there) --redisport 6395 --connections 50 --duration 5
//                --rounds 2 --count 20000 --rate 2000 --no-redis --rebuild
import http from "node:http";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { browserHeaders, discoverPages, e2eEnv, ensureBuild, freePort, get, parseFlags, root, sleep, startNext, table, writeResults } from "./lib.mjs";
import { medianOf, runWrk, WRK } from "./wrk.mjs";

const flags = parseFlags(process.argv.slice(2), { port: 3540, redisport: 6395, connections: 50, duration: 5, rounds: 2, count: 20_000, rate: 2000, "no-redis": false, rebuild: false });
const env = e2eEnv();
const UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36";
const BROWSER = browserHeaders({ "user-agent": UA });
const TOKEN = { authorization: `Bearer ${env.REVALIDATE_SECRET}` };
if (!WRK) throw new Error("bench:beacons needs wrk (apt-get install -y wrk)");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-bench-beacons-"));
const results = { when: new Date().toISOString(), flags, machine: { cpus: os.cpus().length, load: os.loadavg().map((x) => Math.round(x * 10) / 10) } };
const failures = [];
let redis = null;

const rssMb = (pid) => Math.round(Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024);

/**
 * Ten visible articles (their slugs, as the beacon names them): the sitemap's pages whose last segment
 * the beacon endpoint takes (it refuses what is not an article's slug); and the article to measure.
 */
async function articleSlugs(base) {
  let xml = await (await get(`${base}/sitemap.xml`)).text();
  let locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  if (locs.some((l) => l.startsWith("/sitemaps/"))) {
    xml = await (await get(base + locs[0])).text();
    locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  }
  const articles = locs.filter((l) => l.split("/").length >= 3 && !l.startsWith("/authors/") && !l.startsWith("/tags/"));
  const slugs = [];
  for (const url of articles) {
    const slug = url.split("/").pop();
    if ((await beacon(base, `k=read&s=${slug}`)) === 204) slugs.push(slug);
    if (slugs.length === 10) break;
  }
  if (slugs.length < 10) throw new Error(`only ${slugs.length} articles take a beacon`);
  return { slugs, article: (await discoverPages(base)).article };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
/** One beacon as a page of the site sends it; resolves with the status. */
function beacon(base, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}/api/beacon`, { method: "POST", agent, headers: { origin: base, "content-type": "application/x-www-form-urlencoded", "user-agent": UA, "content-length": Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Sends `count` read beacons, article i % slugs for the i-th, to the bases in turn, 50 at a time. */
async function sendReads(bases, slugs, count) {
  let next = 0;
  const statuses = new Map();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const status = await beacon(bases[i % bases.length], `k=read&s=${slugs[i % slugs.length]}`).catch(() => "error");
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: 50 }, worker));
  return Object.fromEntries(statuses);
}

async function report(base) {
  const response = await get(`${base}/api/audience`, { headers: TOKEN });
  if (response.status !== 200) throw new Error(`/api/audience answered ${response.status}`);
  return response.json();
}

/** Polls the report until the reads of `slugs` add up to `expected` (or 20 s); then checks they stay there. */
async function counted(bases, slugs, expected) {
  const total = async (base) => (await report(base)).mostRead.filter((e) => slugs.includes(e.slug)).reduce((n, e) => n + e.reads, 0);
  const deadline = Date.now() + 20_000;
  let seen = [];
  do {
    seen = await Promise.all(bases.map(total));
    if (seen.every((n) => n === expected)) break;
    await sleep(500);
  } while (Date.now() < deadline);
  // Another flush interval: nothing is written twice.
  await sleep(2500);
  return Promise.all(bases.map(total));
}

/**
 * wrk's Lua script for beacons, half reads (over the ten articles) and half Core Web Vitals (varied
 * figures). The requests are formatted once per thread in init() and then taken in turn: formatting
 * one per request in Lua made the load generator, on the same two cores, the bottleneck. No
 * response() hook either (it makes wrk hand every response to Lua); wrk counts non-2xx answers itself.
 */
function wrkScript(name, base, slugs, delayMs) {
  const file = path.join(work, `${name}.lua`);
  fs.writeFileSync(
    file,
    `local slugs = { ${slugs.map((s) => `"${s}"`).join(", ")} }
local requests = {}
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Origin"] = "${base}"
wrk.headers["User-Agent"] = "${UA}"
wrk.headers["Accept"] = "*/*"
wrk.headers["Accept-Encoding"] = "br, gzip"
init = function(args)
  for n = 1, 200 do
    if n % 2 == 0 then requests[n] = wrk.format(nil, nil, nil, "k=read&s=" .. slugs[(n / 2) % #slugs + 1])
    else requests[n] = wrk.format(nil, nil, nil, "k=vitals&t=article&LCP=" .. (800 + n * 17 % 1700) .. "&CLS=0.01&TTFB=" .. (40 + n * 7 % 300)) end
  end
end
request = function()
  i = i % #requests + 1
  return requests[i]
end
${delayMs ? `delay = function() return ${delayMs} end` : ""}
`,
  );
  return file;
}

/** The cached article with browser headers, as npm run bench asks it; `pid`: the server's, for its CPU time per request (only when nothing else loads it). */
const article = (base, articlePath, pid) => runWrk(base + articlePath, { connections: flags.connections, duration: flags.duration, headers: BROWSER, pid });

async function startRedis(port) {
  const dir = path.join(work, "redis");
  fs.mkdirSync(dir);
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir, "--daemonize", "no"], { stdio: "ignore", detached: true });
  for (let i = 0; i < 100; i++) {
    if (spawnSync("redis-cli", ["-p", String(port), "ping"], { encoding: "utf8" }).stdout.trim() === "PONG") return child;
    await sleep(100);
  }
  child.kill();
  throw new Error("redis-server did not start");
}

const servers = [];
async function instance(name, port, extra) {
  const handle = await startNext({ port: await freePort(port), env: { ...env, ...extra }, name });
  servers.push(handle);
  return handle;
}

try {
  ensureBuild(env, { rebuild: flags.rebuild });
  const embedded = await instance("bench-beacons", flags.port, { DATA_DIR: path.join(work, "data") });
  const base = embedded.url;
  const { slugs, article: articlePath } = await articleSlugs(base);
  const probes = slugs.length; // one beacon each, sent while choosing them
  results.beaconBytes = Buffer.byteLength(`k=read&s=${slugs[0]}`);

  // 1. Exactly N on the embedded store.
  console.log(`> 1. ${flags.count} read beacons over ${slugs.length} articles, embedded store (SQLite, no Redis)`);
  const statuses = await sendReads([base], slugs, flags.count);
  const [storeCount] = await counted([base], slugs, flags.count + probes);
  const backend = (await report(base)).backend;
  results.embedded = { backend, sent: flags.count, statuses, counted: storeCount - probes, lost: Math.max(0, flags.count + probes - storeCount), doubled: Math.max(0, storeCount - flags.count - probes) };
  if (backend !== "store" || storeCount !== flags.count + probes) failures.push(`embedded store: ${storeCount - probes} of ${flags.count} counted (backend ${backend})`);

  // 2 and 3, in alternating rounds so that all of them see the same noise: the cached article alone,
  // beacons alone at full speed, the cached article while beacons flow at a steady rate.
  const fullSpeed = wrkScript("beacons", base, slugs, 0);
  const paceConnections = 20;
  const paced = wrkScript("paced", base, slugs, Math.max(1, Math.round((paceConnections * 1000) / flags.rate)));
  for (let i = 0; i < 3; i++) await (await get(base + articlePath, { headers: BROWSER })).arrayBuffer();
  console.log(`> 2-3. ${flags.rounds} rounds × ${flags.duration} s each: the cached article alone; beacons at full speed (${flags.connections} connections); the article with beacons at ~${flags.rate}/s`);
  const alone = [];
  const full = [];
  const withBeacons = [];
  const flow = [];
  const rssBefore = rssMb(embedded.pid);
  for (let round = 0; round < flags.rounds; round++) {
    alone.push(await article(base, articlePath, embedded.pid));
    full.push(await runWrk(`${base}/api/beacon`, { connections: flags.connections, duration: flags.duration, script: fullSpeed, pid: embedded.pid }));
    const [a, b] = await Promise.all([article(base, articlePath), runWrk(`${base}/api/beacon`, { connections: paceConnections, duration: flags.duration, script: paced })]);
    withBeacons.push(a);
    flow.push(b);
  }
  const rssAfter = rssMb(embedded.pid);
  const sum = medianOf;
  results.throughput = { ...sum(full), rssBeforeMb: rssBefore, rssAfterMb: rssAfter };
  results.article = { path: articlePath, alone: sum(alone), withBeacons: sum(withBeacons), beaconFlow: sum(flow) };
  results.article.ratio = Math.round((results.article.withBeacons.reqPerSec / results.article.alone.reqPerSec) * 100) / 100;
  results.beaconsToArticle = Math.round((results.throughput.reqPerSec / results.article.alone.reqPerSec) * 100) / 100;
  // The same ratios round by round (each against the article alone of its own round), their median:
  // on a shared machine one round whose cores were taken by a neighbour moves the medians above.
  const pairedMedian = (rs) => {
    const ratios = rs.map((r, i) => r.reqPerSec / alone[i].reqPerSec).filter(Number.isFinite).sort((a, b) => a - b);
    return ratios.length ? Math.round(ratios[Math.floor(ratios.length / 2)] * 100) / 100 : null;
  };
  results.article.pairedRatio = pairedMedian(withBeacons);
  results.pairedBeaconsToArticle = pairedMedian(full);
  embedded.stop();

  // 4. Exactly N through Redis, two instances.
  if (!flags["no-redis"] && spawnSync("sh", ["-c", "command -v redis-server"]).status === 0) {
    console.log(`> 4. ${flags.count} read beacons sent alternately to two instances sharing Redis`);
    redis = await startRedis(flags.redisport);
    const shared = { REDIS_URL: `redis://127.0.0.1:${flags.redisport}`, MASTHEAD_WARM_UP: "0", DATA_DIR: path.join(work, "data-redis") };
    const [a, b] = await Promise.all([instance("bench-beacons-a", flags.port + 1, shared), instance("bench-beacons-b", flags.port + 2, shared)]);
    const twoStatuses = await sendReads([a.url, b.url], slugs, flags.count);
    const [onA, onB] = await counted([a.url, b.url], slugs, flags.count);
    const redisBackend = (await report(a.url)).backend;
    results.redis = { backend: redisBackend, sent: flags.count, statuses: twoStatuses, countedOnA: onA, countedOnB: onB, lost: Math.max(0, flags.count - onA), doubled: Math.max(0, onA - flags.count) };
    if (redisBackend !== "redis" || onA !== flags.count || onB !== flags.count) failures.push(`Redis: ${onA} / ${onB} of ${flags.count} counted`);
  }

  const row = (name, r, extra = {}) => ({ target: name, "req/s": r.reqPerSec, "p50 ms": r.p50, "p99 ms": r.p99, "non-2xx": r.errors, "CPU µs/req": r.cpuUs ?? "", ...extra });
  console.log(`\nBeacon body: ${results.beaconBytes} bytes; load ${results.machine.load.join(" ")} on ${results.machine.cpus} cores\n`);
  console.log(
    table(
      [
        row("cached article, alone", results.article.alone),
        row(`beacons, full speed (${flags.connections} conn.)`, results.throughput, { "RSS MB": `${results.throughput.rssBeforeMb} → ${results.throughput.rssAfterMb}`, ratio: results.beaconsToArticle }),
        row(`cached article, beacons flowing`, results.article.withBeacons, { ratio: results.article.ratio }),
        row("  the beacons meanwhile", results.article.beaconFlow),
      ],
      ["target", "req/s", "p50 ms", "p99 ms", "non-2xx", "CPU µs/req", "RSS MB", "ratio"],
    ),
  );
  console.log(`\nExactly N: embedded store ${results.embedded.counted}/${flags.count} (lost ${results.embedded.lost}, doubled ${results.embedded.doubled})` + (results.redis ? `; Redis, two instances ${results.redis.countedOnA} on A, ${results.redis.countedOnB} on B of ${flags.count} (lost ${results.redis.lost}, doubled ${results.redis.doubled})` : "; Redis not run"));
  console.log(`Round by round (median of each round's ratio to the article alone): beacons ${results.pairedBeaconsToArticle}×, the article while beacons flow ${results.article.pairedRatio}×.`);
  console.log(`Goals (issue 32): ≥ 10,000 beacons/s → ${results.throughput.reqPerSec}; p99 ≤ 20 ms → ${results.throughput.p99}; 0 lost; article ratio ≥ 0.8 → ${results.article.ratio} (round by round ${results.article.pairedRatio})`);
  console.log(`Results: ${writeResults("beacons", results)}`);
} catch (error) {
  failures.push(error instanceof Error ? error.message : String(error));
} finally {
  for (const s of servers) s.stop();
  if (redis && redis.exitCode === null) {
    const exited = new Promise((r) => redis.once("exit", r));
    redis.kill("SIGTERM");
    await Promise.race([exited, sleep(5000)]);
  }
  agent.destroy();
  await sleep(500);
  fs.rmSync(work, { recursive: true, force: true });
}
if (failures.length) {
  console.error(`✖ bench:beacons: ${failures.join("; ")}`);
  process.exit(1);
}
