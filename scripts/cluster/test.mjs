#!/usr/bin/env node
// `npm run test:cluster`: several instances, one site (issue 16), on real parts over loopback.
//   1. installs what is missing (apt-get install -y redis-server varnish varnish-modules);
//   2. reuses the production build `npm test` left when it was made for the same environment
//      (e2e/env.json) and is newer than the code, else builds in a private copy of the checkout (as
//      scripts/wordpress/ci.sh does), so the build in .next is never replaced behind anyone's back;
//   3. runs the unit tests of lib/cluster and the read counts (lib/audience) against a real Redis;
//   4. makes the newsroom's content repository (a bare git repository holding a copy of content/,
//      and the newsroom's clone the specs write and push through) and one clone of it per instance,
//      as on two machines (docs/deploy.md §7, docs/decisions/0210);
//   5. starts Redis (:6390), two Masthead instances (:3001, :3002; same build, REDIS_URL and
//      EDGE_PURGE_URL set, each its own CONTENT_DIR clone, publishing by webhook naming a commit)
//      and Varnish (:6081) with deploy/varnish/default.vcl;
//   6. runs e2e-cluster/ (Playwright, Chromium) against them;
//   7. stops every process it started, by PID, whatever happened.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { buildFingerprint } from "../build-fingerprint.mjs";
import { ensureBrowser } from "../browser.mjs";
import { EDGE_PURGE_SECRET, PORTS, ensurePackages, root, startMasthead, startRedis, startVarnish, stateDir, stopAll, stopAllSync, waitForVarnishBackends } from "./services.mjs";

const e2e = JSON.parse(fs.readFileSync(path.join(root, "e2e", "env.json"), "utf8"));
const PRIVATE_BUILD = process.env.MASTHEAD_CLUSTER_BUILD_DIR || "/tmp/masthead-cluster-build";

