import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import e2e from "./env.json";
import { startPrivateServer, type PrivateServer } from "./support/private-server";

// Without Redis, the read counts live in the reader data store (SQLite in DATA_DIR): a restart of the
// server keeps every read, and the "Most read" list with it (issue 32, docs/decisions/0181). A private
// server on its own DATA_DIR, so the counts are exactly the ones sent here.
test.describe.configure({ mode: "serial" });

const TOKEN = { authorization: `Bearer ${e2e.env.REVALIDATE_SECRET}` };
const READS: Record<string, number> = { "fish-market-new-hall": 5, "net-loft-theatre-season": 3, "sea-swim-club-winter": 1 };
const UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36";

let dataDir: string;
let server: PrivateServer | null = null;

test.beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-audience-data-"));
});
test.afterAll(async () => {
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

// Its Prometheus listener (issue 29's metrics) beside it.
const METRICS_PORT = (Number(process.env.E2E_PRIVATE_BASE) || Number(process.env.E2E_PORT) || e2e.port) + 81;
const start = () => startPrivateServer({ portOffset: 80, env: { DATA_DIR: dataDir, MASTHEAD_WARM_UP: "0", METRICS_PORT: String(METRICS_PORT) } });

/** The sum of a metric's samples whose labels include `labels`, from the instance's /metrics. */
async function metric(name: string, labels: Record<string, string> = {}): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${METRICS_PORT}/metrics`)).text();
  let total = 0;
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labelText = line.startsWith(`${name}{`) ? line.slice(name.length + 1, line.indexOf("}")) : "";
    if (Object.entries(labels).every(([k, v]) => labelText.includes(`${k}="${v}"`))) total += Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return total;
}

const post = (base: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/beacon`, { method: "POST", headers: { origin: base, "content-type": "application/x-www-form-urlencoded", "user-agent": UA, ...headers }, body });

async function report(base: string) {
  const response = await fetch(`${base}/api/audience`, { headers: TOKEN });
  expect(response.status).toBe(200);
  return (await response.json()) as { backend: string; available: boolean; mostRead: { slug: string; reads: number }[] };
}

test("reads counted without Redis survive a restart of the server, and the list still shows them; the beacons and readers' speed are in the metrics", async () => {
  test.setTimeout(180_000);
  server = await start();
  const before = await report(server.base);
  expect(before.backend).toBe("store");
  expect(before.mostRead).toEqual([]);
  for (const [slug, n] of Object.entries(READS)) {
    for (let i = 0; i < n; i++) expect((await post(server.base, `k=read&s=${slug}`)).status, slug).toBe(204);
  }
  const expected = Object.entries(READS).map(([slug, reads]) => ({ slug, reads }));
  // The report writes what this instance gathered before it answers.
  expect((await report(server.base)).mostRead).toEqual(expected);

  // The operators' view (Prometheus, issue 29): nine beacons received and written, and a page view's
  // speed in the real-user histograms, by page type.
  expect(await metric("masthead_beacons_total", { outcome: "received" })).toBe(9);
  expect(await metric("masthead_beacons_total", { outcome: "flushed" })).toBe(9);
  expect(await metric("masthead_beacons_total", { outcome: "dropped" })).toBe(0);
  expect((await post(server.base, "k=read&s=fish-market-new-hall", { "user-agent": "curl/8.0" })).status).toBe(403);
  expect((await post(server.base, "k=vitals&t=article&LCP=1800&INP=120&CLS=0.02&TTFB=90")).status).toBe(204);
  expect(await metric("masthead_beacons_total", { outcome: "refused" })).toBe(1);
  expect(await metric("masthead_beacons_total", { outcome: "received" })).toBe(10);
  expect(await metric("masthead_real_user_seconds_count", { page_type: "article", metric: "LCP" })).toBe(1);
  expect(await metric("masthead_real_user_seconds_bucket", { page_type: "article", metric: "LCP", le: "1.5" })).toBe(0);
  expect(await metric("masthead_real_user_seconds_bucket", { page_type: "article", metric: "LCP", le: "2" })).toBe(1);
  expect(await metric("masthead_real_user_seconds_sum", { page_type: "article", metric: "TTFB" })).toBeCloseTo(0.09);
  expect(await metric("masthead_real_user_cls_count", { page_type: "article" })).toBe(1);
  await expect.poll(() => metric("masthead_beacons_total", { outcome: "flushed" }), { timeout: 10_000 }).toBe(10);

  await server.stop();
  server = null;
  // The SQLite file is where the counts went.
  expect(fs.existsSync(path.join(dataDir, "masthead.sqlite"))).toBe(true);

  server = await start();
  expect((await report(server.base)).mostRead).toEqual(expected);
  // The list a reader gets (as the island fetches it) ranks them in the same order.
  await expect
    .poll(async () => {
      const response = await fetch(`${server!.base}/api/most-read/site`);
      return JSON.stringify(await response.json());
    })
    .toMatch(/fish-market-new-hall[\s\S]*net-loft-theatre-season[\s\S]*sea-swim-club-winter/);
});
