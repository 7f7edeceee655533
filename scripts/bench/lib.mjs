// Shared helpers for the performance scripts (bench, bench:client, budgets, growth): building,
// starting and stopping a production server in its own process group, picking the pages to
// measure, and weighing the JavaScript a page loads.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import zlib from "node:zlib";
import { codeMtime } from "../build-fingerprint.mjs";
import { distDirName } from "../../lib/config/env.mjs";
import { serverEntry, serverNodeArgs } from "../server-launch.cjs";

export const root = path.resolve(import.meta.dirname, "..", "..");
export const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

/** The environment `npm test` builds with (e2e/env.json): the bundled content, test secrets. */
export function e2eEnv() {
  return JSON.parse(fs.readFileSync(path.join(root, "e2e", "env.json"), "utf8")).env;
}

/**
 * The headers a browser sends for a page — the benches measure what readers get (compressed, HTML
 * first); `more` adds or replaces some (a bench's own user-agent, accept-language).
 */
export const browserHeaders = (more = {}) => ({
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  "accept-encoding": "br, gzip",
  "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Masthead-bench",
  ...more,
});

export function parseFlags(argv, defaults) {
  const out = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new Error(`unexpected argument ${argv[i]}`);
    const [, key, inline] = m;
    if (typeof defaults[key] === "boolean" && inline === undefined) out[key] = true;
    else out[key] = inline ?? argv[++i];
    if (typeof defaults[key] === "number") out[key] = Number(out[key]);
  }
  return out;
}

/**
 * A build is reusable when it exists and no watched code changed after it. `npm test` leaves such a
 * build (made with e2e/env.json) in .next, so CI does not build twice. The content folder is read
 * at run time for anything not prerendered, so only code matters here.
 */
export function buildIsFresh(distDir = ".next") {
  const id = path.join(root, distDir, "BUILD_ID");
  if (!fs.existsSync(id)) return false;
  // server/ is left out: the server is recompiled on start when it changed (scripts/server-launch.cjs).
  return fs.statSync(id).mtimeMs >= codeMtime(root, { server: false });
}

export function build(env, { quiet = false } = {}) {
  const started = Date.now();
  const result = spawnSync(process.execPath, [path.join(root, "scripts", "build.mjs")], {
    cwd: root,
    stdio: quiet ? ["ignore", "pipe", "inherit"] : "inherit",
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) throw new Error(`build failed (exit ${result.status})`);
  // The build was made for this environment, not the reader's: make `npm start` rebuild (as npm test does).
  fs.rmSync(path.join(root, distDirName(env), "masthead-build.json"), { force: true });
  return (Date.now() - started) / 1000;
}

/** Builds for `env` (into its MASTHEAD_DIST_DIR, .next by default) unless that build is newer than the code. */
export function ensureBuild(env, { rebuild = false } = {}) {
  const distDir = distDirName(env);
  if (!rebuild && buildIsFresh(distDir)) {
    console.log(`> Reusing the production build in ${distDir} (newer than the code; pass --rebuild to build again)`);
    return 0;
  }
  console.log(`> Building ${distDir} (node scripts/build.mjs) …`);
  return build(env);
}

const running = new Set();
function stopAll() {
  for (const s of running) s.stop();
}
process.on("exit", stopAll);
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    stopAll();
    process.exit(130);
  });
}

/**
 * Starts a server in its own process group (detached) so that stop() ends exactly it and its
 * children, never anyone else's server. Resolves once `readyPath` answers.
 */
export async function startServer({ command = process.execPath, args, env = {}, cwd = root, port, readyPath = "/", name = "server", log }) {
  const logFile = log ?? path.join(root, "bench-results", `${name}.log`);
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.openSync(logFile, "w");
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", out, out], detached: true });
  const handle = {
    name,
    pid: child.pid,
    url: `http://127.0.0.1:${port}`,
    logFile,
    stop() {
      if (!running.has(handle)) return;
      running.delete(handle);
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        /* already gone */
      }
    },
  };
  running.add(handle);
  let exited = null;
  child.on("exit", (code) => (exited = code ?? 0));
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`${name} exited with ${exited} before it was ready; see ${logFile}:\n${tail(logFile)}`);
    try {
      const res = await fetch(handle.url + readyPath, { redirect: "manual" });
      await res.arrayBuffer();
      if (res.status < 500) return handle;
    } catch {
      /* not listening yet */
    }
    await sleep(250);
  }
  handle.stop();
  throw new Error(`${name} did not answer ${readyPath} within 90 s; see ${logFile}`);
}

