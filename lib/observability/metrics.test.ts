import { describe, expect, it } from "vitest";
import { counter, gauge, metricsPort, registry } from "./metrics";
import { exposition, responseCacheMetrics } from "./metrics.mjs";

describe("the process's metrics", () => {
  it("one registry per process: asking twice for a name gives the same metric (two bundles, one counter)", async () => {
    const a = counter({ name: "masthead_test_things_total", help: "Things.", labelNames: ["outcome"] });
    const b = counter({ name: "masthead_test_things_total", help: "Things.", labelNames: ["outcome"] });
    expect(b).toBe(a);
    a.inc({ outcome: "ok" });
    b.inc({ outcome: "ok" }, 2);
    const text = (await exposition()).body;
    expect(text).toContain('masthead_test_things_total{outcome="ok"} 3');
    expect(registry().getSingleMetric("masthead_test_things_total")).toBe(a);
  });

  it("gauges read when scraped (the response cache's size and churn)", async () => {
    let stats = { entries: 3, bytes: 4096, maxBytes: 8192, evictions: 2, purged: 5 };
    responseCacheMetrics(() => stats);
    let text = (await exposition()).body;
    expect(text).toMatch(/^masthead_response_cache_entries 3$/m);
    expect(text).toMatch(/^masthead_response_cache_evictions_total 2$/m);
    stats = { ...stats, entries: 1, evictions: 7 };
    text = (await exposition()).body;
    expect(text).toMatch(/^masthead_response_cache_entries 1$/m);
    expect(text).toMatch(/^masthead_response_cache_evictions_total 7$/m);
    expect(gauge({ name: "masthead_response_cache_bytes", help: "x" })).toBe(registry().getSingleMetric("masthead_response_cache_bytes"));
  });

  it("METRICS_PORT: unset is off, a port, or +N from the public port; never the public port itself", () => {
    expect(metricsPort({})).toBeNull();
    expect(metricsPort({ METRICS_PORT: "" })).toBeNull();
    expect(metricsPort({ METRICS_PORT: "0" })).toBeNull();
    expect(metricsPort({ METRICS_PORT: "9101" })).toBe(9101);
    expect(metricsPort({ METRICS_PORT: "+6100" }, 3001)).toBe(9101);
    expect(() => metricsPort({ METRICS_PORT: "nine" })).toThrow(/METRICS_PORT must be a port number/);
    expect(() => metricsPort({ METRICS_PORT: "70000" })).toThrow(/METRICS_PORT/);
    expect(() => metricsPort({ METRICS_PORT: "+0" }, 3001)).toThrow(/METRICS_PORT/);
    expect(() => metricsPort({ METRICS_PORT: "3001" }, 3001)).toThrow(/not be the public port/);
  });
});

describe("metrics counted on the request path", () => {
  it("read exactly as prom-client's own counter and histogram fed the same figures", async () => {
    const { Counter, Histogram, Registry } = await import("prom-client");
    const { RequestPathCounter, RequestPathHistogram } = await import("./request-path-metrics.mjs");
    const plain = new Registry();
    const fast = new Registry();
    const made = (registry: InstanceType<typeof Registry>, quick: boolean) => {
      const C = quick ? RequestPathCounter : Counter;
      const H = quick ? RequestPathHistogram : Histogram;
      return {
        requests: new C({ name: "t_requests_total", help: "Requests.", labelNames: ["kind", "status", "cache"], registers: [registry] }),
        plainCount: new C({ name: "t_things_total", help: "Things, no label.", registers: [registry] }),
        duration: new H({ name: "t_duration_seconds", help: "Time.", labelNames: ["kind", "cache"], buckets: [0.001, 0.01, 0.1, 1], registers: [registry] }),
        unlabelled: new H({ name: "t_lag_seconds", help: "Lag.", buckets: [0.5, 1], registers: [registry] }),
      };
    };
    const a = made(plain, false);
    const b = made(fast, true);
    // Values on the bounds, between them, above the last, zero; several label sets, in an order.
    const figures: [string, number, string, number][] = [
      ["article", 200, "hit", 0.0004], ["article", 200, "hit", 0.001], ["home", 200, "miss", 0.25], ["article", 304, "hit", 0],
      ["article", 200, "hit", 3.5], ["not-found", 404, "none", 0.01], ["home", 200, "miss", 1], ["article", 200, "hit", 0.0101],
    ];
    for (const m of [a, b]) {
      for (const [kind, status, cache, seconds] of figures) {
        m.requests.inc({ kind, status: String(status), cache });
        m.duration.observe({ kind, cache }, seconds);
      }
      m.requests.inc({ kind: "article", status: "200", cache: "hit" }, 5);
      m.requests.labels("beacon", "204", "none").inc();
      m.duration.labels("beacon", "none").observe(0.002);
      m.unlabelled.observe(0.7);
      m.plainCount.inc();
      m.plainCount.inc(2);
    }
    const text = await fast.metrics();
    expect(text).toBe(await plain.metrics());
    expect(text).toContain('t_requests_total{kind="article",status="200",cache="hit"} 9');
    expect(text).toContain('t_duration_seconds_bucket{le="0.001",kind="article",cache="hit"} 3');
    expect(await fast.getMetricsAsJSON()).toEqual(await plain.getMetricsAsJSON());
    // Reset, unknown labels and bad values behave as prom-client's.
    for (const m of [a, b]) m.duration.reset();
    expect(await fast.metrics()).toBe(await plain.metrics());
    expect(() => b.requests.inc({ route: "x" } as never)).toThrow(/not included in initial labelset/);
    expect(() => b.duration.observe({ kind: "x", cache: "y" }, Number.NaN)).toThrow(/not a valid number/);
    expect(() => b.requests.inc({ kind: "x", status: "1", cache: "y" }, -1)).toThrow(/decrease/);
  });

  it("the request and beacon metrics are the fast ones, in the one registry", async () => {
    const { RequestPathCounter, RequestPathHistogram } = await import("./request-path-metrics.mjs");
    const { httpMetrics, beaconMetrics } = await import("./metrics.mjs");
    const { requests, duration } = httpMetrics();
    expect(requests).toBeInstanceOf(RequestPathCounter);
    expect(duration).toBeInstanceOf(RequestPathHistogram);
    expect(beaconMetrics().speed).toBeInstanceOf(RequestPathHistogram);
    requests.inc({ kind: "article", status: "200", cache: "hit" });
    duration.observe({ kind: "article", cache: "hit" }, 0.0007);
    const text = (await exposition()).body;
    expect(text).toMatch(/^masthead_http_requests_total\{kind="article",status="200",cache="hit"\} 1$/m);
    expect(text).toMatch(/^masthead_http_request_duration_seconds_bucket\{le="0\.001",kind="article",cache="hit"\} 1$/m);
    expect(text).toMatch(/^# TYPE masthead_http_request_duration_seconds histogram$/m);
  });
});
