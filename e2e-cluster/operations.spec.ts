/**
 * Operations on several instances (issue 29), against the real parts scripts/cluster/test.mjs started
 * (Redis, Masthead A :3001 and B :3002 with metrics listeners :9262 and :9263, Varnish :6081 with the
 * shipped VCL), plus a real Prometheus (Debian `prometheus`, :9090) started here with the shipped
 * configuration and rules (deploy/prometheus/), pointed at both instances:
 *   1. SIGTERM to one instance under load through Varnish: no request fails;
 *   2. Prometheus scrapes both instances, and their request counters match the requests made;
 *   3. instance A killed: the instance-down alert fires (a short `for:` in this copy of the rules).
 * cluster.spec.ts runs first and leaves A killed: A is started again here, and left running.
 */
import { expect, test } from "@playwright/test";
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import YAML from "yaml";

const root = path.resolve(__dirname, "..");
const stateDir = process.env.MASTHEAD_CLUSTER_DIR || "/tmp/masthead-cluster";
const services = path.join(root, "scripts", "cluster", "services.mjs");
const PORTS = { a: 3001, b: 3002, varnish: 6081, prometheus: 9090, metricsA: 9262, metricsB: 9263 };
const EDGE = `http://127.0.0.1:${PORTS.varnish}`;
const PROMETHEUS = `http://127.0.0.1:${PORTS.prometheus}`;
const TARGET = { a: `127.0.0.1:${PORTS.metricsA}`, b: `127.0.0.1:${PORTS.metricsB}` };
const BROWSER = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "accept-encoding": "br, gzip" };

const cli = (...args: string[]) => execFileSync(process.execPath, [services, ...args], { stdio: "inherit" });
const isRunning = (name: string) => {
  try {
    execFileSync(process.execPath, [services, "running", name], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};
const logOf = (name: string) => {
  try {
    return fs.readFileSync(path.join(stateDir, `${name}.log`), "utf8");
  } catch {
    return "";
  }
};
const jsonLines = (text: string) =>
  text.split("\n").flatMap((line) => {
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
const healthyBackends = () => {
  const out = execFileSync("varnishadm", ["-n", path.join(stateDir, "varnish"), "backend.list"], { encoding: "utf8" });
  // The two instances' backends (the round-robin director has a health line of its own).
  return new Set([...out.matchAll(/\bmasthead_([ab])\s.*\bhealthy\b/gi)].map((m) => m[1])).size;
};

/**
 * A GET on a connection of its own: a failure is the edge's or the instances', never a keep-alive
 * connection of the client's pool that the edge had closed while it was idle.
 */
function getOnNewConnection(url: string): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: BROWSER, agent: false, timeout: 20_000 }, (response) => {
      response.resume();
      response.on("end", () => resolve({ status: response.statusCode ?? 0 }));
      response.on("error", reject);
    });
    request.on("timeout", () => request.destroy(new Error("timed out")));
    request.on("error", reject);
  });
}

async function ensureBothInstances() {
  for (const name of ["a", "b"]) if (!isRunning(name)) cli("start-masthead", name);
  await expect.poll(healthyBackends, { timeout: 30_000, intervals: [250] }).toBe(2);
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  await ensureBothInstances();
});

test.afterAll(async () => {
  test.setTimeout(240_000);
  // Leave the cluster whole for the suites after this one.
  await ensureBothInstances();
});

