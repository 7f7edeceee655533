#!/usr/bin/env node
/**
 * `npm run bench:newsletter` (issue 31): one briefing to N confirmed subscribers through a real
 * Postfix on 127.0.0.1 (scripts/mail/postfix.mjs), sent by the outbox worker of lib/newsletters in a
 * child process, as the server runs it. Two runs on one fresh SQLite reader data store:
 *   1. the whole briefing: messages per second, wall time, the sender's peak RSS;
 *   2. a second edition with the sender killed (SIGKILL) halfway and started again: every reader
 *      must then hold exactly two briefings — delivered = subscribers, duplicates = 0, lost = 0.
 * Deliveries are counted in Postfix's Maildir by recipient, not by what the sender believes.
 *
 *   node --import tsx scripts/bench/newsletter.mts [--subscribers 100000] [--smtp-port 2526]
 *        [--concurrency 10] [--batch 20] [--lease-ms 60000] [--disk]
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);

const LIST = "morning-briefing";

if (args[0] === "--worker") {
  // The sender, alone in its process (the parent kills it): the worker the server runs.
  const { openStore } = await import("../../lib/store/index");
  const { createSender } = await import("../../lib/newsletters/sender");
  const { startOutboxWorker } = await import("../../lib/newsletters/service");
  const { getSite } = await import("../../lib/config/site");
  const store = await openStore();
  const concurrency = Number(process.env.BENCH_CONCURRENCY);
  // One SMTP connection per message in flight, as the server's sender has.
  const sender = createSender(process.env.SMTP_URL!, 0, process.env, concurrency);
  startOutboxWorker(store, sender, () => getSite(), { concurrency, batch: Number(process.env.BENCH_BATCH), leaseMs: Number(process.env.BENCH_LEASE_MS), idleMs: 200 });
  // The sender's naps do not hold the process (in the server, its HTTP listener does): keep it
  // alive while it waits for a killed sender's rows to come back after their lease.
  setInterval(() => {}, 60_000);
  process.send?.("ready");
} else {
  const subscribers = Number(arg("subscribers", "100000"));
  const smtpPort = Number(arg("smtp-port", "2526"));
  const concurrency = Number(arg("concurrency", "10"));
  const batch = Number(arg("batch", "20"));
  const leaseMs = Number(arg("lease-ms", "60000"));
  const { startPostfix, stopPostfix, mailboxCounts, queuedMessages } = await import("../mail/postfix.mjs");
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-bench-newsletter-"));
  // Postfix's queue and Maildir in memory (/dev/shm) unless --disk: the figure is then the
  // sender's and Postfix's work, not this shared disk's fsyncs (docs/performance.md).
  const memory = !args.includes("--disk") && fs.existsSync("/dev/shm");
  const postfixDir = path.join(memory ? "/dev/shm" : os.tmpdir(), `masthead-bench-postfix-${smtpPort}`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CONTENT_SOURCE: "markdown",
    CONTENT_DIR: path.join(root, "content"),
    DATA_DIR: path.join(work, "data"),
    SITE_URL: "https://harbour-ledger.example",
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    MAIL_FROM: "newsletters@harbour-ledger.example",
    NEWSLETTER_SECRET: "bench-newsletter-secret-0123456789",
    BENCH_CONCURRENCY: String(concurrency),
    BENCH_LEASE_MS: String(leaseMs),
    BENCH_BATCH: String(batch),
  };
  Object.assign(process.env, env);
  const { openStore } = await import("../../lib/store/index");
  const { importConfirmed } = await import("../../lib/newsletters/subscribers");
  const { createDigest } = await import("../../lib/newsletters/service");
  const { getSite } = await import("../../lib/config/site");
  const { getContentSource } = await import("../../lib/sources/source");

  let worker: ChildProcess | null = null;
  let peakRss = 0;
  // The sender's CPU time (user + system, from /proc): on a shared machine, a figure that does not
  // depend on what else runs — the messages per second one core could give it.
  let cpuTicks = 0;
  const sampleCpu = () => {
    try {
      const fields = fs.readFileSync(`/proc/${worker!.pid}/stat`, "utf8").split(") ")[1].split(" ");
      cpuTicks = Number(fields[11]) + Number(fields[12]);
    } catch {}
  };
  const sampleRss = () => {
    sampleCpu();
    if (!worker?.pid) return;
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${worker.pid}/status`, "utf8"))?.[1] ?? 0);
      peakRss = Math.max(peakRss, kb * 1024);
    } catch {}
  };
  const startWorker = () =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", import.meta.filename, "--worker"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit", "ipc"] });
      worker = child;
      child.once("message", () => resolve());
      child.once("exit", (code) => reject(new Error(`the sender exited (${code}) before it was ready`)));
    });
  const stopWorker = async (signal: NodeJS.Signals) => {
    const child = worker as ChildProcess | null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill(signal);
    await exited;
    worker = null;
  };
  const delivered = () => [...mailboxCounts(mailDir).values()];
  // Progress from the outbox (an index range count; listing a Maildir of 200,000 files ten times a
  // second would cost this shared machine more than the sender does). What arrived is counted in
  // the Maildir, by recipient, once Postfix holds nothing more.
  const sentRows = async () => Number((await store.db.selectFrom("newsletter_outbox").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "=", "sent").executeTakeFirst())?.n ?? 0);
  const until = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      sampleRss();
      const child = worker as ChildProcess | null;
      if (child && (child.exitCode !== null || child.signalCode !== null)) throw new Error(`the sender exited (${child.exitCode ?? child.signalCode}) while waiting for ${what}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (${await sentRows()} sent)`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const load = () => os.loadavg().map((n) => n.toFixed(1)).join(" / ");

  let mailDir = "";
  const store = await openStore();
  try {
    ({ mailDir } = await startPostfix({ dir: postfixDir, port: smtpPort }));
    // Readers who already agreed elsewhere, imported as an editor would (no confirmation mail).
    const started = Date.now();
    const rows = Array.from({ length: subscribers }, (_, i) => ({ email: `reader-${String(i).padStart(6, "0")}@inbox.test`, lists: [LIST] }));
    for (let i = 0; i < rows.length; i += 5000) await importConfirmed(store.db, rows.slice(i, i + 5000), "bench");
    console.log(`${subscribers} confirmed subscribers imported in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // The briefing of the bundled content: "now" just after its newest story, so there is news.
    const source = getContentSource();
    const newest = (await source.listArticles({ page: 1, perPage: 1 })).items[0];
    const edition = async (key: string, offsetMs: number) => {
      const outcome = await createDigest(store, getSite(), source, LIST, key, new Date(Date.parse(newest.publishedAt) + offsetMs));
      if (!outcome.created || outcome.recipients !== subscribers) throw new Error(`edition ${key}: ${JSON.stringify(outcome)}`);
    };

    // 1. The whole briefing.
    await edition("bench:1", 1000);
    console.log(`Postfix's queue and Maildir ${memory ? "in memory (/dev/shm)" : "on disk"}; ${concurrency} messages in flight, claims of ${batch}; load average before: ${load()}`);
    let t0 = Date.now();
    await startWorker();
    await until("the first briefing", async () => (await sentRows()) >= subscribers, 30 * 60_000);
    const seconds = (Date.now() - t0) / 1000;
    sampleCpu();
    const cpuMs = (cpuTicks * 1000) / 100; // USER_HZ is 100 on Linux
    const loadDuring = load();
    await stopWorker("SIGTERM");
    await until("Postfix's queue empty", () => queuedMessages(postfixDir) === 0, 5 * 60_000);
    const first = delivered();
    console.log(
      `Run 1: ${subscribers} messages accepted by Postfix in ${seconds.toFixed(1)} s — ${Math.round(subscribers / seconds)} messages/s; sender peak RSS ${(peakRss / 1048576).toFixed(0)} MB; sender CPU ${(cpuMs / subscribers).toFixed(2)} ms a message (${Math.round(subscribers / (cpuMs / 1000))} messages per CPU-second, start-up included); in the Maildir: ${first.length} readers, ${first.reduce((a, n) => a + n, 0)} messages; load average at the end: ${loadDuring}`,
    );

    // 2. The sender killed halfway, then started again. (The next day's briefing of the same stories:
    // the first edition is made to cover less, so the second finds news again.)
    await store.db.updateTable("newsletter_editions").set({ covers_until: new Date(Date.parse(newest.publishedAt) - 1000).toISOString() }).execute();
    await edition("bench:2", 2000);
    t0 = Date.now();
    await startWorker();
    await until("half of the second briefing", async () => (await sentRows()) >= subscribers * 1.5, 30 * 60_000);
    await stopWorker("SIGKILL");
    const atKill = (await sentRows()) - subscribers;
    await startWorker();
    // Every row sent (those the killed sender held come back after their lease), then nothing left
    // in Postfix: what is in the Maildir is all there will be.
    await until("the second briefing", async () => (await sentRows()) >= subscribers * 2, 30 * 60_000);
    await stopWorker("SIGTERM");
    await until("Postfix's queue empty", () => queuedMessages(postfixDir) === 0, 5 * 60_000);
    const counts = delivered();
    const lost = counts.filter((n) => n < 2).length + (subscribers - counts.length);
    const duplicates = counts.reduce((sum, n) => sum + Math.max(0, n - 2), 0);
    console.log(
      `Run 2: killed (SIGKILL) after ${atKill} of ${subscribers}, restarted; all in ${((Date.now() - t0) / 1000).toFixed(1)} s; delivered ${counts.filter((n) => n >= 2).length} of ${subscribers}, duplicates ${duplicates}, lost ${lost}`,
    );
    // Run 1 (no kill) must be exact. After a SIGKILL, a message the server accepted a moment before
    // the kill is not yet marked and goes again (decision 0172): at most one per message in flight.
    const firstExact = first.length === subscribers && first.every((n) => n === 1);
    const failures = [
      ...(firstExact ? [] : ["run 1 did not deliver exactly one message to each reader"]),
      ...(lost === 0 ? [] : [`${lost} readers missed the second briefing`]),
      ...(duplicates <= concurrency ? [] : [`${duplicates} duplicates, more than the ${concurrency} messages in flight at the kill`]),
    ];
    for (const failure of failures) console.error(`FAILED: ${failure}`);
    process.exitCode = failures.length === 0 ? 0 : 1;
  } finally {
    await stopWorker("SIGKILL");
    await store.close();
    await stopPostfix(postfixDir).catch(() => {});
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(postfixDir, { recursive: true, force: true });
  }
}
