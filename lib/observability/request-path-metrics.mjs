// Metrics on the request path, for ./metrics.mjs (`counter({ fast: true, ... })`, `histogram({ fast: true, ... })`).
//
// prom-client's labelled counter and histogram spend a few microseconds per call (labels validated,
// a key string built and looked up in a dictionary, float-keyed buckets): measured at ~7 µs per
// request for the two request metrics on this (loaded) machine, several % of a cached article's
// whole cost (issue 29: metrics on must cost ≤ 5 %). The two classes below are prom-client's own
// Counter and Histogram — same registry, names, help, types and text format — whose recording keeps
// each label set's figures in a Map entry found by the label values (a few hundred nanoseconds),
// read by prom-client when scraped. For metrics counted per request or per beacon; everything else
// keeps prom-client's classes as they are. Plain JavaScript, as ./metrics.mjs.
import client from "prom-client";

/** The key of a label set: its values in the metric's label order. */
function labelKey(metric, labels) {
  let key = "";
  for (const name of metric.labelNames) key += `${labels[name]}\u0001`;
  return key;
}

/** A label set seen for the first time: its names checked (as prom-client does), kept as a copy. */
function firstSeen(metric, labels) {
  for (const name of Object.keys(labels)) {
    if (!metric.labelNames.includes(name)) throw new Error(`Added label "${name}" is not included in initial labelset: ${metric.labelNames.join(", ")}`);
  }
  return { ...labels };
}

export class RequestPathCounter extends client.Counter {
  constructor(config) {
    super(config);
    this.inc = this.add;
  }

  add(labels, value) {
    if (typeof labels !== "object" || labels === null) [value, labels] = [labels, {}];
    if (value === undefined || value === null) value = 1;
    else if (!Number.isFinite(value)) throw new TypeError(`Value is not a valid number: ${value}`);
    else if (value < 0) throw new Error("It is not possible to decrease a counter");
    const key = labelKey(this, labels);
    const entry = this.entries.get(key);
    if (entry) entry.value += value;
    else this.entries.set(key, { value, labels: firstSeen(this, labels) });
  }

  labels(...values) {
    const labels = Object.fromEntries(this.labelNames.map((name, i) => [name, values[i]]));
    return { inc: (value) => this.add(labels, value) };
  }

  reset() {
    super.reset();
    this.entries = new Map();
    if (this.labelNames.length === 0) this.entries.set("", { value: 0, labels: {} });
  }

  async get() {
    if (this.collect) await this.collect();
    const values = [...this.entries.values()].map(({ value, labels }) => ({ value, labels: { ...labels } }));
    return { help: this.help, name: this.name, type: this.type, values, aggregator: this.aggregator };
  }
}

export class RequestPathHistogram extends client.Histogram {
  constructor(config) {
    super(config);
    this.observe = this.record;
    // prom-client's constructor resets before the buckets are known: again, now that they are.
    this.reset();
  }

  record(labels, value) {
    if (typeof labels !== "object" || labels === null) [value, labels] = [labels, {}];
    if (!Number.isFinite(value)) throw new TypeError(`Value is not a valid number: ${value}`);
    const key = labelKey(this, labels);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { labels: firstSeen(this, labels), counts: new Float64Array(this.upperBounds.length), sum: 0, count: 0 };
      this.entries.set(key, entry);
    }
    const bounds = this.upperBounds;
    let i = 0;
    while (i < bounds.length && value > bounds[i]) i++;
    if (i < bounds.length) entry.counts[i]++;
    entry.sum += value;
    entry.count++;
  }

  labels(...values) {
    const labels = Object.fromEntries(this.labelNames.map((name, i) => [name, values[i]]));
    return { observe: (value) => this.record(labels, value), startTimer: (more) => this.startTimer({ ...labels, ...more }) };
  }

  zero(labels) {
    this.entries.set(labelKey(this, labels), { labels: firstSeen(this, labels), counts: new Float64Array(this.upperBounds.length), sum: 0, count: 0 });
  }

  reset() {
    super.reset();
    this.entries = new Map();
    if (this.labelNames.length === 0 && this.upperBounds) this.zero({});
  }

  /** The values as prom-client's Histogram gives them to its registry: cumulative buckets, +Inf, sum, count. */
  async getForPromString() {
    if (this.collect) await this.collect();
    const values = [];
    const bucket = `${this.name}_bucket`;
    for (const { labels, counts, sum, count } of this.entries.values()) {
      let cumulative = 0;
      this.upperBounds.forEach((bound, i) => {
        cumulative += counts[i];
        values.push({ labels: { le: bound }, sharedLabels: labels, value: cumulative, metricName: bucket, exemplar: null });
      });
      values.push({ labels: { le: "+Inf" }, sharedLabels: labels, value: count, metricName: bucket, exemplar: null });
      values.push({ labels: {}, sharedLabels: labels, value: sum, metricName: `${this.name}_sum`, exemplar: undefined });
      values.push({ labels: {}, sharedLabels: labels, value: count, metricName: `${this.name}_count`, exemplar: undefined });
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }
}
