#!/usr/bin/env node
// A throw-away PostgreSQL (Debian `postgresql`) on 127.0.0.1 for tests and trials: initdb in a fresh
// folder, pg_ctl start, stopped by the postmaster's PID. As root, the server runs as the `postgres`
// user (it refuses to run as root). Nothing global is touched: no systemd, no Debian cluster.
//
//   node scripts/store/postgres.mjs start [--port 5433] [--dir DIR]   prints DATABASE_URL=… and the PID
//   node scripts/store/postgres.mjs stop --dir DIR
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** The folder of PostgreSQL's server programs (PG_BIN, else the newest /usr/lib/postgresql/N/bin), or null. */
export function postgresBinDir() {
  if (process.env.PG_BIN) return fs.existsSync(path.join(process.env.PG_BIN, "initdb")) ? process.env.PG_BIN : null;
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const bin = path.join(root, version, "bin");
    if (fs.existsSync(path.join(bin, "initdb"))) return bin;
  }
  const found = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" }).stdout.trim();
  return found ? path.dirname(found) : null;
}

const portOpen = (port) =>
  new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;
const quote = (s) => `'${String(s).replaceAll("'", "'\\''")}'`;

function run(bin, program, args) {
  const command = [path.join(bin, program), ...args].map(quote).join(" ");
  const result = isRoot()
    ? spawnSync("su", ["postgres", "-s", "/bin/sh", "-c", command], { encoding: "utf8" })
    : spawnSync("sh", ["-c", command], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${program} failed (${result.status}): ${(result.stderr || result.stdout || "").trim().slice(-2000)}`);
  return result.stdout;
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The postmaster's PID, from its pid file. */
function postmasterPid(dir) {
  const file = path.join(dir, "data", "postmaster.pid");
  return fs.existsSync(file) ? Number(fs.readFileSync(file, "utf8").split("\n")[0]) : 0;
}

/** Stops the server of `dir` by its PID (fast shutdown) and waits for it to exit; removes the folder when asked. */
export async function stopPostgres(dir, { remove = false } = {}) {
  const pid = postmasterPid(dir);
  if (pid && alive(pid)) {
    process.kill(pid, "SIGINT");
    for (let i = 0; i < 600 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
    if (alive(pid)) process.kill(pid, "SIGKILL");
  }
  if (remove) fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Starts a new PostgreSQL on 127.0.0.1:`port` with its data in `dir` (a new temporary folder when
 * not given). Trust authentication for the superuser `masthead` on loopback only.
 */
export async function startPostgres({ port = 5433, dir } = {}) {
  const bin = postgresBinDir();
  if (!bin) throw new Error("PostgreSQL is not installed (apt-get install -y postgresql)");
  if (await portOpen(port)) throw new Error(`port ${port} is in use`);
  dir ??= fs.mkdtempSync(path.join(os.tmpdir(), "masthead-postgres-"));
  fs.mkdirSync(dir, { recursive: true });
  if (isRoot()) spawnSync("chown", ["-R", "postgres:postgres", dir]);
  const data = path.join(dir, "data");
  if (!fs.existsSync(path.join(data, "PG_VERSION"))) run(bin, "initdb", ["-D", data, "-A", "trust", "-U", "masthead", "-E", "UTF8", "--no-sync"]);
  // fsync off: a test database is thrown away; nothing here measures durability.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  run(bin, "pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "log"), "-w", "-t", "60", "start"]);
  const pid = postmasterPid(dir);
  for (let i = 0; i < 200 && !(await portOpen(port)); i++) await new Promise((r) => setTimeout(r, 50));
  return {
    url: `postgres://masthead@127.0.0.1:${port}/postgres`,
    port,
    pid,
    dir,
    stop: () => stopPostgres(dir, { remove: true }),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [command, ...rest] = process.argv.slice(2);
  const arg = (name) => {
    const i = rest.indexOf(`--${name}`);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  if (command === "start") {
    const pg = await startPostgres({ port: Number(arg("port") ?? 5433), dir: arg("dir") });
    console.log(`DATABASE_URL=${pg.url}\nPID=${pg.pid}\nDIR=${pg.dir}`);
  } else if (command === "stop" && arg("dir")) {
    await stopPostgres(arg("dir"), { remove: rest.includes("--remove") });
  } else {
    console.error("usage: postgres.mjs start [--port 5433] [--dir DIR] | stop --dir DIR [--remove]");
    process.exit(2);
  }
}
