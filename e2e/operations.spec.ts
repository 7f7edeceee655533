/**
 * Operations (issue 29) on the production server, over real HTTP: /healthz and /readyz before Next,
 * one JSON log line per request, metrics on their own loopback listener and never on the public port,
 * and a graceful shutdown on SIGTERM. The first tests use the suite's server; the others start an
 * instance of their own (port E2E_PORT+3, metrics listener E2E_PORT+6000) so they can read its log
 * and stop it.
 */
import { expect, test } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";
import e2e from "./env.json";
import { serverEntry, serverNodeArgs } from "../scripts/server-launch.cjs";

const root = path.resolve(__dirname, "..");
const E2E_PORT = Number(process.env.E2E_PORT) || e2e.port;
const OWN_PORT = E2E_PORT + 3;
/** The metrics listener of the instance these tests start: beside the public port, never on it. */
const METRICS_PORT = Number(process.env.E2E_METRICS_PORT) || E2E_PORT + 6000;
const BROWSER = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "accept-encoding": "br, gzip" };

test.describe("health, on the suite's server", () => {
  test("/healthz and /readyz answer before Next: small, JSON, never cached", async ({ request }) => {
    const health = await request.get("/healthz");
    expect(health.status()).toBe(200);
    expect(health.headers()["cache-control"]).toBe("no-store");
    expect(await health.json()).toEqual({ status: "ok" });
    // The site's security headers, as every answer of the server's own.
    expect(health.headers()["x-content-type-options"]).toBe("nosniff");

    // Ready: started, warmed up, not draining, and the content source answers (its index is open).
    await expect.poll(async () => (await request.get("/readyz")).status(), { timeout: 30_000 }).toBe(200);
    const ready = await request.get("/readyz");
    expect(ready.headers()["cache-control"]).toBe("no-store");
    expect(await ready.json()).toEqual({ status: "ready", checks: { listening: true, "warmed-up": true, "not-draining": true, content: true, "content-in-step": true } });
    expect((await request.head("/readyz")).status()).toBe(200);
    expect((await request.post("/readyz")).status()).toBe(405);
    // A query string changes nothing (a probe may add one to defeat a cache).
    expect((await request.get("/healthz?x=1")).status()).toBe(200);
  });

  test("the metrics are never on the public port", async ({ request }) => {
    expect((await request.get("/metrics")).status()).toBe(404);
  });
});

/** An instance of our own, with its log lines parsed as they come. */
class Instance {
  lines: Record<string, unknown>[] = [];
  raw: string[] = [];
  exit: Promise<number | null>;
  constructor(public child: ChildProcess) {
    let buffer = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("utf8");
      let i;
      while ((i = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 1);
        this.raw.push(line);
        try {
          this.lines.push(JSON.parse(line));
        } catch {
          this.lines.push({ notJson: line });
        }
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => this.raw.push(`stderr: ${chunk}`));
    this.exit = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  }
  requests(filter: (line: Record<string, unknown>) => boolean = () => true) {
    return this.lines.filter((l) => l.event === "request" && filter(l));
  }
}

