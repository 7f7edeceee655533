#!/usr/bin/env node
// Reads a V8 CPU profile (`node --cpu-prof`, or the `--cpu-prof` flag of the bench scripts) and prints
// where the time went: self time by function and by file (or package), and total (inclusive) time
// of the functions that matter most. No dependency: the .cpuprofile format is a tree of nodes with
// sample counts (Chrome DevTools protocol, Profiler.Profile).
//
//   node scripts/bench/cpuprofile.mjs <file.cpuprofile> [--top 30] [--match server/] [--last 10]
// --last N: only the last N seconds of the profile (the load a bench ran, without the start-up).
import fs from "node:fs";
import path from "node:path";

/** The profile's nodes with their self and total sample counts, and the per-function and per-file sums. */
export function summarise(profile, { lastMs = Infinity } = {}) {
  const byId = new Map(profile.nodes.map((n) => [n.id, { ...n, self: 0, total: 0 }]));
  // Only the samples of the last `lastMs` (the load, not the start-up): timeDeltas are in µs.
  if (Number.isFinite(lastMs)) {
    const times = [];
    let t = profile.startTime;
    for (const d of profile.timeDeltas) times.push((t += d));
    const from = profile.endTime - lastMs * 1000;
    const keep = times.map((x) => x >= from);
    profile = { ...profile, samples: profile.samples.filter((_, i) => keep[i]), startTime: Math.max(profile.startTime, from) };
  }
  for (const id of profile.samples) {
    const node = byId.get(id);
    if (node) node.self++;
  }
  const parent = new Map();
  for (const n of byId.values()) for (const c of n.children ?? []) parent.set(c, n.id);
  const samples = profile.samples.length || 1;
  const ms = (profile.endTime - profile.startTime) / 1000;
  const name = (n) => {
    const f = n.callFrame;
    const file = f.url ? shortFile(f.url) : "";
    return `${f.functionName || "(anonymous)"} ${file}${file ? `:${f.lineNumber + 1}` : ""}`.trim();
  };
  const selfBy = new Map();
  const fileBy = new Map();
  for (const n of byId.values()) {
    if (!n.self) continue;
    const key = name(n);
    selfBy.set(key, (selfBy.get(key) ?? 0) + n.self);
    const file = n.callFrame.url ? group(n.callFrame.url) : n.callFrame.functionName || "(native)";
    fileBy.set(file, (fileBy.get(file) ?? 0) + n.self);
  }
  // Inclusive time per function: each sample counts once per distinct function on its stack.
  const totalBy = new Map();
  for (const id of profile.samples) {
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const key = name(byId.get(cur));
      if (seen.has(key)) continue;
      seen.add(key);
      totalBy.set(key, (totalBy.get(key) ?? 0) + 1);
    }
  }
  // Who calls what: for each function, the stacks (three frames up) its self time came from.
  const callersBy = new Map();
  for (const n of byId.values()) {
    if (!n.self) continue;
    const chain = [];
    for (let cur = parent.get(n.id); cur !== undefined && chain.length < 3; cur = parent.get(cur)) chain.push(name(byId.get(cur)));
    const key = name(n);
    if (!callersBy.has(key)) callersBy.set(key, new Map());
    const m = callersBy.get(key);
    m.set(chain.join(" ← "), (m.get(chain.join(" ← ")) ?? 0) + n.self);
  }
  const sorted = (m) => [...m.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => ({ name: k, samples: v, pct: Math.round((v / samples) * 1000) / 10 }));
  return { samples, ms, self: sorted(selfBy), files: sorted(fileBy), total: sorted(totalBy), callers: (fn) => [...callersBy.entries()].filter(([k]) => k.includes(fn)).flatMap(([k, m]) => sorted(m).map((r) => ({ ...r, name: `${k} ← ${r.name}` }))).sort((a, b) => b.samples - a.samples) };
}

function shortFile(url) {
  const p = url.replace(/^file:\/\//, "");
  const nm = p.lastIndexOf("node_modules/");
  if (nm >= 0) return p.slice(nm + "node_modules/".length);
  return path.relative(process.cwd(), p) || p;
}

/** A package name for node_modules, `node:internal/...` for Node's own, else the file. */
function group(url) {
  const p = url.replace(/^file:\/\//, "");
  const nm = p.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = p.slice(nm + "node_modules/".length).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (p.startsWith("node:")) return p.split("/").slice(0, 3).join("/");
  return path.relative(process.cwd(), p) || p;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const file = args.find((a, i) => !a.startsWith("--") && !(i > 0 && args[i - 1].startsWith("--")));
  if (!file) {
    console.error("usage: node scripts/bench/cpuprofile.mjs <file.cpuprofile> [--top 30] [--match text]");
    process.exit(2);
  }
  const top = Number(args[args.indexOf("--top") + 1]) || 30;
  const match = args.includes("--match") ? args[args.indexOf("--match") + 1] : null;
  const last = args.includes("--last") ? Number(args[args.indexOf("--last") + 1]) * 1000 : Infinity;
  const s = summarise(JSON.parse(fs.readFileSync(file, "utf8")), { lastMs: last });
  const show = (title, rows) => {
    console.log(`\n${title}`);
    for (const r of rows.slice(0, top)) console.log(`${String(r.pct).padStart(6)} %  ${String(r.samples).padStart(6)}  ${r.name}`);
  };
  console.log(`${file}: ${s.samples} samples over ${Math.round(s.ms)} ms`);
  show("Self time by file or package", s.files);
  show("Self time by function", s.self);
  if (args.includes("--callers")) show(`Callers of ${args[args.indexOf("--callers") + 1]}`, s.callers(args[args.indexOf("--callers") + 1]));
  show(`Total (inclusive) time by function${match ? ` matching ${match}` : ""}`, match ? s.total.filter((r) => r.name.includes(match)) : s.total);
}
