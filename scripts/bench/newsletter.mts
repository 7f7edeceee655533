#!/usr/bin/env node
/**
 * `npm run bench:newsletter` (issue 31): one briefing to N confirmed subscribers through a real
 * Postfix on 127.0.0.1 (scripts/mail/postfix.mjs), sent by the outbox worker of lib/newsletters in a
 * child process, as the server runs it. Two runs on one fresh SQLite reader data store:
 *   1. the whole briefing: messages per second, wall time, the sender's peak RSS;
 *   2. a second edition with the sender killed (SIGKILL) halfway and started again: every reader
 *      must then hold exactly two briefings — delivered = subscribers, duplicates = 0, lost = 0.
 * Deliveries are counted in each reader's Maildir, not by what the sender believes. A message the
 * killed sender handed over just before the kill goes again on restart with its Message-ID (the
 * outbox is at-least-once, decisions 0172 and 0192); the mail server keeps such a copy out of the
 * reader's inbox (decision 0195), and the bench counts those copies too ("sent twice").
 *
 * While the sender runs, Postfix holds what it accepts (the access action HOLD) and delivers it all
 * once the sender is done: the timed figure is the sender's hand-over to a local Postfix, without the
 * mailbox side — the readers' providers' work, on other machines in production — taking this
 * machine's two cores from it. `--deliver-during` delivers as messages arrive instead.
 *
 *   node --import tsx scripts/bench/newsletter.mts [--subscribers 100000] [--smtp-port 2526]
 *        [--concurrency 10] [--batch 20] [--lease-ms 60000] [--disk] [--deliver-during]
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
  const { startPostfix, stopPostfix, holdDeliveries, mailboxCounts, duplicateCounts, queuedMessages } = await import("../mail/postfix.mjs");
  const hold = !args.includes("--deliver-during");
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
  const sentTwice = () => [...duplicateCounts(mailDir).values()].reduce((a, n) => a + n, 0);
  // Progress from the outbox (an index range count; listing 100,000 Maildirs ten times a second
  // would cost this shared machine more than the sender does). What arrived is counted in the
  // Maildirs, by reader, once Postfix holds nothing more.
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
  // Releases what Postfix held and waits until it holds nothing: then the Maildirs are all there will be.
  const drain = async () => {
    const started = Date.now();
    if (hold) holdDeliveries(postfixDir, false);
    await until("Postfix's queue empty", () => queuedMessages(postfixDir) === 0, 30 * 60_000).catch((error) => {
      // Name why: the last deferral Postfix logged (e.g. the mailbox side refusing with a 4xx).
      const deferred = fs.readFileSync(path.join(postfixDir, "postfix.log"), "utf8").split("\n").filter((l) => l.includes("status=deferred")).pop();
      throw new Error(`${error.message}${deferred ? `; last deferral: ${deferred}` : ""}`);
    });
    return hold ? `, delivered from the hold queue in ${((Date.now() - started) / 1000).toFixed(1)} s` : "";
  };

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
    console.log(`Postfix's queue and Maildirs ${memory ? "in memory (/dev/shm)" : "on disk"}; ${hold ? "deliveries held while the sender runs" : "delivered as they arrive"}; ${concurrency} messages in flight, claims of ${batch}; load average before: ${load()}`);
    if (hold) holdDeliveries(postfixDir, true);
    let t0 = Date.now();
    await startWorker();
    await until("the first briefing", async () => (await sentRows()) >= subscribers, 30 * 60_000);
    const seconds = (Date.now() - t0) / 1000;
    sampleCpu();
    const cpuMs = (cpuTicks * 1000) / 100; // USER_HZ is 100 on Linux
    const loadDuring = load();
    await stopWorker("SIGTERM");
    const drained = await drain();
    const first = delivered();
    const firstTwice = sentTwice();
    console.log(
      `Run 1: ${subscribers} messages accepted by Postfix in ${seconds.toFixed(1)} s — ${Math.round(subscribers / seconds)} messages/s; sender peak RSS ${(peakRss / 1048576).toFixed(0)} MB; sender CPU ${(cpuMs / subscribers).toFixed(2)} ms a message (${Math.round(subscribers / (cpuMs / 1000))} messages per CPU-second, start-up included); in the inboxes: ${first.length} readers, ${first.reduce((a, n) => a + n, 0)} messages (${firstTwice} sent twice)${drained}; load average at the end: ${loadDuring}`,
    );

    // 2. The sender killed halfway, then started again. (The next day's briefing of the same stories:
    // the first edition is made to cover less, so the second finds news again.)
    await store.db.updateTable("newsletter_editions").set({ covers_until: new Date(Date.parse(newest.publishedAt) - 1000).toISOString() }).execute();
    await edition("bench:2", 2000);
    if (hold) holdDeliveries(postfixDir, true);
    t0 = Date.now();
    await startWorker();
    await until("half of the second briefing", async () => (await sentRows()) >= subscribers * 1.5, 30 * 60_000);
    await stopWorker("SIGKILL");
    const atKill = (await sentRows()) - subscribers;
    await startWorker();
    // Every row sent (those the killed sender held come back after their lease), then nothing left
    // in Postfix: what is in the Maildir is all there will be.
    await until("the second briefing", async () => (await sentRows()) >= subscribers * 2, 30 * 60_000);
    const sendSeconds = (Date.now() - t0) / 1000;
    await stopWorker("SIGTERM");
    await drain();
    const counts = delivered();
    const lost = counts.filter((n) => n < 2).length + (subscribers - counts.length);
    const duplicates = counts.reduce((sum, n) => sum + Math.max(0, n - 2), 0);
    const twice = sentTwice();
    console.log(
      `Run 2: killed (SIGKILL) after ${atKill} of ${subscribers}, restarted; all sent in ${sendSeconds.toFixed(1)} s; delivered ${counts.filter((n) => n >= 2).length} of ${subscribers}, duplicates in an inbox ${duplicates}, lost ${lost}; sent twice and kept out of the inbox by the mail server: ${twice}`,
    );
    // Run 1 (no kill) must be exact, on the wire too. After a SIGKILL, a message the server accepted a
    // moment before the kill is not yet marked and goes again (decision 0172): at most one per
    // message in flight, and never into an inbox that has it (decision 0195).
    const firstExact = first.length === subscribers && first.every((n) => n === 1) && firstTwice === 0;
    const failures = [
      ...(firstExact ? [] : ["run 1 did not deliver exactly one message to each reader"]),
      ...(lost === 0 ? [] : [`${lost} readers missed the second briefing`]),
      ...(duplicates === 0 ? [] : [`${duplicates} duplicates in readers' inboxes`]),
      ...(twice <= concurrency ? [] : [`${twice} messages sent twice, more than the ${concurrency} in flight at the kill`]),
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
