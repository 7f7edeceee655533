#!/usr/bin/env node
// `npm run bench`: the origin's throughput, side by side in one run (issue 14).
//
// Builds Masthead once (or reuses a fresh build), and builds a bare Next 16 app in
// bench-results/bare-app (same node_modules) whose one static page is the same size as the
// article's HTML. Serves both (Masthead through server/main.ts, the bare page through
// `next start`) and alternates rounds between them with browser headers (`Accept: text/html…`,
// `Accept-Encoding: br, gzip`), so both see the same noise of this shared machine. Prints req/s,
// p50 and p99 per target, the ratio of Masthead's cached article to the bare page, and the first
// (uncached) render times of pages nobody asked for yet. JSON goes to bench-results/ (git-ignored).
// Issue 27 rows: the article with a cache-busting query (`?cb=1`, once a render per request), a
// repeated search (`/search?q=…`).
// A second Masthead with its metrics listener on (METRICS_PORT, issue 29) serves the article in the
// same rounds: the cost of counting every request, as a ratio to the first (metrics off).
//
// Flags: --duration 10 (s per round) --rounds 3 --connections 50 --port 3520 --bareport (port+20) --rebuild
//        --content <dir> (another content folder) --tool wrk|autocannon (wrk when installed)
// Compare ratios within one run, not absolute numbers across runs.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { discoverPages, e2eEnv, ensureBuild, freePort, get, kb, nextBin, parseFlags, root, startNext, startServer, table, writeResults } from "./bench/lib.mjs";

const flags = parseFlags(process.argv.slice(2), { duration: 10, rounds: 3, connections: 50, port: 3520, bareport: 0, rebuild: false, content: "", tool: "" });
const env = flags.content ? { ...e2eEnv(), CONTENT_DIR: path.resolve(flags.content) } : e2eEnv();
const BROWSER = {
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  "accept-encoding": "br, gzip",
  "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Masthead-bench",
};
const wrk = ["/usr/bin/wrk", "/usr/local/bin/wrk"].find((p) => fs.existsSync(p));
const tool = flags.tool || (wrk ? "wrk" : "autocannon");

