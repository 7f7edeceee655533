// The real parts of a several-instance Masthead on loopback, started and stopped by PID:
// Redis (Debian redis-server), Masthead instances (server/, compiled into the build: one build), and Varnish
// (Debian varnish + varnish-modules, deploy/varnish/default.vcl). Used by `npm run test:cluster`
// (scripts/cluster/test.mjs and e2e-cluster/) and `npm run bench:edge` (scripts/bench/edge.mjs).
//
// Every PID started here is written to <stateDir>/pids.json, so the orchestrator's cleanup stops
// exactly what was started (and nothing else) whatever happened.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { serverEntry, serverNodeArgs } from "../server-launch.cjs";

export const root = path.resolve(import.meta.dirname, "../..");
/** Fixed by issue 16 (the VCL's two backends) and by this worktree's port plan. */
export const PORTS = { a: 3001, b: 3002, varnish: 6081, varnishAdmin: 6082, redis: 6390, varnishProxy: 6085, prometheus: 9090, metricsA: 9262, metricsB: 9263 };
/**
 * The purge secret of this run (issue 27, item 5): Varnish is started with it in EDGE_PURGE_SECRET,
 * and so must the instances that purge it be. Fixed per state directory, so the suite's CLI
 * restarts reuse it.
 */
export const EDGE_PURGE_SECRET = `cluster-purge-${Buffer.from(path.resolve(process.env.MASTHEAD_CLUSTER_DIR || "/tmp/masthead-cluster")).toString("hex").slice(-24)}`;
export const VCL = path.join(root, "deploy", "varnish", "default.vcl");
export const stateDir = process.env.MASTHEAD_CLUSTER_DIR || "/tmp/masthead-cluster";
const pidFile = () => path.join(stateDir, "pids.json");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function readPids() {
  try {
    return JSON.parse(fs.readFileSync(pidFile(), "utf8"));
  } catch {
    return {};
  }
}
/** Records a process started elsewhere (nginx in the edge benchmark), so stopAll() stops it too. */
export function recordPid(name, pid) {
  writePid(name, pid);
}
function writePid(name, pid) {
  fs.mkdirSync(stateDir, { recursive: true });
  const pids = readPids();
  if (pid) pids[name] = pid;
  else delete pids[name];
  fs.writeFileSync(pidFile(), JSON.stringify(pids));
}

function which(command) {
  return spawnSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" }).stdout.trim();
}
function xkeyInstalled() {
  const out = spawnSync("sh", ["-c", "ls /usr/lib/*/varnish/vmods/libvmod_xkey.so /usr/lib/varnish/vmods/libvmod_xkey.so 2>/dev/null"], { encoding: "utf8" });
  return out.stdout.trim().length > 0;
}

/** apt-get install -y redis-server varnish varnish-modules prometheus, when any of them is missing. */
export function ensurePackages() {
  const missing = [];
  if (!which("prometheus")) missing.push("prometheus");
  if (!which("redis-server")) missing.push("redis-server");
  if (!which("varnishd") && !fs.existsSync("/usr/sbin/varnishd")) missing.push("varnish");
  if (!xkeyInstalled()) missing.push("varnish-modules");
  if (missing.length === 0) return;
  console.log(`> Installing ${missing.join(", ")} from Debian`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  let install = spawnSync("apt-get", ["install", "-y", "-qq", ...missing], { stdio: "inherit", env });
  if (install.status !== 0) {
    spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    install = spawnSync("apt-get", ["install", "-y", "-qq", ...missing], { stdio: "inherit", env });
  }
  if (install.status !== 0) throw new Error(`apt-get install ${missing.join(" ")} failed`);
}

function portOpen(port, host = "127.0.0.1") {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

async function waitFor(what, check, timeoutMs, child) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode} before it was ready`);
    if (await check().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`${what} was not ready within ${timeoutMs / 1000} s`);
}

// Started from the command line below (by the Playwright suite), a service must outlive that short
// process and the test worker: its own process group, not waited for. It is still stopped by PID.
let detach = false;

function launch(name, command, args, { env = process.env, cwd = root } = {}) {
  fs.mkdirSync(stateDir, { recursive: true });
  const log = fs.openSync(path.join(stateDir, `${name}.log`), "a");
  const child = spawn(command, args, { cwd, env, stdio: ["ignore", log, log], detached: detach });
  if (detach) child.unref();
  fs.closeSync(log);
  writePid(name, child.pid);
  child.on("exit", () => {
    if (readPids()[name] === child.pid) writePid(name, null);
  });
  return child;
}

export function logOf(name) {
  try {
    return fs.readFileSync(path.join(stateDir, `${name}.log`), "utf8");
  } catch {
    return "";
  }
}

/** Stops one service by its recorded PID (SIGTERM, then SIGKILL) and waits until it is gone. */
export async function stop(name, { signal = "SIGTERM", timeoutMs = 10_000 } = {}) {
  const pid = readPids()[name];
  if (!pid) return;
  try {
    process.kill(pid, signal);
  } catch {
    writePid(name, null);
    return;
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      writePid(name, null);
      return;
    }
    await sleep(50);
  }
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    /* already gone */
  }
  writePid(name, null);
}

/** Stops everything this module started (the orchestrator's trap). */
export async function stopAll() {
  for (const name of Object.keys(readPids())) await stop(name);
}

/** The last resort at process exit (another handler may call process.exit first): SIGTERM each PID. */
export function stopAllSync() {
  for (const [name, pid] of Object.entries(readPids())) {
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      /* already gone */
    }
    writePid(name, null);
  }
}

export async function startRedis({ port = PORTS.redis } = {}) {
  if (await portOpen(port)) throw new Error(`port ${port} is already in use; is another Redis running there?`);
  const dir = path.join(stateDir, "redis");
  fs.mkdirSync(dir, { recursive: true });
  const child = launch("redis", "redis-server", [
    "--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
    "--dir", dir, "--maxmemory", "256mb", "--maxmemory-policy", "volatile-lru", "--daemonize", "no",
  ]);
  await waitFor("Redis", () => portOpen(port), 10_000, child);
  return child;
}

export async function startMasthead(name, { port, dir = root, env = {} }) {
  if (await portOpen(port)) throw new Error(`port ${port} is already in use`);
  const logStart = logOf(name).length;
  const child = launch(name, process.execPath, [...serverNodeArgs({ ...process.env, ...env }), serverEntry({ ...process.env, ...env }), "--port", String(port), "--dir", dir], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
    cwd: dir,
  });
  // Ready means ready to publish: /readyz answers 200 once the content source answers and the
  // warm-up (server/warm-up.ts) has loaded the webhook and rendered the busiest routes once,
  // as on an instance that has been up for a while (server/health.ts).
  await waitFor(`Masthead ${name} (:${port}) ready`, async () => {
    const response = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(5000) });
    await response.arrayBuffer();
    return response.status === 200;
  }, 150_000, child);
  if (env.MASTHEAD_WARM_UP !== "0" && !logOf(name).slice(logStart).includes("> Warmed up")) throw new Error(`Masthead ${name} said it was ready before its warm-up`);
  return child;
}

/**
 * Prometheus (Debian `prometheus`) with the given configuration, its data in the state folder,
 * listening on 127.0.0.1:port; resolves once it says it is ready.
 */
export async function startPrometheus({ config, port = PORTS.prometheus, name = "prometheus" }) {
  if (await portOpen(port)) throw new Error(`port ${port} is already in use; is another Prometheus running there?`);
  const data = path.join(stateDir, name, "data");
  fs.rmSync(data, { recursive: true, force: true });
  fs.mkdirSync(data, { recursive: true });
  const child = launch(name, "prometheus", [
    `--config.file=${config}`, `--storage.tsdb.path=${data}`, `--web.listen-address=127.0.0.1:${port}`,
    "--storage.tsdb.retention.time=1h", "--log.level=warn",
  ]);
  await waitFor(`Prometheus (:${port})`, async () => (await fetch(`http://127.0.0.1:${port}/-/ready`, { signal: AbortSignal.timeout(2000) })).ok, 30_000, child);
  return child;
}

