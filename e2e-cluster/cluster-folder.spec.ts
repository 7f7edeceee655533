/**
 * Content on two machines (issue 29): instances A and B each have their own content folder, a clone
 * of the newsroom's repository (scripts/cluster/test.mjs). The newsroom commits and pushes
 * (./support/newsroom.ts), then one webhook to any instance names the commit: that instance fetches
 * it into its clone, reloads and tells the other, which does the same (docs/decisions/0210). Runs
 * before cluster.spec.ts (which stops Redis and kills A): files run in name order, one at a time.
 */
import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { cluster, git, headOf, newsroom } from "./support/newsroom";

const stateDir = process.env.MASTHEAD_CLUSTER_DIR || "/tmp/masthead-cluster";
const BASES = { a: "http://127.0.0.1:3001", b: "http://127.0.0.1:3002", edge: "http://127.0.0.1:6081" };
const METRICS = { a: "http://127.0.0.1:9262/metrics", b: "http://127.0.0.1:9263/metrics" };
const HEADERS = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "accept-encoding": "br, gzip" };
type Place = keyof typeof BASES;

const html = async (base: string, pathname: string) => {
  const response = await fetch(base + pathname, { headers: HEADERS, redirect: "manual", signal: AbortSignal.timeout(15_000) });
  return { status: response.status, text: await response.text(), cacheControl: response.headers.get("cache-control") ?? "" };
};

async function webhook(base: string, body: object): Promise<{ status: number; json: { error?: string; tags?: string[] }; timing: string }> {
  const response = await fetch(`${base}/api/revalidate`, {
    method: "POST",
    headers: { authorization: `Bearer ${cluster.env.REVALIDATE_SECRET}`, "content-type": "application/json" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, json: await response.json(), timing: response.headers.get("server-timing") ?? "" };
}

/** Polls each place until `ok`; returns how long after `since` each first answered so (for docs/performance.md). */
async function reach(places: Place[], pathname: string, ok: (p: { status: number; text: string }) => boolean, since: number, timeout = 30_000) {
  const reached: Partial<Record<Place, number>> = {};
  await expect
    .poll(
      async () => {
        for (const name of places) if (!(name in reached) && ok(await html(BASES[name], pathname))) reached[name] = Date.now() - since;
        return Object.keys(reached).sort();
      },
      { intervals: [50, 100, 200], timeout },
    )
    .toEqual([...places].sort());
  return reached as Record<Place, number>;
}

async function metric(instance: "a" | "b", name: string): Promise<number> {
  const text = await (await fetch(METRICS[instance], { signal: AbortSignal.timeout(5_000) })).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : Number.NaN;
}

async function readiness(base: string): Promise<{ status: number; checks: Record<string, boolean> }> {
  const response = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(5_000) });
  return { status: response.status, checks: ((await response.json()) as { checks?: Record<string, boolean> }).checks ?? {} };
}

/**
 * Each publish expires its pages once more SETTLE_MS (2 s) later, edge purge included
 * (lib/publishing/publish.ts, decision 0131): waits until neither instance has one still to come, so
 * it never lands in the middle of the next spec (cluster.spec.ts counts on a quiet edge).
 */
async function settled() {
  await expect.poll(async () => [await metric("a", "masthead_publish_settling"), await metric("b", "masthead_publish_settling")], { timeout: 30_000 }).toEqual([0, 0]);
}

/** Both instances ready and Varnish's probes seeing both healthy again. */
async function bothInRotation() {
  await expect.poll(async () => [(await readiness(BASES.a)).status, (await readiness(BASES.b)).status], { timeout: 30_000 }).toEqual([200, 200]);
  await expect
    .poll(() => (execFileSync("varnishadm", ["-n", path.join(stateDir, "varnish"), "backend.list"], { encoding: "utf8" }).match(/\bhealthy\b/gi) ?? []).length, { timeout: 30_000 })
    .toBeGreaterThanOrEqual(2);
}

const story = (slug: string, title: string) =>
  `---\ntitle: ${title}\nsection: news/local\nauthors: [ines-calloway]\npublishedAt: ${new Date(Date.now() - 60_000).toISOString()}\n---\nA story the newsroom pushed to its repository.\n`;

test.afterEach(async () => {
  await settled();
});

test("a commit pushed and named by one webhook is live on A, B and the edge, each from its own folder; an edit and a deletion follow", async () => {
  const slug = `cluster-git-${Date.now()}`;
  const relative = `articles/${slug}.md`;
  const url = `/news/local/${slug}`;
  expect(cluster.contentDirs.a).not.toBe(cluster.contentDirs.b);

  let commit = newsroom.commit({ [relative]: story(slug, "Pushed to the newsroom repository") });
  let since = Date.now();
  const answer = await webhook(BASES.a, { slug, commit });
  expect(answer.status).toBe(200);
  // The webhook's own account: the git step is "sync".
  expect(answer.timing).toMatch(/\bsync;dur=[\d.]+/);
  const created = await reach(["a", "b", "edge"], url, (p) => p.status === 200 && p.text.includes("Pushed to the newsroom repository"), since);
  console.log(`commit named by a webhook on A → new story served: A ${created.a} ms, B ${created.b} ms, edge ${created.edge} ms (from the webhook call; A: ${answer.timing})`);
  test.info().annotations.push({ type: "publish-to-fresh", description: JSON.stringify(created) });
  // Each instance fetched the commit into its own clone.
  expect([headOf("a"), headOf("b")]).toEqual([commit, commit]);
  await reach(["a", "b", "edge"], "/", (p) => p.text.includes("Pushed to the newsroom repository"), since);

  // An edit, announced to B this time.
  for (const base of Object.values(BASES)) expect((await html(base, url)).text).toContain("Pushed to the newsroom repository");
  commit = newsroom.commit({ [relative]: story(slug, "Edited in the newsroom") });
  since = Date.now();
  expect((await webhook(BASES.b, { slug, commit })).status).toBe(200);
  const edited = await reach(["a", "b", "edge"], url, (p) => p.text.includes("Edited in the newsroom"), since);
  console.log(`edit → fresh page: A ${edited.a} ms, B ${edited.b} ms, edge ${edited.edge} ms`);

  commit = newsroom.commit({ [relative]: null });
  since = Date.now();
  expect((await webhook(BASES.a, { slug, commit })).status).toBe(200);
  const removed = await reach(["a", "b", "edge"], url, (p) => p.status === 404 || p.status === 410, since);
  console.log(`deletion → 404: A ${removed.a} ms, B ${removed.b} ms, edge ${removed.edge} ms`);
  expect([headOf("a"), headOf("b")]).toEqual([commit, commit]);
});

