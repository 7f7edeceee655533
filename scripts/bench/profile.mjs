#!/usr/bin/env node
// `node scripts/bench/profile.mjs --url http://host:port/path [--runs 3]`: where a phone's main thread
// spends a page load, in one cold phone-sized Chromium per load (as scripts/bench/main-thread.mjs).
// Prints, as medians over the runs:
//   - the main thread's self time by kind of work (script evaluation and calls, style, layout,
//     paint, HTML parsing, image decoding, garbage collection …; other trace events by their own
//     name), from the trace's nested events;
//   - JavaScript self time by script (URL) and by function, from V8's sampling profiler in the trace.
// Wall time, as the profiler's samples are: on a loaded machine it includes waiting for a core, so
// read it for proportions. Use it to find what to cut; compare builds with main-thread.mjs.
import os from "node:os";
import { parseFlags, table } from "./lib.mjs";
import { traceColdLoad, tracingBrowser } from "./trace.mjs";

const flags = parseFlags(process.argv.slice(2), { url: "", runs: 3, top: 15 });
if (!flags.url) throw new Error("--url http://host:port/path is required");
const traced = await tracingBrowser();

const KINDS = {
  EvaluateScript: "script: evaluate",
  "v8.compile": "script: compile",
  "v8.compileModule": "script: compile",
  "v8.evaluateModule": "script: evaluate",
  FunctionCall: "script: calls",
  TimerFire: "script: calls",
  FireAnimationFrame: "script: calls",
  EventDispatch: "script: calls",
  RunMicrotasks: "script: calls",
  "V8.Execute": "script: calls",
  MajorGC: "gc",
  MinorGC: "gc",
  "V8.GC_SCAVENGER": "gc",
  UpdateLayoutTree: "style",
  RecalculateStyles: "style",
  ParseAuthorStyleSheet: "style: parse CSS",
  Layout: "layout",
  PrePaint: "paint",
  Paint: "paint",
  Layerize: "paint",
  UpdateLayer: "paint",
  Commit: "paint",
  ParseHTML: "parse HTML",
  "Decode Image": "image decode",
  "Decode LazyPixelRef": "image decode",
  ImageDecodeTask: "image decode",
  "Document::updateStyleAndLayout": "layout",
};

async function profile(url) {
  const { events, fcp, onMainThread: main } = await traceColdLoad(traced, url, ["v8.execute", "disabled-by-default-v8.cpu_profiler", "v8"]);
  // Kinds of work: self time of each known event (its duration minus its known children's).
  const spans = events.filter((e) => e.ph === "X" && main(e) && e.dur > 0).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const kinds = {};
  const stack = [];
  const add = (span, ms) => (kinds[span.kind] = (kinds[span.kind] ?? 0) + ms);
  const close = (upTo) => {
    while (stack.length && stack.at(-1).end <= upTo) {
      const s = stack.pop();
      add(s, (s.end - s.start - s.children) / 1000);
      if (stack.length) stack.at(-1).children += s.end - s.start;
    }
  };
  for (const e of spans) {
    close(e.ts);
    stack.push({ kind: e.name === "RunTask" ? "other (task overhead)" : (KINDS[e.name] ?? e.name), start: e.ts, end: e.ts + e.dur, children: 0 });
  }
  close(Infinity);
  // JavaScript by script and function: V8's samples.
  const nodes = new Map();
  const byScript = {};
  const byFunction = {};
  for (const e of events.filter((x) => x.name === "ProfileChunk" && x.pid === fcp.pid)) {
    const p = e.args.data.cpuProfile ?? {};
    for (const n of p.nodes ?? []) nodes.set(`${e.id}:${n.id}`, n.callFrame);
    const deltas = e.args.data.timeDeltas ?? [];
    (p.samples ?? []).forEach((id, i) => {
      const frame = nodes.get(`${e.id}:${id}`);
      const ms = (deltas[i + 1] ?? 0) / 1000;
      if (!frame || ["(idle)", "(program)", "(root)"].includes(frame.functionName)) return;
      const script = frame.url ? frame.url.replace(/^https?:\/\/[^/]+/, "") : `(${frame.functionName || "native"})`;
      byScript[script] = (byScript[script] ?? 0) + ms;
      const fn = `${frame.functionName || "(anonymous)"} ${script.split("/").pop()}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
      byFunction[fn] = (byFunction[fn] ?? 0) + ms;
    });
  }
  return { kinds, byScript, byFunction };
}

const runs = [];
for (let i = 0; i < flags.runs; i++) runs.push(await profile(flags.url));
await traced.browser.close();

const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
function summary(field, label) {
  const keys = new Set(runs.flatMap((r) => Object.keys(r[field])));
  return [...keys]
    .map((k) => ({ [label]: k, ms: median(runs.map((r) => r[field][k] ?? 0)) }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, flags.top)
    .map((r) => ({ ...r, ms: r.ms.toFixed(1) }));
}
console.log(`\n${flags.url} — 412×823 phone, cold browser, medians of ${flags.runs}, wall ms; load average ${os.loadavg()[0].toFixed(1)}`);
console.log("\nMain thread by kind of work (self time):");
console.log(table(summary("kinds", "kind"), ["kind", "ms"]));
console.log("\nJavaScript by script (profiler samples):");
console.log(table(summary("byScript", "script"), ["script", "ms"]));
console.log("\nJavaScript by function (profiler samples):");
console.log(table(summary("byFunction", "function"), ["function", "ms"]));
