#!/usr/bin/env node
// `npm run bench:newsletter:site` (issue 31): the cached article while the server itself sends an
// edition, in one run, side by side. The issue's goal: the cached article's p99 stays ≤ 50 ms while
// an edition goes out. bench:newsletter measures the sender alone and unpaced; this one measures the
// site beside the sender as production runs it — inside the server process, paced by MAIL_RATE.
//
//   1. A real Postfix on 127.0.0.1 (scripts/mail/postfix.mjs, with its Dovecot; in /dev/shm) and a
//      fresh reader data store (SQLite) with N confirmed subscribers of the morning briefing.
//   2. The production server (the e2e build, SMTP_URL → that Postfix, METRICS_PORT on loopback) with
//      the cached article under wrk and browser headers, twice per window: at full speed (the
//      throughput) and at a steady --steady req/s (a busy site that is not saturated). Windows:
//      alone; then, for each pace in --rates ("default" = MAIL_RATE unset, the server's 50/s), while
//      the server's own outbox worker sends a briefing to the N readers; then alone again. An edition
//      is queued here while no server runs, the server is started and sends it at once, and is
//      stopped after the window (what is still queued is then cancelled): this process never writes
//      to the SQLite file while a server runs. Each server is warmed up by two seconds of load.
//   3. Per window: req/s, p50, p99, errors, the server's CPU per request, the messages the server
//      handed to Postfix per second (its masthead_newsletter_sent_total), and the server's event-loop
//      delay p99 and max (prom-client's perf_hooks.monitorEventLoopDelay, reset by each scrape: the
//      window is framed by two scrapes). Ratios against "alone"; no pass/fail: the machine is shared.
//      After each send's windows, four seconds without readers: the server's CPU per message sent.
//      About two minutes with the defaults.
//
// Flags: --port 3260 --metrics-port 3261 --smtp-port 2560 --subscribers 20000 --rates default,200
//        --duration 6 --connections 20 --steady 500 (0: full speed only) --rebuild
//        --cpu-prof DIR  (each server writes a V8 CPU profile there when it stops: scripts/bench/cpuprofile.mjs)
// Servers and Postfix are started in their own process groups and stopped by PID.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { browserHeaders, e2eEnv, ensureBuild, get, parseFlags, root, sleep, startNext, table, writeResults } from "./lib.mjs";
import { cpuMs, runWrk, WRK } from "./wrk.mjs";
import { startPostfix, stopPostfix } from "../mail/postfix.mjs";

const flags = parseFlags(process.argv.slice(2), {
  port: 3260,
  "metrics-port": 3261,
  "smtp-port": 2560,
  subscribers: 20_000,
  rates: "default,200",
  duration: 6,
  connections: 20,
  steady: 500,
  rebuild: false,
  "cpu-prof": "",
});
if (!WRK) throw new Error("bench:newsletter:site needs wrk (apt-get install -y wrk)");
const LIST = "morning-briefing";
const ARTICLE = "/news/world-news/calder-strait-ferry-strike";
const BROWSER = browserHeaders();
const rates = String(flags.rates)
  .split(",")
  .map((r) => r.trim())
  .filter(Boolean);
for (const r of rates) if (r !== "default" && !/^\d+$/.test(r)) throw new Error(`--rates: "${r}" is not "default" or a number of messages per second`);

const work = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-bench-newsletter-site-"));
const memory = fs.existsSync("/dev/shm");
const postfixDir = path.join(memory ? "/dev/shm" : os.tmpdir(), `masthead-bench-site-postfix-${flags["smtp-port"]}`);
const dataDir = path.join(work, "data");
const metricsUrl = `http://127.0.0.1:${flags["metrics-port"]}/metrics`;
const env = {
  ...e2eEnv(),
  DATA_DIR: dataDir,
  SMTP_URL: `smtp://127.0.0.1:${flags["smtp-port"]}`,
  METRICS_PORT: String(flags["metrics-port"]),
  NEWSLETTER_SECRET: "bench-newsletter-secret-0123456789",
};
// The bench composes the editions with the same library and store the server uses.
Object.assign(process.env, env, { CONTENT_DIR: path.join(root, env.CONTENT_DIR) });