/**
 * The production server as `npm start` runs it: server/ compiled into the build (Next's handler plus
 * the per-page CSP script hashes, docs/decisions/0007) when the project has it, else `next start`.
 */
export async function startNext({ port, env, name = "next", nodeArgs = [] }) {
  const custom = fs.existsSync(path.join(root, "server", "main.ts")) ? serverEntry({ ...process.env, ...env }) : null;
  // nodeArgs: Node's own flags for the server process (e.g. --cpu-prof, which NODE_OPTIONS refuses).
  const args = custom ? [...serverNodeArgs({ ...process.env, ...env }), ...nodeArgs, custom, "--port", String(port)] : [...nodeArgs, nextBin, "start", "-p", String(port)];
  const handle = await startServer({ args, env, port, name });
  // Measure a settled server: its start-up warm-up (server/warm-up.ts) renders three pages
  // in its first seconds, on the same cores as the load generator or the browser.
  if (custom && ({ ...process.env, ...env }).MASTHEAD_WARM_UP !== "0") {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && !fs.readFileSync(handle.logFile, "utf8").includes("> Warmed up")) await sleep(100);
  }
  return handle;
}

function tail(file) {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-20).join("\n");
  } catch {
    return "";
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * fetch with two retries on a network error: a pooled keep-alive socket that the server closed
 * while Lighthouse ran (Next's keep-alive timeout is 5 s) fails once with "other side closed".
 */
export async function get(url, init) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (error) {
      if (attempt >= 3) throw error;
      await sleep(100);
    }
  }
}

/** The pages to measure on the bundled content (the e2e suite uses the same ones). */
export const PAGES = {
  home: "/",
  section: "/news/world-news",
  article: "/news/world-news/calder-strait-ferry-strike",
};

/**
 * Picks a home, a section and an article that exist in whatever content the server runs on: the
 * sitemap lists canonical URLs; the first section is the sitemap's first one-segment path.
 */
export async function discoverPages(baseUrl) {
  const check = async (p) => (await get(baseUrl + p, { redirect: "manual" })).status === 200;
  if ((await check(PAGES.article)) && (await check(PAGES.section))) return { ...PAGES };
  const xml = await (await get(`${baseUrl}/sitemap.xml`)).text();
  let locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  if (locs.some((l) => l.startsWith("/sitemaps/"))) {
    const child = await (await get(baseUrl + locs[0])).text();
    locs = [...child.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  }
  const section = locs.find((l) => /^\/[a-z0-9-]+$/.test(l) && !l.startsWith("/authors") && !l.startsWith("/tags"));
  const article = locs.find((l) => l.split("/").length >= 3 && !l.startsWith("/authors/") && !l.startsWith("/tags/"));
  if (!section || !article) throw new Error("could not find a section and an article in /sitemap.xml");
  return { home: "/", section, article };
}

export const gzipSize = (buf) => zlib.gzipSync(buf, { level: zlib.constants.Z_DEFAULT_COMPRESSION }).length;
export const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;

/**
 * The JavaScript a page loads: every external <script src> and `<link rel=preload as=script>` in the
 * server HTML, fetched from the server. `<script nomodule>` (Next's polyfills) is listed apart and
 * not counted: browsers with ES modules — every browser Next 16 supports — never fetch it. Sizes are raw and gzip (zlib's default level, what Next's
 * `compress` sends), computed here so the number does not depend on the wire. Inline scripts (the
 * RSC payload Next embeds, the theme script) are reported apart: they are part of the document.
 */
export async function pageJavaScript(baseUrl, pagePath) {
  const res = await get(baseUrl + pagePath);
  if (res.status !== 200) throw new Error(`${pagePath} answered ${res.status}`);
  const html = await res.text();
  const srcs = new Set();
  const legacy = new Set(); // <script nomodule>: only browsers without ES modules fetch these
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) {
    (/\bnomodule\b/i.test(m[0]) ? legacy : srcs).add(decodeEntities(m[1]));
  }
  for (const m of html.matchAll(/<link\b[^>]*\bas="script"[^>]*>/g)) {
    const href = /\bhref="([^"]+)"/.exec(m[0]);
    if (href) srcs.add(decodeEntities(href[1]));
  }
  const weigh = async (src) => {
    const url = new URL(src, baseUrl);
    const body = Buffer.from(await (await get(url)).arrayBuffer());
    return { src: url.pathname, bytes: body.length, gzip: gzipSize(body) };
  };
  const chunks = [];
  for (const src of srcs) if (!legacy.has(src)) chunks.push(await weigh(src));
  const nomodule = [];
  for (const src of legacy) nomodule.push(await weigh(src));
  const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  const inlineText = inline.join("");
  return {
    path: pagePath,
    html: { bytes: Buffer.byteLength(html), gzip: gzipSize(Buffer.from(html)) },
    chunks,
    total: { bytes: sum(chunks, "bytes"), gzip: sum(chunks, "gzip") },
    nomodule,
    inline: { count: inline.length, bytes: Buffer.byteLength(inlineText), gzip: gzipSize(Buffer.from(inlineText)) },
  };
}