function start(extraEnv: Record<string, string> = {}): Instance {
  const child = spawn(process.execPath, [...serverNodeArgs(), serverEntry(), "--port", String(OWN_PORT)], {
    cwd: root,
    env: { ...process.env, ...e2e.env, METRICS_PORT: String(METRICS_PORT), LOG_LEVEL: "info", SHUTDOWN_DELAY_MS: "1500", ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Instance(child);
}

async function metricsText(): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${METRICS_PORT}/metrics`);
  expect(response.status).toBe(200);
  return response.text();
}

function sample(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels);
  let total = 0;
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labelText = line.startsWith(`${name}{`) ? line.slice(name.length + 1, line.indexOf("}")) : "";
    if (wanted.every(([k, v]) => labelText.includes(`${k}="${v}"`))) total += Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return total;
}

/** A GET that resolves when its response has fully arrived, on its own connection. */
function slowGet(url: string): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: BROWSER, agent: false }, (response) => {
        let bytes = 0;
        response.on("data", (c: Buffer) => (bytes += c.length));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, bytes }));
      })
      .on("error", reject);
  });
}

test.describe("an instance of our own: logs, metrics, shutdown", () => {
  test.describe.configure({ mode: "serial", timeout: 120_000 });
  let instance: Instance;
  const base = `http://127.0.0.1:${OWN_PORT}`;

  test.beforeAll(async () => {
    test.setTimeout(200_000);
    instance = start();
    try {
      await expect
        .poll(async () => (await fetch(`${base}/readyz`).catch(() => null))?.status ?? 0, { timeout: 180_000, intervals: [250] })
        .toBe(200);
    } catch (error) {
      console.log(`The instance's log:\n${instance.raw.filter((l) => !l.includes('"kind":"health"')).slice(-30).join("\n")}`);
      console.log(`/readyz: ${await fetch(`${base}/readyz`).then((r) => r.text(), (e) => String(e))}`);
      throw error;
    }
  });
  test.afterAll(async () => {
    if (instance.child.exitCode === null) {
      instance.child.kill("SIGKILL");
      await instance.exit;
    }
  });

  test("one JSON line per request: the edge's request id, the path without its query, status, cache outcome, route kind", async () => {
    // Twice, so the second is answered by the response cache.
    for (const id of ["edge-1-a", "edge-1-b"]) {
      const response = await fetch(`${base}/?utm_source=newsletter&email=jane@example.org`, { headers: { ...BROWSER, "x-request-id": id } });
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    }
    await fetch(`${base}/no-such-page-here`, { headers: BROWSER }).then((r) => r.arrayBuffer());
    await expect.poll(() => instance.requests((l) => l.path === "/no-such-page-here").length).toBe(1);

    const [first, second] = instance.requests((l) => String(l.requestId).startsWith("edge-1-"));
    expect(first).toMatchObject({ level: "info", component: "http", requestId: "edge-1-a", method: "GET", path: "/", status: 200, kind: "home" });
    expect(second).toMatchObject({ requestId: "edge-1-b", path: "/", status: 200, kind: "home" });
    // The query is not stored by the response cache (a query string never is): both went to Next.
    expect(["miss", "bypass"]).toContain(first.cache);
    expect(typeof first.ms).toBe("number");
    const missing = instance.requests((l) => l.path === "/no-such-page-here")[0];
    expect(missing).toMatchObject({ status: 404, kind: "not-found" });
    expect(String(missing.requestId)).toMatch(/^[0-9a-f-]{36}$/);

    // A page asked twice without a query: the second is a response-cache hit.
    for (let i = 0; i < 2; i++) await fetch(`${base}/`, { headers: BROWSER }).then((r) => r.arrayBuffer());
    await expect.poll(() => instance.requests((l) => l.path === "/" && l.cache === "hit").length).toBeGreaterThan(0);

    // Nothing in the whole log carries the query string or the address.
    const log = instance.raw.join("\n");
    expect(log).not.toContain("utm_source");
    expect(log).not.toContain("jane@example.org");
    expect(log).not.toContain(e2e.env.REVALIDATE_SECRET);
    // Every line is JSON, Next's own messages included.
    expect(instance.lines.filter((l) => "notJson" in l)).toEqual([]);
  });

  test("the metrics listener counts the requests made, by route kind, status and cache outcome", async () => {
    const before = await metricsText();
    const notFoundBefore = sample(before, "masthead_http_requests_total", { kind: "not-found", status: "404" });
    for (let i = 0; i < 7; i++) await fetch(`${base}/ops-metrics-missing-${i}`, { headers: BROWSER }).then((r) => r.arrayBuffer());
    const after = await metricsText();
    expect(sample(after, "masthead_http_requests_total", { kind: "not-found", status: "404" }) - notFoundBefore).toBe(7);
    expect(sample(after, "masthead_http_requests_total", { kind: "home", status: "200", cache: "hit" })).toBeGreaterThan(0);
    expect(sample(after, "masthead_http_request_duration_seconds_count", { kind: "not-found" })).toBeGreaterThanOrEqual(7);
    // The response cache, readiness, the content source's queries and Node's own metrics.
    expect(sample(after, "masthead_response_cache_entries", {})).toBeGreaterThan(0);
    expect(sample(after, "masthead_ready", {})).toBe(1);
    expect(after).toMatch(/^masthead_content_query_seconds_count\{operation="listArticles"\} [1-9]/m);
    expect(after).toMatch(/^nodejs_eventloop_lag_seconds /m);
    expect(after).toMatch(/^process_resident_memory_bytes /m);
    // Only /metrics, only on loopback.
    expect((await fetch(`http://127.0.0.1:${METRICS_PORT}/`)).status).toBe(404);
  });

  test("SIGTERM: readiness 503 at once, requests in flight finish, the process exits cleanly", async () => {
    // A webhook whose body is still arriving when the listener closes: it must still be answered.
    let answered: (value: { status: number; body: string }) => void;
    const webhookAnswer = new Promise<{ status: number; body: string }>((resolve) => (answered = resolve));
    const body = JSON.stringify({ slug: "no-such-article-for-shutdown" });
    const slow = http.request(`${base}/api/revalidate`, {
      method: "POST",
      agent: false,
      headers: { authorization: `Bearer ${e2e.env.REVALIDATE_SECRET}`, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
    }, (response) => {
      let text = "";
      response.on("data", (c: Buffer) => (text += c));
      response.on("end", () => answered({ status: response.statusCode ?? 0, body: text }));
    });
    slow.write(body.slice(0, 5));
    // Pages that take a render each (a query string: never from the response cache).
    const inFlight = Array.from({ length: 6 }, (_, i) => slowGet(`${base}/?inflight=${i}`));
    await new Promise((r) => setTimeout(r, 50));
    instance.child.kill("SIGTERM");
    await expect.poll(async () => (await fetch(`${base}/readyz`)).status, { intervals: [50] }).toBe(503);
    // Still answering while the edge takes it out of rotation (SHUTDOWN_DELAY_MS).
    expect((await fetch(`${base}/healthz`, { headers: { connection: "close" } })).status).toBe(200);
    const finished = await Promise.all(inFlight);
    expect(finished.map((f) => f.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(finished.every((f) => f.bytes > 1000)).toBe(true);
    // Then the listener closes: no new connection, while the webhook is still in flight.
    await expect.poll(async () => fetch(`${base}/healthz`, { headers: { connection: "close" } }).then(() => "accepted", () => "refused"), { intervals: [100], timeout: 10_000 }).toBe("refused");
    expect(instance.child.exitCode).toBeNull();
    slow.end(body.slice(5));
    const answer = await webhookAnswer;
    expect(answer.status).toBe(404);
    expect(answer.body).toContain("no-such-article-for-shutdown");
    expect(await instance.exit).toBe(0);
    const events = instance.lines.map((l) => l.event);
    expect(events).toContain("shutdown.draining");
    expect(instance.lines.find((l) => l.event === "shutdown.done")).toMatchObject({ clean: true });
    await expect(fetch(`http://127.0.0.1:${METRICS_PORT}/metrics`)).rejects.toThrow();
  });
});
