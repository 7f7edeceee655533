#!/usr/bin/env node
// `npm run audience:report [-- --url http://localhost:3000] [--json]`: how fast the site was for its
// real readers over the last 24 hours (p75 of LCP, INP, CLS and TTFB per page type, from the beacons'
// histograms) and the site's most-read stories. Asks a running server's GET /api/audience with the
// webhook's token (REVALIDATE_SECRET, from the environment); with several instances any one answers
// for all (the figures are in Redis).
const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const base = (arg("url", `http://localhost:${process.env.PORT || 3000}`)).replace(/\/$/, "");
const secret = process.env.REVALIDATE_SECRET;
if (!secret) {
  console.error("Set REVALIDATE_SECRET (the server's webhook token) to read the report.");
  process.exit(2);
}
let response;
try {
  response = await fetch(`${base}/api/audience`, { headers: { authorization: `Bearer ${secret}` } });
} catch (error) {
  console.error(`Cannot reach ${base}: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
const report = await response.json().catch(() => null);
if (!response.ok || !report) {
  console.error(`${base}/api/audience answered ${response.status}: ${report?.error ?? "no report"}`);
  process.exit(1);
}
if (args.includes("--json")) {
  console.log(JSON.stringify(report, null, 2));
  process.exit(0);
}
if (!report.available) {
  console.error(report.error);
  process.exit(1);
}
const METRICS = ["LCP", "INP", "CLS", "TTFB"];
const format = (metric, v) => (v?.p75 == null ? "—" : metric === "CLS" ? v.p75.toFixed(3) : `${v.p75} ms`);
console.log(`Real-user speed, last 24 hours (p75; views measured) — ${base}, figures in ${report.backend}`);
const rows = Object.entries(report.p75).sort(([a], [b]) => a.localeCompare(b));
if (rows.length === 0) console.log("  no figures yet");
console.log(`  ${"page type".padEnd(10)} ${METRICS.map((m) => m.padStart(16)).join("")}`);
for (const [type, metrics] of rows) {
  console.log(`  ${type.padEnd(10)} ${METRICS.map((m) => `${format(m, metrics[m])} (${metrics[m]?.count ?? 0})`.padStart(16)).join("")}`);
}
console.log(`\nMost read, last 24 hours (every story, listable or not)`);
if (report.mostRead.length === 0) console.log("  nothing read yet");
report.mostRead.forEach(({ slug, reads }, i) => console.log(`  ${String(i + 1).padStart(2)}. ${slug} — ${reads}`));