test("1. SIGTERM to instance A under load through Varnish: A drains and stops, no request fails", async () => {
  test.setTimeout(120_000);
  const logStart = logOf("a").length;
  // Addresses the edge must fetch from an instance every time (a new one each: a miss at the edge and
  // a render of the not-found page at the origin — a query string no longer does, and distinct
  // searches meet the per-client limit), and pages it may cache.
  const paths = (i: number) => [`/news/no-such-story-${i}`, "/news", `/tags/no-such-tag-${i}`, "/feed.xml", "/"];
  const expected = (pathname: string) => (pathname.includes("/no-such-") ? 404 : 200);
  const counts = { ok: 0, failed: 0, duringShutdown: 0 };
  const failures: string[] = [];
  let phase: "before" | "during" | "after" = "before";
  const started = Date.now();
  let stopLoad = false;
  const worker = async (w: number) => {
    for (let i = 0; !stopLoad; i++) {
      const pathname = paths(w * 100_000 + i)[i % 5];
      try {
        const response = await getOnNewConnection(EDGE + pathname);
        if (response.status === expected(pathname)) {
          counts.ok++;
          if (phase === "during") counts.duringShutdown++;
        } else {
          counts.failed++;
          failures.push(`${pathname} (${phase}, ${Date.now() - started} ms): HTTP ${response.status}`);
        }
      } catch (error) {
        counts.failed++;
        const cause = error instanceof Error && (error as NodeJS.ErrnoException).code ? ` (${(error as NodeJS.ErrnoException).code})` : "";
        failures.push(`${pathname} (${phase}, ${Date.now() - started} ms): ${error instanceof Error ? error.message : error}${cause}`);
      }
    }
  };
  const load = Promise.all([0, 1, 2, 3, 4, 5].map(worker));
  await new Promise((r) => setTimeout(r, 3000));
  phase = "during";
  // Resolves once A has exited (or after 10 s with a SIGKILL: then the checks below fail). Not
  // execFileSync: the load runs in this process and must go on meanwhile.
  await promisify(execFile)(process.execPath, [services, "stop", "a", "SIGTERM"]);
  phase = "after";
  await new Promise((r) => setTimeout(r, 3000));
  stopLoad = true;
  await load;
  console.log(`SIGTERM to A under load through Varnish: ${counts.ok} answers (${counts.duringShutdown} while A drained), ${counts.failed} failed`);

  expect(failures.slice(0, 10)).toEqual([]);
  expect(counts.failed).toBe(0);
  expect(counts.duringShutdown).toBeGreaterThan(20);
  // A drained and stopped by itself, cleanly: readiness first, then the listener, then Redis.
  const events = jsonLines(logOf("a").slice(logStart));
  const draining = events.find((l) => l.event === "shutdown.draining");
  const done = events.find((l) => l.event === "shutdown.done");
  expect(draining).toMatchObject({ signal: "SIGTERM" });
  expect(done).toMatchObject({ clean: true });
  // It kept answering what it was sent while the edge took it out of rotation.
  const servedWhileDraining = events.filter((l) => l.event === "request" && l.kind !== "health" && String(l.time) > String(draining!.time));
  expect(servedWhileDraining.length).toBeGreaterThan(0);
  // The edge's probe of /readyz saw it go.
  expect(healthyBackends()).toBe(1);
  // Every request through the edge carried the edge's request id to the instance.
  const viaEdge = events.filter((l) => l.event === "request" && l.kind !== "health");
  expect(viaEdge.length).toBeGreaterThan(0);
  expect(viaEdge.every((l) => /^[\w.-]+-\d+$/.test(String(l.requestId)))).toBe(true);
});

/** A copy of the shipped configuration and rules, pointed at the two instances, with short intervals. */
function prometheusConfig(): string {
  const dir = path.join(stateDir, "prometheus-config");
  fs.mkdirSync(dir, { recursive: true });
  const config = YAML.parse(fs.readFileSync(path.join(root, "deploy", "prometheus", "prometheus.yml"), "utf8"));
  const rulesText = fs.readFileSync(path.join(root, "deploy", "prometheus", "masthead-rules.yml"), "utf8");
  // The shipped alerts, as shipped, but waiting seconds instead of minutes.
  fs.writeFileSync(path.join(dir, "masthead-rules.yml"), rulesText.replace(/^(\s+)for: \S+$/gm, "$1for: 3s"));
  config.global = { ...config.global, scrape_interval: "1s", evaluation_interval: "1s" };
  config.rule_files = [path.join(dir, "masthead-rules.yml")];
  delete config.alerting;
  const job = config.scrape_configs.find((j: { job_name: string }) => j.job_name === "masthead");
  job.static_configs = [{ targets: [TARGET.a, TARGET.b], labels: { machine: "test" } }];
  fs.writeFileSync(path.join(dir, "prometheus.yml"), YAML.stringify(config));
  return path.join(dir, "prometheus.yml");
}

