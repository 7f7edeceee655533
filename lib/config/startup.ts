/**
 * Checks made once when the server starts (instrumentation.ts, Node.js runtime only): refuse to run
 * with secrets too short to be safe or a TRUST_PROXY that is not a number of proxies, and verify
 * WordPress credentials when WordPress is the source; then join the revalidation bus when several
 * instances share a Redis (lib/cluster/bus.ts), and follow the markdown folder (lib/publishing/watch.ts).
 */
import { secretProblems } from "../access/secrets";
import { trustProxyProblem } from "../access/rate-limit";
import { checkWordPressCredentials } from "../sources/wordpress/startup";
import { getContentSource } from "../sources/source";
import { ensureScheduler } from "../publishing/scheduler";
import { onPublish, publish, resync } from "../publishing/publish";
import { contentInStep } from "../publishing/catch-up";
import { remoteOf } from "../publishing/content-git";
import { mailProblems } from "../newsletters/config";
import { ensureNewsletters } from "../newsletters/service";
import { afterPublish } from "../newsletters/publish-hook";
import { startBus } from "../cluster/bus";
import { startContentWatch } from "../publishing/watch";
import { contentDir } from "./site";
import { shareCounterStores } from "../cluster/rate-limit-store";
import { storeTarget } from "../store/config";
import { closeStore, getStore } from "../store";
import { isMarkdownSource } from "./env.mjs";
import { registerArticleLookup } from "../audience/register-lookup";
import { attachStore } from "../audience/aggregate.mjs";
import { processAudienceStore } from "../audience/store";
import { redisConfigured } from "../cluster/redis.mjs";
import { onShutdown, registerReadinessCheck } from "../observability/health";
import { originProblem } from "./build-origin";

export async function runStartupChecks(): Promise<void> {
  const problems = secretProblems();
  const trustProxy = trustProxyProblem();
  if (trustProxy) problems.push(trustProxy);
  problems.push(...mailProblems());
  if (process.env.NEXT_PHASE !== "phase-production-build") {
    const origin = originProblem();
    if (origin) problems.push(origin);
  }
  try {
    remoteOf();
  } catch (error) {
    problems.push((error as Error).message);
  }
  try {
    storeTarget();
  } catch (error) {
    problems.push((error as Error).message);
  }
  if (problems.length) {
    console.error(`Masthead cannot start:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    process.exit(1);
  }
  await checkWordPressCredentials();
  // Open the markdown content index before the first reader arrives (milliseconds at any size;
  // when it is missing or stale it is brought up to date here, loudly — docs/decisions/0080), so
  // readiness means ready. Invalid content stops the server here.
  if (isMarkdownSource()) {
    await getContentSource().listArticles({ perPage: 1 });
  }
  if (process.env.NEXT_PHASE !== "phase-production-build") {
    // /readyz (server/health.ts): the content source answers — for markdown, its index is
    // open and readable; for WordPress, the site answers or its last good answers are at hand.
    registerReadinessCheck("content", async () => {
      await getContentSource().listArticles({ perPage: 1 });
    });
    ensureScheduler(getContentSource());
    // Several instances (REDIS_URL): failed-secret counts and preview revocations in Redis, and the
    // revalidations the other instances receive.
    shareCounterStores();
    // A peer's publish may name a commit: this instance's content clone is brought to it first
    // (content on several machines, lib/publishing/content-git.ts); while it cannot be, /readyz is 503.
    registerReadinessCheck("content-in-step", () => contentInStep());
    await startBus((change, plan, commit) => publish(change, { via: "peer", plan, commit }), resync);
    // The markdown folder followed: a saved file is published as a webhook for it would be.
    if (isMarkdownSource()) startContentWatch(contentDir());
    // The reader data store: opened and migrated before the first reader (docs/decisions/0160). A
    // database that cannot be reached is reported and retried at its next use; pages never need it.
    await getStore().then(
      (store) => console.log(`Reader data store: ${store.describe}`),
      (error) => console.error(`Reader data store unavailable: ${(error as Error).message}`),
    );
    // Newsletters (SMTP_URL): the sender draining the outbox and the daily digests' clock (issue 31).
    await ensureNewsletters().catch((error) => console.error(`Newsletters not started: ${(error as Error).message}`));
    // Breaking-news alerts: an `alert: true` article that just went live is mailed once (the store
    // keeps the record by article, so every instance may ask).
    onPublish((event) => (event.wentLive && event.article?.after ? afterPublish(event.article.after) : undefined));
    // The beacon endpoint (server/beacon.ts) counts reads of visible articles only. Without
    // Redis, the counts go to the reader data store (SQLite in DATA_DIR, or a shared PostgreSQL), so
    // they survive a restart and instances sharing PostgreSQL see one ranking (docs/decisions/0181).
    registerArticleLookup();
    if (!redisConfigured()) attachStore(processAudienceStore());
    // SIGTERM (server/shutdown.ts): closed after every flush, once no request needs it.
    onShutdown("store", closeStore, { stage: "close" });
  }
}
