#!/usr/bin/env node
// `npm run bench:edge`: the edge, measured side by side in one run (issue 16, docs/performance.md).
//   1. requests per second for a cached article through Varnish (deploy/varnish/default.vcl, two
//      Masthead instances behind it), next to the very same bytes (the brotli body Varnish sent)
//      served as a static file, twice: by nginx, and by a second Varnish with no VCL of its own in
//      front of that nginx (the issue's "plain nginx (or Varnish)") — wrk, browser headers, same
//      run, alternating; the goal is ≥ 0.8× the static figure. Varnish-static isolates what
//      Masthead's VCL and headers cost; nginx-static shows what Varnish itself costs;
//   2. publish-to-edge freshness: edit the article in the content folder, call the webhook on
//      instance A, and time until Varnish serves the new title (goal ≤ 1 s).
// Starts Redis, two instances, Varnish and nginx on loopback and stops them by PID at the end.
//   Flags: --duration <s> (10), --connections <n> (50), --rounds <n> (5 freshness rounds), --json <file>
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { buildIsFresh, build, e2eEnv, get, parseFlags } from "./lib.mjs";
import { EDGE_PURGE_SECRET, PORTS, ensurePackages, recordPid, root, startMasthead, startRedis, startVarnish, stateDir, stopAll, stopAllSync, waitForVarnishBackends } from "../cluster/services.mjs";

const flags = parseFlags(process.argv.slice(2), { duration: 10, connections: 50, rounds: 5, json: "" });
const NGINX_PORT = 3510;
const STATIC_VARNISH = { port: 6083, adminPort: 6084 };
const ARTICLE = { slug: "harbour-lights-festival", url: "/culture/harbour-lights-festival" };
const HEADERS = ["Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "Accept-Encoding: br, gzip"];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function ensureTools() {
  ensurePackages();
  const missing = ["nginx", "wrk"].filter((c) => !spawnSync("sh", ["-c", `command -v ${c}`], { encoding: "utf8" }).stdout.trim());
  if (missing.length) {
    console.log(`> Installing ${missing.join(", ")} from Debian`);
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    if (spawnSync("apt-get", ["install", "-y", "-qq", ...missing], { stdio: "inherit", env }).status !== 0) {
      spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
      if (spawnSync("apt-get", ["install", "-y", "-qq", ...missing], { stdio: "inherit", env }).status !== 0) throw new Error(`apt-get install ${missing.join(" ")} failed`);
    }
  }
}

/** wrk's Requests/sec and latency percentiles. */
function wrk(url) {
  const args = ["-t2", `-c${flags.connections}`, `-d${flags.duration}s`, "--latency", ...HEADERS.flatMap((h) => ["-H", h]), url];
  const out = spawnSync("wrk", args, { encoding: "utf8" });
  if (out.status !== 0) throw new Error(`wrk failed: ${out.stderr}`);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out.stdout)?.[1]);
  const p = (q) => /(\d+(?:\.\d+)?)(us|ms|s)\b/.exec(new RegExp(`^\\s*${q}%\\s+(\\S+)`, "m").exec(out.stdout)?.[1] ?? "");
  const ms = (m) => (m ? Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2]] : NaN);
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out.stdout)?.[1] ?? 0);
  const errors = /Socket errors:[^\n]*/.exec(out.stdout)?.[0] ?? "";
  return { rps, p50: ms(p("50")), p99: ms(p("99")), non2xx, errors };
}

async function startNginx(file) {
  const dir = path.join(stateDir, "nginx");
  fs.mkdirSync(dir, { recursive: true });
  const conf = path.join(dir, "nginx.conf");
  fs.writeFileSync(conf, `worker_processes auto;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${NGINX_PORT};
    location = /article {
      default_type "text/html; charset=utf-8";
      add_header Content-Encoding br;
      add_header Vary Accept-Encoding;
      alias ${file};
    }
  }
}
`);
  const log = fs.openSync(path.join(dir, "stdout.log"), "a");
  const child = spawn("nginx", ["-c", conf, "-p", dir, "-g", "daemon off;"], { stdio: ["ignore", log, log] });
  fs.closeSync(log);
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${NGINX_PORT}/article`)).ok) return child;
    } catch {
      /* not yet */
    }
    await sleep(100);
  }
  child.kill("SIGTERM");
  throw new Error(`nginx did not start; see ${dir}/error.log`);
}

async function freshness(contentDir, secret) {
  const file = path.join(contentDir, "articles", `${ARTICLE.slug}.md`);
  const results = [];
  // Round 0 is the first webhook after start (route code loaded, first reload): reported apart.
  for (let round = 0; round <= flags.rounds; round++) {
    // The edge holds the current version first.
    await (await get(`http://127.0.0.1:${PORTS.varnish}${ARTICLE.url}`, { headers: { accept: "text/html" } })).text();
    const title = `Harbour Lights festival, bench round ${round} (${Date.now()})`;
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/^title: .*$/m, `title: ${title}`));
    const started = performance.now();
    const hook = await get(`http://127.0.0.1:${PORTS.a}/api/revalidate`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify({ slug: ARTICLE.slug }),
    });
    await hook.text();
    const answered = performance.now();
    if (hook.status !== 200) throw new Error(`webhook answered ${hook.status}`);
    for (;;) {
      const html = await (await get(`http://127.0.0.1:${PORTS.varnish}${ARTICLE.url}`, { headers: { accept: "text/html" } })).text();
      if (html.includes(title)) break;
      if (performance.now() - started > 30_000) throw new Error("the edge did not serve the new title within 30 s");
      await sleep(10);
    }
    const fresh = performance.now();
    results.push({ webhookMs: Math.round(answered - started), edgeFreshMs: Math.round(fresh - started) });
    await sleep(500);
  }
  return results;
}

