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
// repeated search (`/search?q=…`); the cached article while searches load the server (a repeated
// query, and a different query on every request: scripts/bench/distinct-searches.lua), beside the
// article alone at the same connections, in the same rounds (wrk only; --targets "beside search").
// The cached article side by side with two more instances, in the same rounds and right next to
// it (the order turns each round, so none is always measured first):
// - metrics on: a second Masthead with its metrics listener on (METRICS_PORT, issue 29) — the cost of
//   counting every request, as a ratio to the first (metrics off; goal ≥ 0.95×);
// - card payments on: the same site built with Stripe configured (.next-revenue: e2e/env.json plus the
//   STRIPE_* settings of e2e/revenue/env.json), whose donation box offers card payments (issue 30) —
//   the box must cost nothing (built first when missing, older than the code, or built by npm test
//   with the revenue suite's environment; --no-revenue skips it).
// With wrk, each row also gives the CPU time the server process spent per request it answered
// (from /proc): on a shared machine it does not depend on how much of a core the server was given.
//
// Flags: --duration 10 (s per round) --rounds 3 --connections 50 --port 3520 --bareport (port+20)
//        --metricsport (port+6000) --revenueport (port+4) --rebuild --content <dir> (another content
//        folder) --tool wrk|autocannon (wrk when installed) --targets article,home (only these of the
//        Masthead targets) --no-bare (no bare Next page: no build of it) --no-revenue
// Compare ratios within one run, not absolute numbers across runs.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { browserHeaders, build, buildIsFresh, discoverPages, e2eEnv, ensureBuild, freePort, get, kb, nextBin, parseFlags, root, startNext, startServer, table, writeResults } from "./bench/lib.mjs";
import { medianOf, runWrk, WRK } from "./bench/wrk.mjs";

const flags = parseFlags(process.argv.slice(2), { duration: 10, rounds: 3, connections: 50, port: 3520, bareport: 0, metricsport: 0, revenueport: 0, rebuild: false, content: "", tool: "", targets: "", "no-bare": false, "no-revenue": false });
const env = flags.content ? { ...e2eEnv(), CONTENT_DIR: path.resolve(flags.content) } : e2eEnv();
const BROWSER = browserHeaders();
const tool = flags.tool || (WRK ? "wrk" : "autocannon");
// The same site with card payments on (issue 30): the environment of the first instance plus Stripe's
// settings of e2e/revenue/env.json, built into .next-revenue, so the donation box is the only change
// (the revenue e2e build has no mail server, hence no sign-up forms: not comparable as it is).
const revenueSettings = JSON.parse(fs.readFileSync(path.join(root, "e2e", "revenue", "env.json"), "utf8")).env;
const revenueBuildEnv = { ...env, MASTHEAD_DIST_DIR: revenueSettings.MASTHEAD_DIST_DIR, ...Object.fromEntries(Object.entries(revenueSettings).filter(([k]) => k.startsWith("STRIPE_"))) };
const revenueEnv = { ...revenueBuildEnv, DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "masthead-bench-revenue-")) };
const metricsDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-bench-metrics-"));

