#!/usr/bin/env node
// `node scripts/bench/main-thread.mjs --a http://host:port [--b http://host:port] [--runs 5]`:
// the main-thread CPU a phone spends loading a page, side by side for one or two servers (e.g. the
// build before and after a change), in one run. Lighthouse's mobile TBT multiplies each task's *wall*
// time by 4, so on a shared machine it mostly measures the other processes; this reads each task's
// *thread* time from a Chromium trace (what scheduling waits do not inflate) and reports:
//   - CPU ms: the main thread's CPU time from navigation to 3 s after load;
//   - TBT est. ms: Σ max(0, 4 × CPU − 50) over the tasks after the first contentful paint — the
//     blocking time of Lighthouse's 4× slowdown, computed from CPU time (an estimate, not its figure);
//   - longest task's CPU ms.
// Runs alternate between the servers so drifting load hits both alike; medians are printed.
import os from "node:os";
import { parseFlags, table } from "./lib.mjs";
import { traceColdLoad, tracingBrowser } from "./trace.mjs";

const flags = parseFlags(process.argv.slice(2), { a: "", b: "", runs: 5, pages: "/,/news,/news/world-news/calder-strait-ferry-strike" });
if (!flags.a) throw new Error("--a http://host:port is required");
const servers = [flags.a, flags.b].filter(Boolean);
const pages = String(flags.pages).split(",");
const traced = await tracingBrowser();

async function measure(url) {
  const { events, fcp, onMainThread } = await traceColdLoad(traced, url);
  // The trace starts on about:blank: every task of the renderer's main thread is this page's load.
  const tasks = events.filter((e) => e.name === "RunTask" && e.ph === "X" && onMainThread(e));
  const cpu = (e) => (e.tdur ?? e.dur) / 1000;
  return {
    cpu: tasks.reduce((sum, e) => sum + cpu(e), 0),
    tbt: tasks.filter((e) => e.ts + e.dur > fcp.ts).reduce((sum, e) => sum + Math.max(0, 4 * cpu(e) - 50), 0),
    longest: Math.max(0, ...tasks.map(cpu)),
  };
}

const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const results = new Map();
for (let run = 0; run < flags.runs; run++) {
  for (const pagePath of pages) {
    for (const server of run % 2 ? [...servers].reverse() : servers) {
      const key = `${server} ${pagePath}`;
      if (!results.has(key)) results.set(key, []);
      results.get(key).push(await measure(server + pagePath));
    }
  }
  process.stdout.write(`run ${run + 1}/${flags.runs} done\n`);
}
await traced.browser.close();

const rows = [];
for (const pagePath of pages) {
  for (const server of servers) {
    const r = results.get(`${server} ${pagePath}`);
    rows.push({ page: pagePath, server, "CPU ms": Math.round(median(r.map((x) => x.cpu))), "TBT est. ms": Math.round(median(r.map((x) => x.tbt))), "longest task ms": Math.round(median(r.map((x) => x.longest))) });
  }
}
console.log(`\nMain-thread CPU of a page load (412×823 phone, medians of ${flags.runs}; load average ${os.loadavg()[0].toFixed(1)}):`);
console.log(table(rows, ["page", "server", "CPU ms", "TBT est. ms", "longest task ms"]));