const load = () => os.loadavg()[0].toFixed(1);
// The steady load: wrk's connections each wait so that together they ask about --steady per second.
const STEADY_CONNECTIONS = 10;
const steadyScript = path.join(work, "steady.lua");
fs.writeFileSync(steadyScript, `delay = function() return ${Math.max(1, Math.round((STEADY_CONNECTIONS * 1000) / Math.max(1, flags.steady)))} end\n`);

/** The figures this bench reads from the server's registry: messages sent, event-loop delay. */
async function scrape() {
  const text = await (await get(metricsUrl)).text();
  const value = (name) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? ([\\d.e+-]+)$`, "m").exec(text)?.[1] ?? NaN);
  return { sent: value("masthead_newsletter_sent_total") || 0, lagP99: value("nodejs_eventloop_lag_p99_seconds") * 1000, lagMax: value("nodejs_eventloop_lag_max_seconds") * 1000 };
}

async function stopAndWait(server) {
  if (!server) return;
  server.stop();
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      process.kill(server.pid, 0);
    } catch {
      return;
    }
    await sleep(100);
  }
  try {
    process.kill(-server.pid, "SIGKILL");
  } catch {}
}

ensureBuild(env, { rebuild: flags.rebuild });
const { openStore } = await import("../../lib/store/index.ts");
const { importConfirmed } = await import("../../lib/newsletters/subscribers.ts");
const { createDigest, localClock } = await import("../../lib/newsletters/service.ts");
const { getSite } = await import("../../lib/config/site.ts");
const { getContentSource } = await import("../../lib/sources/source.ts");

const store = await openStore();
let server = null;
const rows = [];
const results = { when: new Date().toISOString(), flags, machine: { cpus: os.cpus().length, loadBefore: os.loadavg().map((x) => Math.round(x * 10) / 10) }, windows: rows };
try {
  await startPostfix({ dir: postfixDir, port: flags["smtp-port"] });
  const t0 = Date.now();
  const readers = Array.from({ length: flags.subscribers }, (_, i) => ({ email: `reader-${String(i).padStart(6, "0")}@inbox.test`, lists: [LIST] }));
  for (let i = 0; i < readers.length; i += 5000) await importConfirmed(store.db, readers.slice(i, i + 5000), "bench");
  console.log(`> ${flags.subscribers} confirmed subscribers imported in ${((Date.now() - t0) / 1000).toFixed(1)} s; Postfix on 127.0.0.1:${flags["smtp-port"]} (${memory ? "queue in /dev/shm" : "queue on disk"})`);
  // The server's own clock must not send a briefing during the run: today's and tomorrow's runs of
  // every scheduled digest are marked as done (the record runDueDigests claims).
  const site = getSite();
  for (const list of site.newsletters.filter((l) => l.kind === "digest" && l.schedule)) {
    for (const offset of [0, 24 * 3600_000]) {
      const { date } = localClock(new Date(Date.now() + offset), site.timeZone);
      await store.db.insertInto("newsletter_settings").values({ name: `digest-run:${list.id}:${date}`, value: "bench" }).onConflict((oc) => oc.column("name").doNothing()).execute();
    }
  }
  const source = getContentSource();
  const newest = (await source.listArticles({ page: 1, perPage: 1 })).items[0];
  let editions = 0;

  /** One window of wrk on the cached article, framed by two scrapes of the server's registry. */
  const measure = async (label, rate) => {
    // Full speed (the throughput: wrk's connections never wait), then a steady rate (a site that is
    // busy but not saturated: what readers wait for when the cores are not all taken).
    for (const shape of flags.steady > 0 ? ["full speed", "steady"] : ["full speed"]) {
      const before = await scrape();
      const loadStart = load();
      const started = Date.now();
      const r = await runWrk(server.url + ARTICLE, {
        threads: 2,
        connections: shape === "steady" ? STEADY_CONNECTIONS : flags.connections,
        duration: flags.duration,
        headers: BROWSER,
        pid: server.pid,
        ...(shape === "steady" ? { script: steadyScript } : {}),
      });
      const seconds = (Date.now() - started) / 1000;
      const after = await scrape();
      const row = {
        window: label,
        load: shape === "steady" ? `~${flags.steady}/s` : "full speed",
        "MAIL_RATE": rate,
        "req/s": r.reqPerSec,
        "p50 ms": r.p50,
        "p99 ms": r.p99,
        errors: r.errors,
        "server µs/req": r.cpuUs,
        "sent/s": Math.round((after.sent - before.sent) / seconds),
        "loop p99 ms": Math.round(after.lagP99 * 10) / 10,
        "loop max ms": Math.round(after.lagMax * 10) / 10,
        "load avg": `${loadStart}→${load()}`,
      };
      rows.push(row);
      console.log(`  ${label}, ${row.load}: ${r.reqPerSec} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${row["sent/s"]} sent/s, event-loop delay p99 ${row["loop p99 ms"]} ms (load ${row["load avg"]})`);
    }
  };

  /** Four seconds with no request: the server's CPU time (/proc) and the messages it sent meanwhile. */
  const sendCosts = [];
  results.sendCosts = sendCosts;
  const quietCost = async () => {
    const [cpu0, sent0, t0] = [cpuMs(server.pid), (await scrape()).sent, Date.now()];
    await sleep(4000);
    const [cpu1, sent1, t1] = [cpuMs(server.pid), (await scrape()).sent, Date.now()];
    const seconds = (t1 - t0) / 1000;
    const sent = sent1 - sent0;
    return { sentPerS: Math.round(sent / seconds), cpuMsPerS: Math.round((cpu1 - cpu0) / seconds), cpuMsPerMessage: sent > 0 ? Math.round(((cpu1 - cpu0) / sent) * 100) / 100 : null };
  };

  /** The production server with MAIL_RATE as `rate` ("default": empty, the server's 50/s), warmed up. */
  let starts = 0;
  const start = async (rate) => {
    const serverEnv = { ...env, MAIL_RATE: rate === "default" ? "" : rate };
    const nodeArgs = flags["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(flags["cpu-prof"])}`] : [];
    server = await startNext({ port: flags.port, env: serverEnv, name: `bench-newsletter-site-${++starts}`, nodeArgs });
    // Two seconds of load first, so no window measures code that is still cold.
    await runWrk(server.url + ARTICLE, { threads: 2, connections: flags.connections, duration: 2, headers: BROWSER });
    const res = await get(server.url + ARTICLE, { headers: BROWSER });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${ARTICLE} answered ${res.status}`);
  };
  const stop = async () => {
    await stopAndWait(server);
    server = null;
  };

  /**
   * A briefing to every reader, sent by the server itself. The edition is queued here while no
   * server runs (as another instance would queue it): this process never writes to the SQLite file
   * while a server runs — two processes writing to one SQLite file wait on each other's locks, which
   * is not how the server runs (one process per SQLite store; several instances share PostgreSQL),
   * and the server's sender would wait with them. The server starts and its sender sends at once;
   * the window opens once it has sent a second's worth. Then the server stops (SIGTERM: its sender
   * gives back what it held) and the rest of the edition is cancelled.
   */
  const duringSend = async (rate) => {
    // The same stories each time: the previous editions are made to cover less, so there is news.
    await store.db.updateTable("newsletter_editions").set({ covers_until: new Date(Date.parse(newest.publishedAt) - 1000).toISOString() }).execute();
    const outcome = await createDigest(store, getSite(), source, LIST, `bench-site:${++editions}`, new Date(Date.parse(newest.publishedAt) + 1000 * editions));
    if (!outcome.created || outcome.recipients !== flags.subscribers) throw new Error(`the edition was not queued for every reader: ${JSON.stringify(outcome)}`);
    await start(rate);
    const pace = rate === "default" ? 50 : Number(rate) || 400;
    const deadline = Date.now() + 30_000;
    while ((await scrape()).sent < pace) {
      if (Date.now() > deadline) throw new Error("the server did not start sending within 30 s");
      await sleep(250);
    }
    await measure(`during a send (${rate === "default" ? "MAIL_RATE unset: 50/s" : `MAIL_RATE=${rate}`})`, rate);
    // The server's CPU per message with no reader at all: what a send costs the process by itself
    // (after the windows, so that the sender's code is no longer being compiled by V8).
    const idle = await quietCost();
    console.log(`    no readers: ${idle.sentPerS} sent/s, server CPU ${idle.cpuMsPerS} ms/s — ${idle.cpuMsPerMessage} ms a message`);
    sendCosts.push({ rate, ...idle });
    await stop();
    const counts = Object.fromEntries(
      (await store.db.selectFrom("newsletter_outbox").select(["status", (eb) => eb.fn.countAll().as("n")]).where("edition_id", "=", outcome.id).groupBy("status").execute()).map((r) => [r.status, Number(r.n)]),
    );
    await store.db.updateTable("newsletter_outbox").set({ status: "cancelled", last_error: "bench: window over" }).where("edition_id", "=", outcome.id).where("status", "in", ["queued", "sending"]).execute();
    console.log(`    edition ${editions}: ${counts.sent ?? 0} sent, ${(counts.queued ?? 0) + (counts.sending ?? 0)} cancelled after the window (${counts.sending ?? 0} still held), ${counts.failed ?? 0} failed`);
  };

  console.log(`> load average ${os.loadavg().map((x) => x.toFixed(1)).join(" ")} on ${os.cpus().length} cores; wrk, ${flags.connections} connections, ${flags.duration} s windows, browser headers, ${ARTICLE}`);
  await start("default");
  const quiet = await quietCost();
  console.log(`    no readers, no send: server CPU ${quiet.cpuMsPerS} ms/s`);
  sendCosts.push({ rate: "none", ...quiet });
  await measure("alone", "—");
  await stop();
  for (const rate of rates) await duringSend(rate);
  await start("default");
  await measure("alone again", "—");
  await stop();
  // What the servers said about their sender (a store error, a refused message), for the record.
  const complaints = [];
  for (let n = 1; n <= starts; n++) {
    const log = path.join(root, "bench-results", `bench-newsletter-site-${n}.log`);
    for (const line of fs.readFileSync(log, "utf8").split("\n")) if (line.includes("[newsletters]")) complaints.push(line.slice(0, 300));
  }
  if (complaints.length) console.log(`> the servers' sender reported ${complaints.length} problems, the first: ${complaints[0]}`);
  results.senderProblems = complaints.length;

  for (const row of rows) {
    const alone = rows.find((r) => r.load === row.load);
    row["req/s ×"] = (row["req/s"] / alone["req/s"]).toFixed(2);
    row["p99 ×"] = alone["p99 ms"] ? (row["p99 ms"] / alone["p99 ms"]).toFixed(1) : "";
  }
  console.log(`\n${table(rows, ["window", "load", "req/s", "req/s ×", "p50 ms", "p99 ms", "p99 ×", "errors", "sent/s", "loop p99 ms", "loop max ms", "server µs/req", "load avg"])}`);
  results.machine.loadAfter = os.loadavg().map((x) => Math.round(x * 10) / 10);
  console.log(`\n> results: ${path.relative(root, writeResults("newsletter-site", results))}`);
} finally {
  await stopAndWait(server);
  await store.close();
  await stopPostfix(postfixDir).catch(() => {});
  fs.rmSync(postfixDir, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
}
