#!/usr/bin/env node
// `npm run bench`: server throughput. Builds once (or reuses a fresh build in .next), starts the
// production server, and runs autocannon against the home, a section and an article page and
// /api/articles — and, in the same run, against a plain static copy of the same article HTML served
// from this machine (nginx when installed, else a minimal Node static server), the reference every
// page is compared with. Prints req/s, p50, p99, errors and the ratio to the static reference;
// writes JSON to bench-results/ (git-ignored).
//
// Flags: --duration 10 --connections 20 --port 3520 --rebuild --no-gzip --content <dir>
// Requests carry `Accept-Encoding: gzip` like a browser (both servers compress); --no-gzip drops it.
// Timings on a shared 2-core machine are noisy (autocannon shares the CPU with the server): compare
// ratios within one run, not absolute numbers across runs.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { discoverPages, e2eEnv, ensureBuild, freePort, get, kb, parseFlags, root, startNext, startServer, table, writeResults } from "./bench/lib.mjs";

const flags = parseFlags(process.argv.slice(2), { duration: 10, connections: 20, port: 3520, rebuild: false, "no-gzip": false, content: "" });
const env = flags.content ? { ...e2eEnv(), CONTENT_DIR: path.resolve(flags.content) } : e2eEnv();
const headers = flags["no-gzip"] ? {} : { "accept-encoding": "gzip" };

ensureBuild(env, { rebuild: flags.rebuild || Boolean(flags.content) });
const next = await startNext({ port: await freePort(flags.port), env, name: "bench-next" });
let staticServer;
const results = [];
try {
  const pages = await discoverPages(next.url);
  const targets = [
    { name: "home", path: pages.home },
    { name: "section", path: pages.section },
    { name: "article", path: pages.article },
    { name: "api/articles", path: "/api/articles" },
  ];

  // The static reference: the article's HTML exactly as Next sends it, served as a file.
  const articleHtml = await (await get(next.url + pages.article)).text();
  const staticDir = path.join(root, "bench-results", "static-reference");
  fs.rmSync(staticDir, { recursive: true, force: true });
  fs.mkdirSync(staticDir, { recursive: true });
  fs.writeFileSync(path.join(staticDir, "article.html"), articleHtml);
  staticServer = await startStatic(staticDir, await freePort(flags.port + 10));

  // Warm up: load the content, fill the ISR cache, check statuses.
  for (const t of targets) {
    const res = await get(next.url + t.path, { headers, redirect: "manual" });
    await res.arrayBuffer();
    t.status = res.status;
    t.cacheControl = res.headers.get("cache-control");
    t.encoding = res.headers.get("content-encoding") ?? "identity";
  }

  console.log(`> autocannon -c ${flags.connections} -d ${flags.duration} ${flags["no-gzip"] ? "(no Accept-Encoding)" : "(Accept-Encoding: gzip)"}; static reference: ${staticServer.kind}`);
  const reference = await bench(`${staticServer.url}/article.html`);
  for (const t of targets) {
    if (t.status !== 200) console.log(`  ! ${t.path} answers ${t.status} — benchmarked anyway`);
    const r = await bench(next.url + t.path);
    results.push({ ...t, ...r, ratioToStatic: round(r.reqPerSec / reference.reqPerSec, 3) });
  }
  results.push({ name: `static reference (${staticServer.kind})`, path: "/article.html", status: 200, ...reference, ratioToStatic: 1 });

  console.log(
    "\n" +
      table(
        results.map((r) => ({
          target: r.name,
          path: r.path,
          status: r.status,
          "req/s": r.reqPerSec,
          "p50 ms": r.p50,
          "p99 ms": r.p99,
          errors: r.errors,
          "KB/req": r.kbPerRequest,
          "vs static": `${(r.ratioToStatic * 100).toFixed(1)} %`,
        })),
        ["target", "path", "status", "req/s", "p50 ms", "p99 ms", "errors", "KB/req", "vs static"],
      ),
  );
  const file = writeResults("bench", {
    when: new Date().toISOString(),
    machine: { cpus: (await import("node:os")).cpus().length, node: process.version },
    options: { duration: flags.duration, connections: flags.connections, gzip: !flags["no-gzip"], contentDir: env.CONTENT_DIR },
    staticServer: staticServer.kind,
    results,
  });
  console.log(`\nResults: ${path.relative(root, file)}`);
} finally {
  next.stop();
  staticServer?.stop();
}

async function bench(url) {
  const r = await autocannon({ url, connections: flags.connections, duration: flags.duration, headers });
  return {
    reqPerSec: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts + r.non2xx,
    non2xx: r.non2xx,
    kbPerRequest: r.requests.total ? kb(r.throughput.total / r.requests.total) : 0,
    requests: r.requests.total,
  };
}

function round(n, digits) {
  return Number.isFinite(n) ? Math.round(n * 10 ** digits) / 10 ** digits : null;
}

/** nginx (own config, own pid and logs under bench-results/) when installed, else Node's http. */
async function startStatic(dir, port) {
  const nginx = ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"].find((p) => fs.existsSync(p));
  if (nginx && spawnSync(nginx, ["-v"]).status === 0) {
    const prefix = path.join(root, "bench-results", "nginx");
    fs.rmSync(prefix, { recursive: true, force: true });
    fs.mkdirSync(path.join(prefix, "tmp"), { recursive: true });
    const conf = path.join(prefix, "nginx.conf");
    const asRoot = typeof process.getuid === "function" && process.getuid() === 0;
    fs.writeFileSync(
      conf,
      `${asRoot ? "user root;\n" : ""}worker_processes auto;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${prefix}/tmp/body;
  proxy_temp_path ${prefix}/tmp/proxy;
  fastcgi_temp_path ${prefix}/tmp/fastcgi;
  uwsgi_temp_path ${prefix}/tmp/uwsgi;
  scgi_temp_path ${prefix}/tmp/scgi;
  sendfile on;
  keepalive_requests 100000;
  gzip on;
  gzip_types text/html;
  gzip_comp_level 6;
  types { text/html html; }
  server {
    listen 127.0.0.1:${port};
    root ${dir};
  }
}
`,
    );
    const handle = await startServer({ command: nginx, args: ["-p", prefix, "-c", conf, "-g", "daemon off;"], port, readyPath: "/article.html", name: "bench-nginx" });
    return { ...handle, kind: "nginx" };
  }
  // Fallback: one process, the file read once, gzip per request like nginx's `gzip on`.
  const script = `
    const http = require("node:http"), fs = require("node:fs"), zlib = require("node:zlib");
    const body = fs.readFileSync(${JSON.stringify(path.join(dir, "article.html"))});
    http.createServer((req, res) => {
      if (req.url !== "/article.html") { res.writeHead(404); return res.end(); }
      const gzip = /\\bgzip\\b/.test(req.headers["accept-encoding"] || "");
      const out = gzip ? zlib.gzipSync(body) : body;
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": out.length, ...(gzip ? { "content-encoding": "gzip" } : {}) });
      res.end(out);
    }).listen(${port}, "127.0.0.1");`;
  const handle = await startServer({ args: ["-e", script], port, readyPath: "/article.html", name: "bench-static-node" });
  return { ...handle, kind: "node static server" };
}