async function prometheus(pathname: string): Promise<any> {
  const response = await fetch(PROMETHEUS + pathname, { signal: AbortSignal.timeout(5000) });
  const body = await response.json();
  if (body.status !== "success") throw new Error(`Prometheus: ${JSON.stringify(body)}`);
  return body.data;
}

/** `sum by (instance)` of an expression, as { "127.0.0.1:9262": n, … }. */
async function byInstance(expression: string): Promise<Record<string, number>> {
  const data = await prometheus(`/api/v1/query?query=${encodeURIComponent(`sum by (instance) (${expression})`)}`);
  return Object.fromEntries(data.result.map((r: { metric: { instance: string }; value: [number, string] }) => [r.metric.instance, Number(r.value[1])]));
}

test("2. Prometheus, with the shipped configuration, scrapes both instances; their request counters match the requests made", async () => {
  test.setTimeout(120_000);
  if (!isRunning("a")) cli("start-masthead", "a");
  if (!isRunning("prometheus")) cli("start-prometheus", prometheusConfig());
  await expect
    .poll(async () => {
      const data = await prometheus("/api/v1/targets?state=active");
      return data.activeTargets.filter((t: { labels: { job: string }; health: string }) => t.labels.job === "masthead" && t.health === "up").map((t: { labels: { instance: string } }) => t.labels.instance).sort();
    }, { timeout: 30_000 })
    .toEqual([TARGET.a, TARGET.b].sort());

  // Requests only this test makes: addresses that exist nowhere (404, route kind "not-found"),
  // straight to each instance, a different number to each.
  const metric = 'masthead_http_requests_total{kind="not-found",status="404"}';
  const before = await byInstance(metric);
  const made = { a: 11, b: 17 };
  for (const [name, n] of Object.entries(made)) {
    for (let i = 0; i < n; i++) {
      const response = await fetch(`http://127.0.0.1:${PORTS[name as "a" | "b"]}/ops-prometheus-${name}-${i}`, { headers: BROWSER });
      await response.arrayBuffer();
      expect(response.status).toBe(404);
    }
  }
  const increase = async () => {
    const now = await byInstance(metric);
    return { a: (now[TARGET.a] ?? 0) - (before[TARGET.a] ?? 0), b: (now[TARGET.b] ?? 0) - (before[TARGET.b] ?? 0) };
  };
  await expect.poll(increase, { timeout: 20_000 }).toEqual(made);
  // Still exactly that a few scrapes later (nothing else was counted as ours).
  await new Promise((r) => setTimeout(r, 2500));
  expect(await increase()).toEqual(made);
  // The rest of what an operator reads is there too, from both instances.
  for (const name of ["masthead_ready", "masthead_redis_up", "masthead_response_cache_entries", "nodejs_eventloop_lag_seconds", "masthead_http_request_duration_seconds_count"]) {
    expect(Object.keys(await byInstance(name)).sort(), name).toEqual([TARGET.a, TARGET.b].sort());
  }
  expect(await byInstance("masthead_redis_up")).toEqual({ [TARGET.a]: 1, [TARGET.b]: 1 });
});

test("3. instance A killed: Prometheus fires the shipped instance-down alert for A, not for B", async () => {
  test.setTimeout(120_000);
  const firing = async () => {
    const data = await prometheus("/api/v1/alerts");
    return data.alerts
      .filter((a: { labels: { alertname: string }; state: string }) => a.labels.alertname === "MastheadInstanceDown" && a.state === "firing")
      .map((a: { labels: { instance: string } }) => a.labels.instance);
  };
  expect(await firing()).toEqual([]);
  cli("stop", "a", "SIGKILL");
  await expect.poll(firing, { timeout: 30_000, intervals: [500] }).toEqual([TARGET.a]);
  cli("stop", "prometheus");
});
