#!/usr/bin/env node
// A campaign's last day: a burst of Stripe events (issue 30). For each store asked for, starts the
// Stripe stand-in and server(s) of the card-payments build (.next-revenue: build it with
// e2e/revenue/env.json first) on a fresh store — SQLite (one instance: a SQLite file is never shared),
// or a throw-away PostgreSQL (scripts/store/postgres.mjs) shared by --instances servers, as several
// machines would — has the stand-in deliver N `checkout.session.completed` events — each one `copies`
// times at the same moment, the copies to different instances, as Stripe may — and checks that
// every gift is recorded exactly once: in the store (events and supports) and in the instances'
// metrics (masthead_stripe_events_total: N processed, the rest duplicates). Stores run one after the
// other in one invocation, so their figures compare (a ratio) on the same machine at the same load.
//
//   node scripts/bench/revenue-burst.mjs [--stores sqlite,postgres] [--count 5000] [--copies 2]
//        [--concurrency 20] [--instances 2] [--port 3223] [--stand-in-port 12111] [--pg-port 5434]
//   --postgres alone is --stores postgres (older spelling). Exit code 1 if anything was lost or doubled.
// Ports used: --port … --port+instances-1 (servers), the next as many for their metrics listeners.
// (npm run bench:burst; the PostgreSQL folder is /tmp/masthead-burst-pg-<port>, removed after.)
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { startPostgres } from "../store/postgres.mjs";
import { serverEntry, serverNodeArgs } from "../server-launch.cjs";

const root = path.resolve(import.meta.dirname, "../..");
const args = process.argv.slice(2);
const arg = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const count = Number(arg("count", 5000));
const copies = Number(arg("copies", 2));
const concurrency = Number(arg("concurrency", 20));
const port = Number(arg("port", 3223));
const pgInstances = Math.max(1, Number(arg("instances", 2)));
const revenue = JSON.parse(fs.readFileSync(path.join(root, "e2e/revenue/env.json"), "utf8"));
const standInPort = Number(arg("stand-in-port", new URL(revenue.env.STRIPE_API_URL).port));
const stores = (args.includes("--postgres") ? "postgres" : arg("stores", "sqlite")).split(",").map((s) => s.trim());
for (const s of stores) if (!["sqlite", "postgres"].includes(s)) throw new Error(`--stores: sqlite or postgres, not ${s}`);

const entry = serverEntry({ ...process.env, ...revenue.env });
if (!fs.existsSync(entry)) {
  console.error(`No card-payments build (${entry}): build it first, e.g. env $(node -e 'const e=require("./e2e/revenue/env.json").env;console.log(Object.entries(e).map(([k,v])=>k+"="+v).join(" "))') node scripts/build.mjs`);
  process.exit(2);
}

