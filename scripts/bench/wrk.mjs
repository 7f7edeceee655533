// wrk for the performance scripts (npm run bench, bench:beacons): one place that runs it, reads its
// output, and measures what the server spent on the requests it answered.
//
// On this shared two-core machine req/s says as much about the neighbours as about the server; the
// CPU time the server process used per request answered (utime + stime from /proc, over the round)
// does not depend on how much of a core it was given, so it is printed beside the ratios.
import { spawn } from "node:child_process";
import fs from "node:fs";

export const WRK = ["/usr/bin/wrk", "/usr/local/bin/wrk"].find((p) => fs.existsSync(p)) ?? null;

const UNITS = { us: 0.001, ms: 1, s: 1000 };

/**
 * wrk's figures from its output (run with --latency): req/s, p50 and p99 in ms, the requests made,
 * and errors — answers of 400 and above (wrk's own "Non-2xx or 3xx responses": a Lua counter would
 * not see them, as wrk runs response() in each thread's Lua state and done() in another) plus socket
 * errors and timeouts.
 */
export function parseWrk(out) {
  const ms = (label) => {
    const m = new RegExp(`\\s${label}%\\s+([\\d.]+)(us|ms|s)\\b`).exec(out);
    return m ? Math.round(Number(m[1]) * UNITS[m[2]] * 10) / 10 : null;
  };
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    reqPerSec: Math.round(Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0)),
    p50: ms("50"),
    p99: ms("99"),
    requests: Number(/(\d+) requests in /.exec(out)?.[1] ?? 0),
    errors: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0) + (socket ? socket.slice(1).reduce((n, x) => n + Number(x), 0) : 0),
  };
}

/** CPU time (user + system, ms) a process and the threads it has used so far; null when it cannot be read. */
export function cpuMs(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/**
 * One wrk run in the background. `headers` are sent on every request, `script` is a Lua file, `pid`
 * the server's process (its CPU time per request answered is added as `cpuUs`).
 * Resolves with parseWrk's figures (+ cpuUs).
 */
export function runWrk(url, { connections = 50, duration = 5, threads = 1, headers = {}, script, pid } = {}) {
  if (!WRK) throw new Error("wrk is not installed (apt-get install -y wrk)");
  const args = ["-t", String(threads), "-c", String(connections), "-d", `${duration}s`, "--latency"];
  for (const [k, v] of Object.entries(headers)) args.push("-H", `${k}: ${v}`);
  if (script) args.push("-s", script);
  const before = pid ? cpuMs(pid) : null;
  return new Promise((resolve, reject) => {
    const child = spawn(WRK, [...args, url], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("exit", () => {
      const result = parseWrk(out);
      const after = pid ? cpuMs(pid) : null;
      result.cpuUs = before !== null && after !== null && result.requests > 0 ? Math.round(((after - before) * 1000) / result.requests) : null;
      resolve(result);
    });
  });
}

/** The median of each figure over rounds (errors summed): what the tables print. */
export function medianOf(rounds) {
  const median = (xs) => {
    const v = xs.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
    return v.length ? v[Math.floor(v.length / 2)] : null;
  };
  return {
    reqPerSec: median(rounds.map((r) => r.reqPerSec)),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    cpuUs: median(rounds.map((r) => r.cpuUs)),
    errors: rounds.reduce((n, r) => n + r.errors, 0),
  };
}