/** git with a fixed identity for the newsroom's commits; never a shell. */
function git(cwd, ...args) {
  const result = spawnSync("git", ["-c", "user.name=Cluster newsroom", "-c", "user.email=newsroom@example.org", ...args], { cwd, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout.trim();
}

/**
 * The content on two machines: a bare repository (the newsroom's remote), the newsroom's clone the
 * specs edit, commit and push in, and one clone per instance — each instance's CONTENT_DIR, fetched
 * by the instance itself when a publish names a commit. The content index is copied into each clone
 * when the checkout has one (it is rebuilt otherwise), so the instances start as fast as before.
 */
function makeContentRepository() {
  const repo = path.join(stateDir, "newsroom.git");
  const newsroom = path.join(stateDir, "newsroom");
  fs.cpSync(path.join(root, "content"), newsroom, { recursive: true, filter: (src) => path.basename(src) !== ".masthead" });
  fs.writeFileSync(path.join(newsroom, ".gitignore"), ".masthead/\n");
  git(stateDir, "init", "-q", "--bare", "-b", "main", repo);
  git(newsroom, "init", "-q", "-b", "main");
  git(newsroom, "add", "-A");
  git(newsroom, "commit", "-q", "-m", "The sample newsroom");
  git(newsroom, "remote", "add", "origin", repo);
  git(newsroom, "push", "-q", "-u", "origin", "main");
  const contentDirs = {};
  for (const name of ["a", "b"]) {
    const dir = path.join(stateDir, `content-${name}`);
    git(stateDir, "clone", "-q", repo, dir);
    const index = path.join(root, "content", ".masthead");
    if (fs.existsSync(index)) fs.cpSync(index, path.join(dir, ".masthead"), { recursive: true });
    contentDirs[name] = dir;
  }
  return { repo, newsroom, contentDirs };
}

function run(title, command, args, options = {}) {
  console.log(`> ${title}`);
  const result = spawnSync(command, args, { stdio: "inherit", ...options });
  if (result.status !== 0) throw new Error(`${title} failed (exit ${result.status})`);
}

/**
 * The directory holding a build for e2e/env.json. The project's scripts leave such a build in .next
 * (npm test, the benchmarks) and remove `npm start`'s stamp when they do; a build made by `npm start`
 * for another environment keeps its stamp. Reused when no watched code changed after it (the rule
 * of scripts/bench/lib.mjs buildIsFresh; not imported, its signal handlers would exit before our
 * cleanup); otherwise a private copy of the checkout is built.
 */
const freshBuildIn = (dir) => {
  const id = path.join(dir, ".next", "BUILD_ID");
  return fs.existsSync(id) && fs.statSync(id).mtimeMs >= buildFingerprint(root).code;
};

function buildDir() {
  if (freshBuildIn(root) && !fs.existsSync(path.join(root, ".next", "masthead-build.json"))) {
    console.log("> Reusing the production build in .next (made for e2e/env.json, newer than the code)");
    return root;
  }
  if (freshBuildIn(PRIVATE_BUILD)) {
    console.log(`> Reusing the cluster build in ${PRIVATE_BUILD} (newer than the code)`);
    return PRIVATE_BUILD;
  }
  console.log(`> Building for the cluster in ${PRIVATE_BUILD} (no build for e2e/env.json in .next)`);
  fs.rmSync(PRIVATE_BUILD, { recursive: true, force: true });
  fs.mkdirSync(PRIVATE_BUILD, { recursive: true });
  run("Copying the checkout", "sh", ["-c", `tar -C "${root}" --exclude=./node_modules --exclude=./.next --exclude=./test-results --exclude=./.git -cf - . | tar -C "${PRIVATE_BUILD}" -xf -`]);
  // Turbopack refuses a node_modules symlinked from outside the project: hard links cost nothing.
  run("Linking node_modules", "sh", ["-c", `cp -al "${root}/node_modules" "${PRIVATE_BUILD}/node_modules" 2>/dev/null || cp -a "${root}/node_modules" "${PRIVATE_BUILD}/node_modules"`]);
  run("Production build (e2e environment)", process.execPath, [path.join(PRIVATE_BUILD, "scripts", "build.mjs")], {
    cwd: PRIVATE_BUILD,
    env: { ...process.env, ...e2e.env },
  });
  return PRIVATE_BUILD;
}

async function main() {
  ensurePackages();
  // The unit tests against a real Redis (they skip in `npm test` on a machine without redis-server).
  run("Unit tests against a real Redis (lib/cluster, the read counts)", path.join(root, "node_modules", ".bin", "vitest"), ["run", "lib/cluster", "lib/audience/aggregate-redis.test.ts"], {
    cwd: root,
    env: { ...process.env, MASTHEAD_REQUIRE_REDIS: "1" },
  });
  const browser = ensureBrowser();
  const dir = buildDir();

  fs.rmSync(stateDir, { recursive: true, force: true });
  fs.mkdirSync(stateDir, { recursive: true });
  const { repo, newsroom, contentDirs } = makeContentRepository();

  const instanceEnv = {
    ...e2e.env,
    // As on several machines (docs/deploy.md §7): content changes arrive by git and a webhook
    // naming the commit, never by a file saved into one machine's folder.
    CONTENT_WATCH: "0",
    REDIS_URL: `redis://127.0.0.1:${PORTS.redis}`,
    EDGE_PURGE_URL: `http://127.0.0.1:${PORTS.varnish}/`,
    EDGE_PURGE_SECRET,
    TRUST_PROXY: "1",
    // As in production: no x-masthead-cache header (the e2e suite turns it on).
    MASTHEAD_DEBUG_HEADERS: "0",
  };
  // Each instance serves its metrics on a loopback listener of its own (issue 29: e2e-cluster/operations.spec.ts).
  const instances = {
    a: { port: PORTS.a, env: { ...instanceEnv, CONTENT_DIR: contentDirs.a, METRICS_PORT: String(PORTS.metricsA) } },
    b: { port: PORTS.b, env: { ...instanceEnv, CONTENT_DIR: contentDirs.b, METRICS_PORT: String(PORTS.metricsB) } },
  };
  // The specs write content through `newsroom` (e2e-cluster/support/newsroom.ts): edit, commit,
  // push to `repo`, then a webhook naming the commit.
  fs.writeFileSync(path.join(stateDir, "cluster.json"), JSON.stringify({ buildDir: dir, repo, newsroom, contentDirs, env: instanceEnv, instances }));

  console.log("> Starting Redis, two Masthead instances and Varnish on loopback");
  await startRedis();
  await Promise.all([
    startMasthead("a", { port: instances.a.port, dir, env: instances.a.env }),
    startMasthead("b", { port: instances.b.port, dir, env: instances.b.env }),
  ]);
  await startVarnish({ proxyPort: PORTS.varnishProxy });
  await waitForVarnishBackends(2);

  const result = spawnSync(path.join(root, "node_modules", ".bin", "playwright"), ["test", "-c", path.join(root, "e2e-cluster", "playwright.config.ts"), ...process.argv.slice(2)], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, CHROMIUM_PATH: browser, MASTHEAD_CLUSTER_DIR: stateDir },
  });
  return result.status ?? 1;
}

let code = 1;
process.on("exit", stopAllSync);
const cleanup = async () => {
  await stopAll();
};
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    await cleanup();
    process.exit(130);
  });
}
try {
  code = await main();
} catch (error) {
  console.error(`✖ test:cluster: ${error instanceof Error ? error.message : error}`);
  for (const name of ["a", "b", "varnish", "redis", "prometheus"]) {
    const log = path.join(stateDir, `${name}.log`);
    if (fs.existsSync(log)) console.error(`--- ${name}.log (last lines)\n${fs.readFileSync(log, "utf8").split("\n").slice(-15).join("\n")}`);
  }
  code = 1;
} finally {
  await cleanup();
}
process.exit(code);