ensureBuild(env, { rebuild: flags.rebuild || Boolean(flags.content) });
if (!flags["no-revenue"]) {
  // .next-revenue is also built by npm test with the revenue e2e environment: a stamp says which one this is.
  const stamp = path.join(root, revenueBuildEnv.MASTHEAD_DIST_DIR, "masthead-bench-env.json");
  const wanted = JSON.stringify(revenueBuildEnv);
  const stamped = fs.existsSync(stamp) ? fs.readFileSync(stamp, "utf8") : null;
  if (flags.rebuild || flags.content || stamped !== wanted || !buildIsFresh(revenueBuildEnv.MASTHEAD_DIST_DIR)) {
    console.log(`> Building ${revenueBuildEnv.MASTHEAD_DIST_DIR} with card payments on (node scripts/build.mjs) …`);
    build(revenueBuildEnv);
    fs.writeFileSync(stamp, wanted);
  } else console.log(`> Reusing the card-payments build in ${revenueBuildEnv.MASTHEAD_DIST_DIR} (built by npm run bench, newer than the code)`);
}
const masthead = await startNext({ port: await freePort(flags.port), env, name: "bench-masthead" });
let bare;
let withMetrics;
let withRevenue;
try {
  const pages = await discoverPages(masthead.url);
  const listing = await someListings(masthead.url);
  const wanted = flags.targets ? new Set(String(flags.targets).split(",").map((t) => t.trim())) : null;
  const targets = [
    { name: "article", path: pages.article },
    { name: "home", path: pages.home },
    { name: "section", path: pages.section },
    ...listing,
    { name: "article ?cb=1", path: `${pages.article}?cb=1` },
    { name: "search, repeated query", path: "/search?q=harbour" },
  ].filter((t) => t.name === "article" || !wanted || wanted.has(t.name));
  // First renders: listing pages nobody has asked for yet (tags are not prerendered) — measured after
  // the rounds, so that during them the instance compared with the metrics-on and card-payments ones
  // holds no more pages than they do.
  const unrendered = (await unrenderedPaths(masthead.url)).filter((p) => !targets.some((t) => t.path === p));

  const articleHtml = await (await get(masthead.url + pages.article, { headers: { accept: "text/html" } })).text();
  if (!flags["no-bare"]) bare = await startBareNext(Buffer.byteLength(articleHtml), await freePort(flags.bareport || flags.port + 20));
  // A reader data store of its own: two instances on one SQLite file wait on each other's write locks
  // (the outbox's claims; busy_timeout blocks the event loop), which stalled whole rounds of this
  // instance (50 timeouts in one of three). Several instances share PostgreSQL, never a SQLite file.
  withMetrics = await startNext({ port: await freePort(flags.port + 2), env: { ...env, DATA_DIR: metricsDataDir, METRICS_PORT: String(await freePort(flags.metricsport || flags.port + 6000)) }, name: "bench-masthead-metrics" });
  if (!flags["no-revenue"]) withRevenue = await startNext({ port: await freePort(flags.revenueport || flags.port + 4), env: revenueEnv, name: "bench-masthead-revenue" });
  // The article's bytes in each build (the donation box's share, on the wire as sent: brotli).
  const weigh = async (base) => {
    // Twice: the first may be the miss that stores it. fetch decodes the body, so the bytes sent are
    // the response's Content-Length (the response cache always sets it).
    let res;
    for (let i = 0; i < 2; i++) {
      res = await get(base + pages.article, { headers: BROWSER });
      await res.arrayBuffer();
    }
    const html = Buffer.byteLength(await (await get(base + pages.article, { headers: { accept: "text/html" } })).text());
    return { status: res.status, html, wire: Number(res.headers.get("content-length")), encoding: res.headers.get("content-encoding") ?? "identity", cache: res.headers.get("x-masthead-cache") };
  };
  const variants = [
    { name: "article, metrics on", server: withMetrics, size: await weigh(withMetrics.url) },
    ...(withRevenue ? [{ name: "article, card payments on", server: withRevenue, size: await weigh(withRevenue.url) }] : []),
  ];
  const articleSize = await weigh(masthead.url);
  for (const t of targets) {
    const res = await get(masthead.url + t.path, { headers: BROWSER, redirect: "manual" });
    await res.arrayBuffer();
    Object.assign(t, { status: res.status, encoding: res.headers.get("content-encoding") ?? "identity", cache: res.headers.get("x-masthead-cache") });
  }
  const bareRes = bare ? await get(`${bare.url}/`, { headers: BROWSER }) : null;
  const bareBytes = bareRes ? Buffer.byteLength(await bareRes.text()) : 0;

  const loadAtStart = os.loadavg().map((x) => x.toFixed(1)).join(" ");
  console.log(
    `> load average ${loadAtStart} on ${os.cpus().length} cores; ${tool}, ${flags.connections} connections, ${flags.rounds} rounds × ${flags.duration} s per target, browser headers; ` +
      `article ${kb(Buffer.byteLength(articleHtml))} KB HTML` + (bare ? `, bare page ${kb(bareBytes)} KB` : ""),
  );
  const runs = new Map();
  const record = (name, r) => runs.set(name, [...(runs.get(name) ?? []), r]);
  // The metrics-on and card-payments instances have served two requests so far, the first one much
  // more: two seconds of load each before the rounds, so none is measured while its code is still cold.
  if (tool === "wrk") for (const base of [masthead.url, ...variants.map((v) => v.server.url)]) await runWrk(base + pages.article, { threads: 2, connections: flags.connections, duration: 2, headers: BROWSER });
  for (let round = 1; round <= flags.rounds; round++) {
    // Alternate: bare, article, bare, the other pages — the reference is measured next to each.
    if (bare) record("bare Next page", await load(`${bare.url}/`));
    // The cached article and its variants back to back, in an order that turns each round.
    const block = [{ name: "article", url: masthead.url + pages.article, pid: masthead.pid }, ...variants.map((v) => ({ name: v.name, url: v.server.url + pages.article, pid: v.server.pid }))];
    const turn = (round - 1) % block.length;
    for (const b of [...block.slice(turn), ...block.slice(0, turn)]) record(b.name, await load(b.url, b.pid));
    for (const t of targets) if (t.name !== "article") record(t.name, await load(masthead.url + t.path, masthead.pid));
    // Issue 27: the cached article while searches load the same server (half the connections each),
    // beside the article alone at those connections in the same round.
    if (tool === "wrk" && (!wanted || wanted.has("beside search"))) {
      const half = Math.max(1, Math.floor(flags.connections / 2));
      const articleUrl = masthead.url + pages.article;
      const beside = async (name, searchUrl, script) => {
        const [a, s] = await Promise.all([
          runWrk(articleUrl, { threads: 1, connections: half, duration: flags.duration, headers: BROWSER }),
          runWrk(searchUrl, { threads: 1, connections: half, duration: flags.duration, headers: BROWSER, script }),
        ]);
        record(name, a);
        record(`${name}: the searches`, s);
      };
      record(`article alone, ${half} connections`, await load(articleUrl, masthead.pid, half));
      await beside(`article beside a repeated search, ${half} + ${half} connections`, masthead.url + "/search?q=harbour");
      await beside(`article beside distinct searches, ${half} + ${half} connections`, masthead.url + "/search", path.join(root, "scripts", "bench", "distinct-searches.lua"));
    }
    console.log(`  round ${round}/${flags.rounds} done`);
  }
  const summary = (name) => medianOf(runs.get(name));
  const reference = bare ? summary("bare Next page") : null;
  const rows = [
    ...(bare ? [{ target: "bare Next page (same size)", path: "/", status: 200, encoding: bareRes.headers.get("content-encoding") ?? "identity", ...reference, ratio: 1 }] : []),
    ...targets.map((t) => {
      const s = summary(t.name);
      return { target: `${t.name} (${t.cache ?? "?"})`, path: t.path, status: t.status, encoding: t.encoding, ...s, ratio: reference ? s.reqPerSec / reference.reqPerSec : null };
    }),
  ];
  const article = rows.find((r) => r.target.startsWith("article"));
  // Each variant against the article of the same round (measured next to it): the median of those
  // ratios shrugs off a round in which the machine's neighbours took the cores.
  const pairedRatio = (name, key) => {
    const mine = runs.get(name);
    const theirs = runs.get("article");
    const ratios = mine.map((r, i) => (key === "cpuUs" ? theirs[i][key] / r[key] : r[key] / theirs[i][key])).filter(Number.isFinite);
    return ratios.length ? [...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)] : null;
  };
  for (const name of [...runs.keys()].filter((n) => n.startsWith("article alone, ") || n.startsWith("article beside "))) {
    const s = summary(name);
    const searches = name.endsWith(": the searches");
    rows.push({ target: searches ? name.replace(/^article beside /, "") : name, path: searches ? "/search?q=…" : pages.article, status: searches ? "200/429" : 200, encoding: article.encoding, ...s, ratio: reference ? s.reqPerSec / reference.reqPerSec : null });
  }
  for (const v of variants) {
    const s = summary(v.name);
    rows.push({
      target: `${v.name} (${v.size.cache ?? "?"})`, path: pages.article, status: v.size.status, encoding: article.encoding, ...s,
      ratio: reference ? s.reqPerSec / reference.reqPerSec : null,
      toArticle: s.reqPerSec / article.reqPerSec,
      pairedToArticle: pairedRatio(v.name, "reqPerSec"),
      pairedCpuToArticle: pairedRatio(v.name, "cpuUs"),
      html: v.size.html, wire: v.size.wire,
    });
  }
  console.log(
    "\n" +
      table(
        rows.map((r) => ({ ...r, "req/s": r.reqPerSec, "p50 ms": r.p50, "p99 ms": r.p99, "CPU µs/req": r.cpuUs ?? "", "× bare": r.ratio === null ? "" : r.ratio.toFixed(2), "× article": r.toArticle ? r.toArticle.toFixed(2) : "" })),
        ["target", "path", "status", "encoding", "req/s", "p50 ms", "p99 ms", "CPU µs/req", "errors", "× bare", "× article"],
      ),
  );
  console.log(`\nLoad average at the start ${loadAtStart}, at the end ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}.`);
  const cpu = (r) => (r.cpuUs ? `, ${r.cpuUs} µs CPU per request` : "");
  console.log(`\nCached article: ${reference ? `${article.ratio.toFixed(2)}× the bare Next page (goal ≥ 2×), ` : ""}p99 ${article.p99} ms (goal ≤ 50 ms)${cpu(article)}; ${articleSize.html} bytes of HTML, ${articleSize.wire} as sent (${articleSize.encoding}).`);
  const paired = (r) => (r.pairedToArticle ? `; round by round (median of each round's ratio): ${r.pairedToArticle.toFixed(2)}× in req/s` + (r.pairedCpuToArticle ? `, ${r.pairedCpuToArticle.toFixed(2)}× in requests per CPU second` : "") : "");
  const metricsOn = rows.find((r) => r.target.startsWith("article, metrics on"));
  console.log(`Metrics on (METRICS_PORT): ${metricsOn.toArticle.toFixed(2)}× the cached article with metrics off (goal ≥ 0.95×)${paired(metricsOn)}; p99 ${metricsOn.p99} ms against ${article.p99}${cpu(metricsOn)}.`);
  const alone = rows.find((r) => r.target.startsWith("article alone, "));
  if (alone) {
    const besideRows = rows.filter((r) => r.target.startsWith("article beside "));
    console.log(`Cached article while searches load the server: ${besideRows.map((r) => `p99 ${r.p99} ms ${r.target.replace(/^article /, "").replace(/,.*$/, "")}`).join(", ")}; ${alone.p99} ms alone at ${alone.target.replace(/^.*, /, "")} (goal ≤ 50 ms).`);
  }
  const revenue = rows.find((r) => r.target.startsWith("article, card payments on"));
  if (revenue) {
    console.log(
      `Card payments on (the donation box with Stripe, .next-revenue): ${revenue.toArticle.toFixed(2)}× the cached article without them${paired(revenue)}; p99 ${revenue.p99} ms against ${article.p99}${cpu(revenue)}; ` +
        `${revenue.html} bytes of HTML (${revenue.html - articleSize.html >= 0 ? "+" : ""}${revenue.html - articleSize.html}), ${revenue.wire} as sent (${revenue.wire - articleSize.wire >= 0 ? "+" : ""}${revenue.wire - articleSize.wire}).`,
    );
  }
  const firstRenders = await firstRenderTimes(masthead.url, unrendered);
  if (firstRenders.length) {
    const sorted = firstRenders.map((f) => f.ms).sort((a, b) => a - b);
    const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
    console.log(`First (uncached) renders of ${sorted.length} pages, one at a time: p50 ${pct(50)} ms, p99 ${pct(99)} ms, max ${sorted.at(-1)} ms.`);
  }
  const file = writeResults("bench", {
    when: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version, loadavgAtStart: loadAtStart, loadavg: os.loadavg() },
    options: { tool, duration: flags.duration, rounds: flags.rounds, connections: flags.connections, headers: BROWSER, contentDir: env.CONTENT_DIR, targets: targets.map((t) => t.name), bare: Boolean(bare), revenue: Boolean(withRevenue) },
    article: articleSize,
    rows,
    runs: Object.fromEntries(runs),
    firstRenders,
  });
  console.log(`Results: ${path.relative(root, file)}`);
} finally {
  masthead.stop();
  bare?.stop();
  withMetrics?.stop();
  withRevenue?.stop();
  fs.rmSync(revenueEnv.DATA_DIR, { recursive: true, force: true });
  fs.rmSync(metricsDataDir, { recursive: true, force: true });
}

/** One round against one URL: req/s, p50, p99 (ms), errors (non-2xx/3xx, timeouts, socket errors); with wrk, CPU µs per request of `pid`. */
async function load(url, pid, connections = flags.connections) {
  if (tool === "wrk") return runWrk(url, { threads: 2, connections, duration: flags.duration, headers: BROWSER, pid });
  const r = await autocannon({ url, connections, duration: flags.duration, headers: BROWSER });
  return { reqPerSec: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts + r.non2xx, cpuUs: null };
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
