#!/usr/bin/env node
// `node scripts/bench/hot-path-ab.mjs --before DIR`: this checkout's server (its .next, e2e build) and
// another checkout's (DIR, e.g. `git worktree add --detach DIR <rev>` built with the e2e environment)
// side by side in one run: the cached article and home page with wrk (50 connections, 5 rounds of 5 s,
// the order turning each round, browser headers), req/s, p50, p99 and the server's CPU per request,
// the round-by-round ratio; then first renders of 24 tag pages nobody asked for, alternating.
// Ports 3541/3542.
import fs from "node:fs";
import path from "node:path";
import { e2eEnv, parseFlags, startNext, startServer, sleep, get } from "./lib.mjs";
import { serverNodeArgs } from "../server-launch.cjs";
import { runWrk } from "./wrk.mjs";
const flags = parseFlags(process.argv.slice(2), { before: "" });
if (!flags.before) throw new Error("--before DIR (another checkout, built with the e2e environment) is required");
const BEFORE = path.resolve(flags.before);
const env = e2eEnv();
const H = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "accept-encoding": "br, gzip", "user-agent": "Mozilla/5.0 Masthead-bench" };
const after = await startNext({ port: 3541, env, name: "ab-after" });
const entry = path.join(BEFORE, ".next", "masthead-server.mjs");
const before = await startServer({ args: [...serverNodeArgs({ ...process.env, ...env }), entry, "--port", "3542", "--dir", BEFORE], env, cwd: BEFORE, port: 3542, name: "ab-before" });
for (let i = 0; i < 600 && !fs.readFileSync(before.logFile, "utf8").includes("> Warmed up"); i++) await sleep(100);
const pages = { article: "/news/world-news/calder-strait-ferry-strike", home: "/" };
const res = {};
try {
  for (const s of [after, before]) for (const p of Object.values(pages)) { await (await get(`http://127.0.0.1:${s === after ? 3541 : 3542}${p}`, { headers: H })).arrayBuffer(); }
  for (const [n, port] of [["after", 3541], ["before", 3542]]) await runWrk(`http://127.0.0.1:${port}${pages.article}`, { threads: 2, connections: 50, duration: 2, headers: H });
  for (let round = 0; round < 5; round++) {
    const order = round % 2 ? [["before", 3542, before.pid], ["after", 3541, after.pid]] : [["after", 3541, after.pid], ["before", 3542, before.pid]];
    for (const [pname, p] of Object.entries(pages)) for (const [n, port, pid] of order) {
      const r = await runWrk(`http://127.0.0.1:${port}${p}`, { threads: 2, connections: 50, duration: 5, headers: H, pid });
      (res[`${pname} ${n}`] ??= []).push(r);
    }
  }
  // first renders (miss path): 20 tag pages nobody asked for, one at a time, alternating
  const xml = await (await get("http://127.0.0.1:3541/sitemap.xml")).text();
  let locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  if (locs.some((l) => l.startsWith("/sitemaps/"))) { const c = await (await get("http://127.0.0.1:3541" + locs[0])).text(); locs = [...c.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname); }
  const tags = locs.filter((l) => l.startsWith("/tags/")).slice(0, 24);
  const first = { after: [], before: [] };
  for (const t of tags) for (const [n, port] of [["after", 3541], ["before", 3542]]) { const t0 = performance.now(); await (await get(`http://127.0.0.1:${port}${t}`, { headers: H })).arrayBuffer(); first[n].push(performance.now() - t0); }
  const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const [k, rs] of Object.entries(res)) console.log(k.padEnd(16), "req/s", med(rs.map((r) => r.reqPerSec)), "p50", med(rs.map((r) => r.p50)), "p99", med(rs.map((r) => r.p99)), "cpu µs/req", med(rs.map((r) => r.cpuUs)), "errors", rs.reduce((a, r) => a + r.errors, 0));
  for (const k of ["article", "home"]) { const a = res[`${k} after`], b = res[`${k} before`]; console.log(k, "after/before req/s, round by round median:", med(a.map((r, i) => r.reqPerSec / b[i].reqPerSec)).toFixed(2), "CPU per req after/before:", med(a.map((r, i) => r.cpuUs / b[i].cpuUs)).toFixed(2)); }
  console.log("first renders of", tags.length, "tag pages, median ms: after", med(first.after).toFixed(0), "before", med(first.before).toFixed(0));
} finally { after.stop(); before.stop(); }