const fmt = (ms) => (ms < 1 ? ms.toFixed(2) : ms.toFixed(1));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  ensureTools();
  const env = e2eEnv();
  if (buildIsFresh() && !fs.existsSync(path.join(root, ".next", "masthead-build.json"))) console.log("> Reusing the production build in .next");
  else build(env);

  fs.rmSync(stateDir, { recursive: true, force: true });
  fs.mkdirSync(stateDir, { recursive: true });
  const contentDir = path.join(stateDir, "content");
  fs.cpSync(path.join(root, "content"), contentDir, { recursive: true });
  const instanceEnv = { ...env, CONTENT_DIR: contentDir, REDIS_URL: `redis://127.0.0.1:${PORTS.redis}`, EDGE_PURGE_URL: `http://127.0.0.1:${PORTS.varnish}/`, EDGE_PURGE_SECRET, TRUST_PROXY: "1" };
  await startRedis();
  await Promise.all([startMasthead("a", { port: PORTS.a, env: instanceEnv }), startMasthead("b", { port: PORTS.b, env: instanceEnv })]);
  await startVarnish({ memory: "512m" });
  await waitForVarnishBackends(2);

  // The bytes a browser gets through the edge, stored as the static file nginx serves.
  const edgeUrl = `http://127.0.0.1:${PORTS.varnish}${ARTICLE.url}`;
  const headers = Object.fromEntries(HEADERS.map((h) => h.split(": ")));
  for (let i = 0; i < 3; i++) await (await fetch(edgeUrl, { headers })).arrayBuffer();
  const raw = spawnSync("curl", ["-s", "-H", HEADERS[0], "-H", HEADERS[1], "-D", path.join(stateDir, "edge-headers.txt"), "-o", path.join(stateDir, "article.br"), edgeUrl]);
  if (raw.status !== 0) throw new Error("curl could not fetch the article through Varnish");
  const edgeHeaders = fs.readFileSync(path.join(stateDir, "edge-headers.txt"), "utf8");
  if (!/content-encoding: br/i.test(edgeHeaders) || !/x-cache: HIT/i.test(edgeHeaders)) throw new Error(`expected a cached brotli article from Varnish, got:\n${edgeHeaders}`);
  const bytes = fs.statSync(path.join(stateDir, "article.br")).size;
  recordPid("nginx", (await startNginx(path.join(stateDir, "article.br"))).pid);
  // The same bytes through a Varnish that only caches them: Varnish's built-in VCL, nginx behind it.
  const plainVcl = path.join(stateDir, "static.vcl");
  fs.writeFileSync(plainVcl, `vcl 4.1;\nbackend static { .host = "127.0.0.1"; .port = "${NGINX_PORT}"; }\nsub vcl_backend_response { set beresp.ttl = 1h; }\n`);
  await startVarnish({ ...STATIC_VARNISH, vcl: plainVcl, memory: "64m", name: "varnish-static" });
  const staticVarnishUrl = `http://127.0.0.1:${STATIC_VARNISH.port}/article`;
  for (let i = 0; i < 3; i++) await (await fetch(staticVarnishUrl, { headers })).arrayBuffer();
  const check = await fetch(staticVarnishUrl, { headers }); // a hit says "x-varnish: <this request> <the stored one>"
  await check.arrayBuffer();
  if (check.headers.get("content-length") !== String(bytes) || check.headers.get("content-encoding") !== "br" || !/^\d+ \d+$/.test(check.headers.get("x-varnish") ?? "")) {
    throw new Error(`expected the static Varnish to serve the ${bytes} bytes from its cache (x-varnish: ${check.headers.get("x-varnish")})`);
  }

  console.log(`> wrk -t2 -c${flags.connections} -d${flags.duration}s, browser headers, ${bytes} bytes of brotli HTML each`);
  // Alternating, best of two each: the machine is shared, a neighbour's burst hits one run, not both.
  const runs = { varnish: [], varnishStatic: [], nginx: [] };
  for (let i = 0; i < 2; i++) {
    runs.varnish.push(wrk(edgeUrl));
    runs.varnishStatic.push(wrk(staticVarnishUrl));
    runs.nginx.push(wrk(`http://127.0.0.1:${NGINX_PORT}/article`));
  }
  const best = (list) => list.reduce((a, b) => (b.rps > a.rps ? b : a));
  const varnish = best(runs.varnish);
  const varnishStatic = best(runs.varnishStatic);
  const nginx = best(runs.nginx);
  const varnishRps = varnish.rps;
  const ratio = varnishRps / varnishStatic.rps;
  const ratioNginx = varnishRps / nginx.rps;

  console.log("> Publish-to-edge freshness (webhook on instance A → Varnish serves the new title)");
  const rounds = await freshness(contentDir, env.REVALIDATE_SECRET);

  const result = {
    date: new Date().toISOString(),
    bytes,
    connections: flags.connections,
    durationS: flags.duration,
    varnish: { ...varnish, runs: runs.varnish.map((r) => r.rps) },
    varnishStatic: { ...varnishStatic, runs: runs.varnishStatic.map((r) => r.rps) },
    nginx: { ...nginx, runs: runs.nginx.map((r) => r.rps) },
    ratio: Math.round(ratio * 100) / 100,
    ratioNginx: Math.round(ratioNginx * 100) / 100,
    freshness: {
      firstAfterStart: rounds[0],
      rounds: rounds.slice(1),
      medianMs: median(rounds.slice(1).map((r) => r.edgeFreshMs)),
      maxMs: Math.max(...rounds.slice(1).map((r) => r.edgeFreshMs)),
    },
  };
  console.log("\n| | req/s | p50 | p99 |\n|---|---:|---:|---:|");
  const row = (label, r) => console.log(`| ${label} | ${Math.round(r.rps)} | ${fmt(r.p50)} ms | ${fmt(r.p99)} ms |`);
  row("Varnish (deploy/varnish/default.vcl), cached article from Masthead", varnish);
  row("Varnish (built-in VCL), same bytes from a static file", varnishStatic);
  row("nginx, same bytes as a static file", nginx);
  const list = (rs) => rs.map((r) => Math.round(r.rps)).join(", ");
  console.log(`(best of 2 alternating runs each: Varnish ${list(runs.varnish)}; Varnish static ${list(runs.varnishStatic)}; nginx ${list(runs.nginx)})`);
  console.log(`\nratio Masthead through Varnish / the same bytes static through Varnish: ${result.ratio}× (goal ≥ 0.8×) ${result.ratio >= 0.8 ? "✔" : "✖"}`);
  console.log(`ratio Masthead through Varnish / the same bytes static from nginx: ${result.ratioNginx}× (Varnish's own cost next to nginx's sendfile)`);
  console.log(`publish-to-edge: median ${result.freshness.medianMs} ms, max ${result.freshness.maxMs} ms over ${rounds.length - 1} rounds (goal ≤ 1000 ms) ${result.freshness.medianMs <= 1000 ? "✔" : "✖"}`);
  console.log(`  rounds (webhook answered / edge fresh, ms): ${rounds.slice(1).map((r) => `${r.webhookMs}/${r.edgeFreshMs}`).join(", ")}; first webhook after start: ${rounds[0].webhookMs}/${rounds[0].edgeFreshMs}`);
  if (varnish.non2xx || varnishStatic.non2xx || nginx.non2xx) console.log(`  non-2xx: Varnish ${varnish.non2xx}, Varnish static ${varnishStatic.non2xx}, nginx ${nginx.non2xx}`);
  const out = flags.json || path.join(root, "bench-results", "edge.json");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(result, null, 2));
  console.log(`> ${path.relative(root, out)}`);
}

let code = 0;
process.on("exit", stopAllSync);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stopAll().then(() => process.exit(130)));
try {
  await main();
} catch (error) {
  console.error(`✖ bench:edge: ${error instanceof Error ? `${error.message}${error.cause ? ` (${error.cause.message ?? error.cause})` : ""}` : error}`);
  code = 1;
} finally {
  await stopAll();
}
process.exit(code);