const waitFor = async (url) => {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer`);
};

/** masthead_stripe_events_total of one instance, by outcome, for checkout.session.completed. */
async function outcomes(metricsPort) {
  const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  const out = { processed: 0, duplicate: 0, failed: 0, ignored: 0 };
  for (const [, outcome, value] of text.matchAll(/^masthead_stripe_events_total\{[^}]*type="checkout\.session\.completed"[^}]*outcome="(\w+)"[^}]*\} (\d+)/gm)) out[outcome] = (out[outcome] ?? 0) + Number(value);
  return out;
}

async function run(store) {
  const instances = store === "postgres" ? pgInstances : 1;
  const ports = Array.from({ length: instances }, (_, i) => port + i);
  const metricsPorts = ports.map((_, i) => port + instances + i);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-burst-"));
  const children = [];
  const start = (command, argv, env) => {
    const child = spawn(command, argv, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"] });
    children.push(child);
    return child;
  };
  let postgres = null;
  try {
    // Its own folder beside (not inside) the 0700 data folder: the server runs as the postgres user.
    if (store === "postgres") postgres = await startPostgres({ port: Number(arg("pg-port", 5434)), dir: path.join(os.tmpdir(), `masthead-burst-pg-${port}`) });
    start(process.execPath, ["tests/stripe/stand-in.mjs", "--port", String(standInPort)], {
      STRIPE_SECRET_KEY: revenue.env.STRIPE_SECRET_KEY,
      STRIPE_WEBHOOK_SECRET: revenue.env.STRIPE_WEBHOOK_SECRET,
      WEBHOOK_URL: ports.map((p) => `http://127.0.0.1:${p}/api/webhooks/stripe`).join(","),
    });
    ports.forEach((p, i) =>
      start(process.execPath, [...serverNodeArgs({ ...process.env, ...revenue.env }), entry, "--port", String(p)], {
        ...revenue.env,
        STRIPE_API_URL: `http://127.0.0.1:${standInPort}`,
        DATA_DIR: path.join(dataDir, `instance-${i}`),
        ...(postgres ? { DATABASE_URL: postgres.url } : {}),
        METRICS_PORT: String(metricsPorts[i]),
        MASTHEAD_WARM_UP: "0",
      }),
    );
    await waitFor(`http://127.0.0.1:${standInPort}/_stand-in/events`);
    for (const p of ports) await waitFor(`http://127.0.0.1:${p}/`);

    const result = await (await fetch(`http://127.0.0.1:${standInPort}/_stand-in/burst?count=${count}&copies=${copies}&concurrency=${concurrency}`, { method: "POST" })).json();

    // What the store holds: the events recorded and the supports.
    const eventsSql = "select count(*) as n from revenue_events where type = 'checkout.session.completed'";
    let events;
    let rows;
    if (postgres) {
      const client = new pg.Client({ connectionString: postgres.url });
      await client.connect();
      try {
        events = Number((await client.query(eventsSql)).rows[0].n);
        rows = (await client.query("select id from revenue_supporters")).rows.map((r) => r.id);
      } finally {
        await client.end();
      }
    } else {
      const db = new Database(path.join(dataDir, "instance-0", "masthead.sqlite"), { readonly: true });
      try {
        events = db.prepare(eventsSql).get().n;
        rows = db.prepare("select id from revenue_supporters").all().map((r) => r.id);
      } finally {
        db.close();
      }
    }
    const seen = { processed: 0, duplicate: 0, failed: 0, ignored: 0 };
    for (const m of metricsPorts) for (const [k, v] of Object.entries(await outcomes(m))) seen[k] += v;

    const ids = new Set(result.ids);
    const held = new Set(rows);
    const recorded = [...held].filter((id) => ids.has(id)).length;
    const lost = [...ids].filter((id) => !held.has(id)).length;
    const doubled = rows.length - held.size + Math.max(0, events - count);
    const acknowledged = result.deliveries - result.failed;
    const exact = lost === 0 && doubled === 0 && recorded === count && events === count && seen.processed === count && seen.processed + seen.duplicate === acknowledged;
    const seconds = result.ms / 1000;
    console.log(
      `Burst on ${store === "postgres" ? `PostgreSQL (${instances} instance${instances > 1 ? "s" : ""})` : "SQLite (1 instance)"}: ${count} events × ${copies} deliveries ` +
        `(${result.deliveries} requests, ${concurrency} at a time) in ${seconds.toFixed(1)} s — ${Math.round(count / seconds)} events/s, ${Math.round(result.deliveries / seconds)} deliveries/s; ` +
        `answered non-2xx then retried: ${result.retried}; failed after retries: ${result.failed}`,
    );
    console.log(`  store: ${recorded} of ${count} gifts, ${events} events; lost ${lost}, doubled ${doubled}. metrics: processed ${seen.processed}, duplicate ${seen.duplicate}, failed ${seen.failed} → ${exact ? "exactly once" : "NOT EXACTLY ONCE"}`);
    return { store, instances, seconds, exact };
  } finally {
    for (const child of children)
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
    if (postgres) await postgres.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const results = [];
for (const store of stores) results.push(await run(store));
const [lite, postgresRun] = ["sqlite", "postgres"].map((s) => results.find((r) => r.store === s));
if (lite && postgresRun) console.log(`Events/s, PostgreSQL (${postgresRun.instances} instances) ÷ SQLite: ${(lite.seconds / postgresRun.seconds).toFixed(2)}`);
process.exitCode = results.every((r) => r.exact) ? 0 : 1;
