#!/usr/bin/env node
// A campaign's last day: a burst of Stripe events (issue 30). Starts the Stripe stand-in and a server
// of the card-payments build (.next-revenue: build it with e2e/revenue/env.json first) on a fresh
// store — SQLite, or with --postgres a throw-away PostgreSQL (scripts/store/postgres.mjs) — has the
// stand-in deliver N `checkout.session.completed` events — each one twice, at the same time, as
// Stripe may — and checks in the store that every gift is recorded exactly once.
//
//   node scripts/bench/revenue-burst.mjs [--count 5000] [--copies 2] [--concurrency 20] [--port 3223]
//                                        [--stand-in-port 12111] [--postgres [--pg-port 5434]]
// (npm run bench:burst -- --postgres; the PostgreSQL folder is /tmp/masthead-burst-pg-<port>, removed after)
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
const revenue = JSON.parse(fs.readFileSync(path.join(root, "e2e/revenue/env.json"), "utf8"));
const standInPort = Number(arg("stand-in-port", new URL(revenue.env.STRIPE_API_URL).port));
const onPostgres = args.includes("--postgres");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-burst-"));
let postgres = null;

const children = [];
const start = (command, argv, env) => {
  const child = spawn(command, argv, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"] });
  children.push(child);
  return child;
};
const stopAll = async () => {
  for (const child of children) if (child.exitCode === null) {
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  }
};
const waitFor = async (url) => {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer`);
};

/** What the store holds after the burst: the events recorded and the ids of the supports. */
async function readStore() {
  const eventsSql = "select count(*) as n from revenue_events where type = 'checkout.session.completed'";
  if (postgres) {
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    try {
      const events = Number((await client.query(eventsSql)).rows[0].n);
      const rows = (await client.query("select id from revenue_supporters")).rows.map((r) => r.id);
      return { events, rows };
    } finally {
      await client.end();
    }
  }
  const db = new Database(path.join(dataDir, "masthead.sqlite"), { readonly: true });
  try {
    return { events: db.prepare(eventsSql).get().n, rows: db.prepare("select id from revenue_supporters").all().map((r) => r.id) };
  } finally {
    db.close();
  }
}

try {
  // Its own folder beside (not inside) the 0700 data folder: the server runs as the postgres user.
  if (onPostgres) postgres = await startPostgres({ port: Number(arg("pg-port", 5434)), dir: path.join(os.tmpdir(), `masthead-burst-pg-${port}`) });
  start(process.execPath, ["tests/stripe/stand-in.mjs", "--port", String(standInPort)], {
    STRIPE_SECRET_KEY: revenue.env.STRIPE_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: revenue.env.STRIPE_WEBHOOK_SECRET,
    WEBHOOK_URL: `http://127.0.0.1:${port}/api/webhooks/stripe`,
  });
  start(process.execPath, [...serverNodeArgs({ ...process.env, ...revenue.env }), serverEntry({ ...process.env, ...revenue.env }), "--port", String(port)], {
    ...revenue.env,
    STRIPE_API_URL: `http://127.0.0.1:${standInPort}`,
    DATA_DIR: dataDir,
    ...(postgres ? { DATABASE_URL: postgres.url } : {}),
    MASTHEAD_WARM_UP: "0",
  });
  await waitFor(`http://127.0.0.1:${standInPort}/_stand-in/events`);
  await waitFor(`http://127.0.0.1:${port}/`);

  const result = await (await fetch(`http://127.0.0.1:${standInPort}/_stand-in/burst?count=${count}&copies=${copies}&concurrency=${concurrency}`, { method: "POST" })).json();
  const { events, rows } = await readStore();
  const ids = new Set(result.ids);
  const recorded = rows.filter((id) => ids.has(id)).length;
  const lost = [...ids].filter((id) => !rows.includes(id)).length;
  const doubled = rows.length - new Set(rows).size + Math.max(0, events - count);
  console.log(`Burst on ${postgres ? "PostgreSQL" : "SQLite"}: ${count} events × ${copies} deliveries (${result.deliveries} requests, ${concurrency} at a time) in ${(result.ms / 1000).toFixed(1)} s (${Math.round(result.deliveries / (result.ms / 1000))} deliveries/s); failed deliveries after retries: ${result.failed}`);
  console.log(`Recorded: ${recorded} of ${count} gifts, ${events} events; lost ${lost}, doubled ${doubled}`);
  process.exitCode = lost === 0 && doubled === 0 && recorded === count ? 0 : 1;
} finally {
  await stopAll();
  if (postgres) await postgres.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
