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