ensureBuild(env, { rebuild: flags.rebuild || Boolean(flags.content) });
const masthead = await startNext({ port: await freePort(flags.port), env, name: "bench-masthead" });
let bare;
let withMetrics;
try {
  const pages = await discoverPages(masthead.url);
  const listing = await someListings(masthead.url);
  const targets = [
    { name: "article", path: pages.article },
    { name: "home", path: pages.home },
    { name: "section", path: pages.section },
    ...listing,
    { name: "article ?cb=1", path: `${pages.article}?cb=1` },
    { name: "search, repeated query", path: "/search?q=harbour" },
  ];
  // First renders: listing pages nobody has asked for yet (tags are not prerendered).
  const firstRenders = await firstRenderTimes(masthead.url, await unrenderedPaths(masthead.url));

  const articleHtml = await (await get(masthead.url + pages.article, { headers: { accept: "text/html" } })).text();
  bare = await startBareNext(Buffer.byteLength(articleHtml), await freePort(flags.bareport || flags.port + 20));
  withMetrics = await startNext({ port: await freePort(flags.port + 2), env: { ...env, METRICS_PORT: String(await freePort(flags.port + 6000)) }, name: "bench-masthead-metrics" });
  await (await get(withMetrics.url + pages.article, { headers: BROWSER })).arrayBuffer();
  for (const t of targets) {
    const res = await get(masthead.url + t.path, { headers: BROWSER, redirect: "manual" });
    await res.arrayBuffer();
    Object.assign(t, { status: res.status, encoding: res.headers.get("content-encoding") ?? "identity", cache: res.headers.get("x-masthead-cache") });
  }
  const bareRes = await get(`${bare.url}/`, { headers: BROWSER });
  const bareBytes = Buffer.byteLength(await bareRes.text());

  console.log(
    `> ${tool}, ${flags.connections} connections, ${flags.rounds} rounds × ${flags.duration} s per target, browser headers; ` +
      `article ${kb(Buffer.byteLength(articleHtml))} KB HTML, bare page ${kb(bareBytes)} KB`,
  );
  const runs = new Map();
  const record = (name, r) => runs.set(name, [...(runs.get(name) ?? []), r]);
  for (let round = 1; round <= flags.rounds; round++) {
    // Alternate: bare, article, bare, the other pages — the reference is measured next to each.
    record("bare Next page", await load(`${bare.url}/`));
    for (const t of targets) record(t.name, await load(masthead.url + t.path));
    record("article, metrics on", await load(withMetrics.url + pages.article));
    console.log(`  round ${round}/${flags.rounds} done`);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const summary = (name) => {
    const rs = runs.get(name);
    return { reqPerSec: median(rs.map((r) => r.reqPerSec)), p50: median(rs.map((r) => r.p50)), p99: median(rs.map((r) => r.p99)), errors: rs.reduce((n, r) => n + r.errors, 0) };
  };
  const reference = summary("bare Next page");
  const rows = [
    { target: "bare Next page (same size)", path: "/", status: 200, encoding: bareRes.headers.get("content-encoding") ?? "identity", ...reference, ratio: 1 },
    ...targets.map((t) => {
      const s = summary(t.name);
      return { target: `${t.name} (${t.cache ?? "?"})`, path: t.path, status: t.status, encoding: t.encoding, ...s, ratio: s.reqPerSec / reference.reqPerSec };
    }),
  ];
  console.log(
    "\n" +
      table(
        rows.map((r) => ({ ...r, "req/s": r.reqPerSec, "p50 ms": r.p50, "p99 ms": r.p99, "× bare": r.ratio.toFixed(2) })),
        ["target", "path", "status", "encoding", "req/s", "p50 ms", "p99 ms", "errors", "× bare"],
      ),
  );
  const article = rows.find((r) => r.target.startsWith("article"));
  const metricsOn = summary("article, metrics on");
  rows.push({ target: "article (cached), metrics on", path: pages.article, status: article.status, encoding: article.encoding, ...metricsOn, ratio: metricsOn.reqPerSec / reference.reqPerSec });
  console.log(`article, metrics on: ${metricsOn.reqPerSec} req/s, p50 ${metricsOn.p50} ms, p99 ${metricsOn.p99} ms, ${metricsOn.errors} errors`);
  console.log(`\nCached article: ${article.ratio.toFixed(2)}× the bare Next page (goal ≥ 2×), p99 ${article.p99} ms (goal ≤ 50 ms).`);
  console.log(`Metrics on (METRICS_PORT): ${(metricsOn.reqPerSec / article.reqPerSec).toFixed(2)}× the cached article with metrics off (goal ≥ 0.95×).`);
  if (firstRenders.length) {
    const sorted = firstRenders.map((f) => f.ms).sort((a, b) => a - b);
    const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
    console.log(`First (uncached) renders of ${sorted.length} pages, one at a time: p50 ${pct(50)} ms, p99 ${pct(99)} ms, max ${sorted.at(-1)} ms.`);
  }
  const file = writeResults("bench", {
    when: new Date().toISOString(),
    machine: { cpus: (await import("node:os")).cpus().length, node: process.version, loadavg: (await import("node:os")).loadavg() },
    options: { tool, duration: flags.duration, rounds: flags.rounds, connections: flags.connections, headers: BROWSER, contentDir: env.CONTENT_DIR },
    rows,
    runs: Object.fromEntries(runs),
    firstRenders,
  });
  console.log(`Results: ${path.relative(root, file)}`);
} finally {
  masthead.stop();
  bare?.stop();
  withMetrics?.stop();
}

/** One round against one URL: req/s, p50, p99 (ms), errors (non-2xx/3xx, timeouts, socket errors). */
async function load(url) {
  if (tool === "wrk") {
    const args = ["-t", "2", "-c", String(flags.connections), "-d", `${flags.duration}s`, "--latency"];
    for (const [k, v] of Object.entries(BROWSER)) args.push("-H", `${k}: ${v}`);
    const out = spawnSync(wrk, [...args, url], { encoding: "utf8" }).stdout;
    const ms = (label) => {
      const m = new RegExp(`\\s${label}%\\s+([\\d.]+)(us|ms|s)`).exec(out);
      if (!m) return null;
      return Math.round(Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2]] * 10) / 10;
    };
    const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
    return {
      reqPerSec: Math.round(Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0)),
      p50: ms("50"),
      p99: ms("99"),
      // wrk counts answers of 400 and above itself ("Non-2xx or 3xx responses"); a Lua counter would
      // not see them (response() runs in each thread's state, done() in another).
      errors: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0) + (socket ? socket.slice(1).reduce((n, x) => n + Number(x), 0) : 0),
    };
  }
  const r = await autocannon({ url, connections: flags.connections, duration: flags.duration, headers: BROWSER });
  return { reqPerSec: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts + r.non2xx };
}