test("an instance that cannot fetch the commit keeps serving its copy out of rotation, and catches up by itself", async () => {
  const slug = `cluster-git-fetch-${Date.now()}`;
  const relative = `articles/${slug}.md`;
  const url = `/news/local/${slug}`;
  let commit = newsroom.commit({ [relative]: story(slug, "The first version of the story") });
  expect((await webhook(BASES.a, { slug, commit })).status).toBe(200);
  await reach(["a", "b", "edge"], url, (p) => p.status === 200 && p.text.includes("The first version of the story"), Date.now());
  await settled();

  // B's remote becomes unreachable (a network or credentials problem on that machine).
  const remote = git(cluster.contentDirs.b, "remote", "get-url", "origin");
  git(cluster.contentDirs.b, "remote", "set-url", "origin", path.join(stateDir, "unreachable.git"));
  try {
    commit = newsroom.commit({ [relative]: story(slug, "The second version of the story") });
    expect((await webhook(BASES.a, { slug, commit })).status).toBe(200);
    await reach(["a"], url, (p) => p.text.includes("The second version of the story"), Date.now());
    // B says so on /readyz (Varnish's probe takes it out of rotation) and in its metrics…
    await expect.poll(async () => (await readiness(BASES.b)).checks["content-in-step"], { timeout: 15_000 }).toBe(false);
    expect((await readiness(BASES.b)).status).toBe(503);
    expect(await metric("b", "masthead_content_behind")).toBe(1);
    // …and keeps answering whoever asks it, never an error (its own copy, or a page A rendered into
    // the shared cache), while its folder stays where it was.
    const meanwhile = await html(BASES.b, url);
    expect(meanwhile.status).toBe(200);
    expect(meanwhile.text).toMatch(/The (first|second) version of the story/);
    // …that no cache in front may keep: were the edge to fetch from B before the probe takes B out,
    // B's old copy must not stay there once the probe has (decision 0194).
    expect(meanwhile.cacheControl).toMatch(/\bno-store\b/);
    expect(headOf("b")).not.toBe(commit);
    // Readers through the edge get A's fresh page.
    await reach(["edge"], url, (p) => p.text.includes("The second version of the story"), Date.now());
    // A webhook to B itself cannot be applied there: refused with a 4xx that says why, not a 5xx.
    const refused = await webhook(BASES.b, { slug, commit });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatch(/^Fetching from "origin" failed: .* This instance still serves its current content \(commit [0-9a-f]{40}\)\.$/);
  } finally {
    git(cluster.contentDirs.b, "remote", "set-url", "origin", remote);
  }
  // The remote is back: B's retries (1 s, 2 s, 4 s… at most 30 s apart) bring the commit, publish what it missed, and B returns.
  await expect.poll(() => headOf("b"), { timeout: 60_000 }).toBe(commit);
  await expect.poll(() => metric("b", "masthead_content_behind"), { timeout: 15_000 }).toBe(0);
  await reach(["b"], url, (p) => p.text.includes("The second version of the story"), Date.now());
  await bothInRotation();
  await reach(["edge"], url, (p) => p.text.includes("The second version of the story"), Date.now());
});

test("a late webhook naming an older commit moves no instance back; a malformed or unknown commit gets a 4xx", async () => {
  const slug = `cluster-git-order-${Date.now()}`;
  const relative = `articles/${slug}.md`;
  const url = `/news/local/${slug}`;
  const older = newsroom.commit({ [relative]: story(slug, "The older headline") });
  const newer = newsroom.commit({ [relative]: story(slug, "The newer headline") });
  expect((await webhook(BASES.a, { slug, commit: newer })).status).toBe(200);
  await reach(["a", "b", "edge"], url, (p) => p.text.includes("The newer headline"), Date.now());

  // The older commit's webhook arrives late (a retry of the CMS, messages crossing): nothing moves back.
  expect((await webhook(BASES.b, { slug, commit: older })).status).toBe(200);
  expect([headOf("a"), headOf("b")]).toEqual([newer, newer]);
  for (const place of ["a", "b", "edge"] as const) expect((await html(BASES[place], url)).text, place).toContain("The newer headline");

  for (const commit of ["abc123", newer.toUpperCase(), `${newer}0`, "HEAD", "--upload-pack=touch /tmp/x"]) {
    const answer = await webhook(BASES.a, { slug, commit });
    expect(answer.status, commit).toBe(400);
    expect(answer.json.error).toMatch(/"commit" must be a full commit id/);
  }
  const unknown = await webhook(BASES.b, { slug, commit: "0".repeat(40) });
  expect(unknown.status).toBe(409);
  expect(unknown.json.error).toMatch(/has no commit 0{40} \(was it pushed\?\)/);
  // Neither refusal took an instance out of rotation.
  expect([(await readiness(BASES.a)).status, (await readiness(BASES.b)).status]).toEqual([200, 200]);
});