const sum = (list, key) => list.reduce((n, x) => n + x[key], 0);

function decodeEntities(s) {
  return s.replace(/&amp;/g, "&");
}

/**
 * Which client modules each chunk carries, from the build's client reference manifests (the
 * "use client" boundaries of every route) and build-manifest.json (the framework's root chunks).
 */
export function chunkContents(projectRoot = root) {
  const dir = path.join(projectRoot, ".next");
  const byChunk = new Map();
  const add = (chunk, label) => {
    const key = chunk.startsWith("/") ? chunk : `/_next/${chunk}`;
    if (!byChunk.has(key)) byChunk.set(key, new Set());
    byChunk.get(key).add(label);
  };
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "build-manifest.json"), "utf8"));
    for (const f of manifest.rootMainFiles ?? []) add(f, "(framework: Next.js runtime, React, React DOM)");
    for (const f of manifest.polyfillFiles ?? []) add(f, "(framework: polyfills, nomodule only — modern browsers skip it)");
  } catch {
    /* no build */
  }
  const serverApp = path.join(dir, "server", "app");
  const files = fs.existsSync(serverApp) ? fs.readdirSync(serverApp, { recursive: true }).map(String).filter((f) => f.endsWith("_client-reference-manifest.js")) : [];
  for (const f of files) {
    const sandbox = { globalThis: {} };
    sandbox.globalThis = sandbox;
    try {
      vm.runInNewContext(fs.readFileSync(path.join(serverApp, f), "utf8"), sandbox);
    } catch {
      continue;
    }
    for (const manifest of Object.values(sandbox.__RSC_MANIFEST ?? {})) {
      for (const [mod, entry] of Object.entries(manifest.clientModules ?? {})) {
        // `chunks` lists what must load for the module; the module itself is in the last one.
        const label = mod.replace(/^\[project\]\//, "").replace(/ \[.*$/, "");
        const chunks = entry.chunks ?? [];
        if (chunks.length) add(chunks[chunks.length - 1], label);
      }
    }
  }
  return byChunk;
}

export function writeResults(name, data) {
  const dir = path.join(root, "bench-results");
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const file = path.join(dir, `${name}-${stamp}.json`);
  fs.writeFileSync(file, JSON.stringify(data, null, 2));
  fs.writeFileSync(path.join(dir, `${name}-latest.json`), JSON.stringify(data, null, 2));
  return file;
}

/** A port in Masthead's bench range that nothing listens on. */
export async function freePort(preferred) {
  const net = await import("node:net");
  const tryPort = (p) =>
    new Promise((resolve) => {
      const srv = net.createServer();
      srv.once("error", () => resolve(false));
      srv.listen(p, "127.0.0.1", () => srv.close(() => resolve(true)));
    });
  for (let p = preferred; p < preferred + 50; p++) if (await tryPort(p)) return p;
  throw new Error(`no free port from ${preferred}`);
}

export function table(rows, columns) {
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? "").length)));
  const line = (cells) => cells.map((c, i) => String(c ?? "").padEnd(widths[i])).join("  ");
  return [line(columns), line(widths.map((w) => "-".repeat(w))), ...rows.map((r) => line(columns.map((c) => r[c])))].join("\n");
}