/** An author page and a tag page that exist, from the article's own links. */
async function someListings(baseUrl) {
  const html = await (await get(`${baseUrl}${(await discoverPages(baseUrl)).article}`, { headers: { accept: "text/html" } })).text();
  const author = /href="(\/authors\/[^"/]+)"/.exec(html)?.[1];
  const tag = /href="(\/tags\/[^"/]+)"/.exec(html)?.[1];
  return [author && { name: "author", path: author }, tag && { name: "tag", path: tag }].filter(Boolean);
}

/** Tag pages from the sitemap that have not been rendered yet in this process. */
async function unrenderedPaths(baseUrl) {
  const xml = await (await get(`${baseUrl}/sitemap.xml`)).text();
  let locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  if (locs.some((l) => l.startsWith("/sitemaps/"))) {
    const child = await (await get(baseUrl + locs[0])).text();
    locs = [...child.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  }
  return locs.filter((l) => l.startsWith("/tags/")).slice(0, 40);
}

async function firstRenderTimes(baseUrl, paths) {
  const out = [];
  for (const p of paths) {
    const started = performance.now();
    const res = await get(baseUrl + p, { headers: BROWSER });
    await res.arrayBuffer();
    out.push({ path: p, status: res.status, ms: Math.round(performance.now() - started) });
  }
  return out;
}

/**
 * A bare Next app: one static page (no client component of ours) whose HTML is `bytes` long, built
 * with the project's own next and served by `next start` — what Next pays for a page of this size.
 */
async function startBareNext(bytes, port) {
  const app = path.join(root, "bench-results", "bare-app");
  fs.rmSync(app, { recursive: true, force: true });
  fs.mkdirSync(path.join(app, "app"), { recursive: true });
  fs.writeFileSync(path.join(app, "app", "layout.jsx"), `export default function RootLayout({ children }) {\n  return (<html lang="en"><body>{children}</body></html>);\n}\n`);
  const page = (paragraphs) =>
    `const TEXT = ${JSON.stringify(Array.from({ length: paragraphs }, (_, i) => `Paragraph ${i + 1}: the harbour council met on Tuesday evening to discuss the winter timetable, the sea wall and the budget for the lifeboat station.`))};\n` +
    `export default function Page() {\n  return (<main><h1>A page the size of an article</h1>{TEXT.map((t, i) => <p key={i}>{t}</p>)}</main>);\n}\n`;
  fs.writeFileSync(path.join(app, "next.config.mjs"), `export default { poweredByHeader: false, compress: true };\n`);
  // Each paragraph costs about twice its length (the HTML and Next's flight data): guess, build,
  // measure, and build once more with the count corrected when the first guess is off by > 5 %.
  let paragraphs = Math.max(1, Math.round(bytes / 330));
  for (let attempt = 1; ; attempt++) {
    fs.writeFileSync(path.join(app, "app", "page.jsx"), page(paragraphs));
    console.log(`> Building the bare Next page (bench-results/bare-app, ${paragraphs} paragraphs) …`);
    const built = spawnSync(process.execPath, [nextBin, "build", app], { cwd: root, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (built.status !== 0) throw new Error("the bare Next app did not build");
    const html = fs.readFileSync(path.join(app, ".next", "server", "app", "index.html"));
    if (attempt === 2 || Math.abs(html.length - bytes) / bytes <= 0.05) break;
    paragraphs = Math.max(1, Math.round((paragraphs * bytes) / html.length));
  }
  return startServer({ args: [nextBin, "start", app, "-p", String(port), "-H", "127.0.0.1"], cwd: root, port, name: "bench-bare-next", env: { NODE_ENV: "production" } });
}
