/**
 * Issue 28 in the cluster: a file saved into the content folder of instance A (the instances share
 * one copy here, as cluster.json says) is published by the folder watch and reaches A, B and the
 * edge — no webhook, no restart. Runs before cluster.spec.ts (which stops Redis and kills A): files
 * run in name order, one at a time.
 */
import { expect, test } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";

const stateDir = process.env.MASTHEAD_CLUSTER_DIR || "/tmp/masthead-cluster";
const cluster = JSON.parse(fs.readFileSync(path.join(stateDir, "cluster.json"), "utf8")) as { contentDir: string };
const BASES = { a: "http://127.0.0.1:3001", b: "http://127.0.0.1:3002", edge: "http://127.0.0.1:6081" };
const HEADERS = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "accept-encoding": "br, gzip" };

const html = async (base: string, pathname: string) => {
  const response = await fetch(base + pathname, { headers: HEADERS, redirect: "manual", signal: AbortSignal.timeout(15_000) });
  return { status: response.status, text: await response.text() };
};

/** Polls each place until `ok`; returns how long after `since` each first answered so (for docs/performance.md). */
async function reachEverywhere(pathname: string, ok: (p: { status: number; text: string }) => boolean, since: number) {
  const reached: Record<string, number> = {};
  await expect
    .poll(
      async () => {
        for (const [name, base] of Object.entries(BASES)) if (!(name in reached) && ok(await html(base, pathname))) reached[name] = Date.now() - since;
        return Object.keys(reached).sort();
      },
      { intervals: [50, 100, 200], timeout: 30_000 },
    )
    .toEqual(["a", "b", "edge"]);
  return reached;
}

test("a file saved into A's folder is live on A, B and the edge; an edit and a deletion follow", async () => {
  const slug = `cluster-folder-${Date.now()}`;
  const file = path.join(cluster.contentDir, "articles", `${slug}.md`);
  const url = `/news/local/${slug}`;
  const write = (title: string) =>
    fs.writeFileSync(file, `---\ntitle: ${title}\nsection: news/local\nauthors: [ines-calloway]\npublishedAt: ${new Date(Date.now() - 60_000).toISOString()}\n---\nA story saved straight into the folder.\n`);

  let since = Date.now();
  write("Saved into the folder on A");
  const created = await reachEverywhere(url, (p) => p.status === 200 && p.text.includes("Saved into the folder on A"), since);
  console.log(`new file → 200 with its title: A ${created.a} ms, B ${created.b} ms, edge ${created.edge} ms`);
  // The home page follows on every instance and at the edge.
  await reachEverywhere("/", (p) => p.text.includes("Saved into the folder on A"), since);

  // Cached everywhere now; an edit purges them all.
  for (const base of Object.values(BASES)) expect((await html(base, url)).text).toContain("Saved into the folder on A");
  since = Date.now();
  write("Edited in the folder on A");
  const edited = await reachEverywhere(url, (p) => p.text.includes("Edited in the folder on A"), since);
  console.log(`edit → fresh page: A ${edited.a} ms, B ${edited.b} ms, edge ${edited.edge} ms`);

  since = Date.now();
  fs.rmSync(file);
  const removed = await reachEverywhere(url, (p) => p.status === 404 || p.status === 410, since);
  console.log(`deletion → 404: A ${removed.a} ms, B ${removed.b} ms, edge ${removed.edge} ms`);
  // Each instance applies a publish's plan once more SETTLE_MS (2 s) after it, edge purge included
  // (lib/publishing/publish.ts, decision 0131): let that happen here, not in the middle of the next
  // file's first test (cluster.spec.ts counted on a quiet edge and failed after this one).
  await new Promise((resolve) => setTimeout(resolve, 3_000));
});