/** `name` names its working directory, log and PID entry (a second Varnish in the edge bench). */
export async function startVarnish({ port = PORTS.varnish, adminPort = PORTS.varnishAdmin, vcl = VCL, memory = "256m", name = "varnish", proxyPort } = {}) {
  if (await portOpen(port)) throw new Error(`port ${port} is already in use`);
  const workdir = path.join(stateDir, name);
  fs.rmSync(workdir, { recursive: true, force: true });
  fs.mkdirSync(workdir, { recursive: true });
  // -F: stay in the foreground, so the PID recorded is the manager (it stops its child with it).
  // proxyPort: a second listener speaking the PROXY protocol, as behind a TLS terminator that sends
  // the reader's address (docs/deploy.md); the VCL's purge ACL then sees that address.
  const child = launch(name, "varnishd", [
    "-F", "-a", `127.0.0.1:${port}`, ...(proxyPort ? ["-a", `127.0.0.1:${proxyPort},PROXY`] : []), "-T", `127.0.0.1:${adminPort}`, "-n", workdir, "-f", vcl,
    "-s", `malloc,${memory}`, "-p", "http_gzip_support=off",
  ], { env: { ...process.env, EDGE_PURGE_SECRET } });
  await waitFor(`Varnish ${name} (:${port})`, () => portOpen(port), 30_000, child);
  return child;
}

/** Waits until Varnish's probes see both backends healthy (or the one given). */
export async function waitForVarnishBackends(expected = 2, timeoutMs = 30_000) {
  const workdir = path.join(stateDir, "varnish");
  await waitFor(`Varnish seeing ${expected} healthy backends`, async () => {
    const out = spawnSync("varnishadm", ["-n", workdir, "backend.list"], { encoding: "utf8" }).stdout;
    return (out.match(/\bhealthy\b/gi) ?? []).length >= expected;
  }, timeoutMs);
}

/** Whether a service started here is still running (by its recorded PID). */
export function running(name) {
  const pid = readPids()[name];
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// A command line for the Playwright suite (it cannot import this ES module):
//   node scripts/cluster/services.mjs stop <name> [SIGNAL] | start-redis | start-masthead <name>
//     | start-prometheus <config> | running <name>
// start-masthead starts instance a or b again as scripts/cluster/test.mjs did (cluster.json).
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const [command, name, signal] = process.argv.slice(2);
  detach = true;
  if (command === "stop" && name) await stop(name, { signal: signal || "SIGTERM" });
  else if (command === "start-redis") await startRedis();
  else if (command === "start-masthead" && name) {
    const cluster = JSON.parse(fs.readFileSync(path.join(stateDir, "cluster.json"), "utf8"));
    const instance = cluster.instances?.[name];
    if (!instance) throw new Error(`no instance "${name}" in cluster.json`);
    await startMasthead(name, { port: instance.port, dir: cluster.buildDir, env: instance.env });
  } else if (command === "start-prometheus" && name) await startPrometheus({ config: name });
  else if (command === "running" && name) process.exit(running(name) ? 0 : 1);
  else {
    console.error("usage: services.mjs stop <name> [SIGNAL] | start-redis | start-masthead <name> | start-prometheus <config> | running <name>");
    process.exit(2);
  }
  process.exit(0);
}
