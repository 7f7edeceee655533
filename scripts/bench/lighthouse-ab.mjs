#!/usr/bin/env node
// `node scripts/bench/lighthouse-ab.mjs --a http://host:port --b http://host:port [--runs 3] [--pages /,/news]`:
// Lighthouse mobile performance of the same pages on two servers (e.g. the build before and after a
// change), runs alternating A, B, B, A … so that drifting machine load hits both alike. Prints each
// run and the medians. Lighthouse's simulated TBT is 4× each task's *wall* time: on a shared machine
// compare only the two columns of one run (scripts/bench/main-thread.mjs separates builds better).
import os from "node:os";
import { runLighthouse } from "./lighthouse.mjs";
import { parseFlags, table } from "./lib.mjs";

const flags = parseFlags(process.argv.slice(2), { a: "", b: "", runs: 3, pages: "/,/news,/news/world-news/calder-strait-ferry-strike" });
if (!flags.a || !flags.b) throw new Error("--a and --b (http://host:port) are required");
const rows = [];
const all = new Map();
for (const pagePath of String(flags.pages).split(",")) {
  for (let run = 0; run < flags.runs; run++) {
    for (const [label, server] of run % 2 ? [["b", flags.b], ["a", flags.a]] : [["a", flags.a], ["b", flags.b]]) {
      const r = runLighthouse(server + pagePath, { form: "mobile", categories: ["performance"] });
      const row = { page: pagePath, build: label, run: run + 1, perf: r.scores.performance, "FCP ms": r.fcpMs, "LCP ms": r.lcpMs, "TBT ms": r.tbtMs, CLS: r.cls };
      rows.push(row);
      const key = `${pagePath} ${label}`;
      all.set(key, [...(all.get(key) ?? []), row]);
      console.log(JSON.stringify(row));
    }
  }
}
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const medians = [...all].map(([, rs]) => ({
  page: rs[0].page,
  build: rs[0].build,
  perf: rs.map((r) => r.perf).join(", "),
  "median perf": median(rs.map((r) => r.perf)),
  "LCP ms": median(rs.map((r) => r["LCP ms"])),
  "TBT ms": median(rs.map((r) => r["TBT ms"])),
  "CLS max": Math.max(...rs.map((r) => r.CLS)),
}));
console.log(`\nLighthouse mobile, A = ${flags.a}, B = ${flags.b}, ${flags.runs} runs each alternating; load average ${os.loadavg()[0].toFixed(1)}`);
console.log(table(medians, ["page", "build", "perf", "median perf", "LCP ms", "TBT ms", "CLS max"]));
