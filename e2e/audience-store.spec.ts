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

const start = () => startPrivateServer({ portOffset: 80, env: { DATA_DIR: dataDir, MASTHEAD_WARM_UP: "0" } });

async function report(base: string) {
  const response = await fetch(`${base}/api/audience`, { headers: TOKEN });
  expect(response.status).toBe(200);
  return (await response.json()) as { backend: string; available: boolean; mostRead: { slug: string; reads: number }[] };
}

test("reads counted without Redis survive a restart of the server, and the list still shows them", async () => {
  test.setTimeout(180_000);
  server = await start();
  const before = await report(server.base);
  expect(before.backend).toBe("store");
  expect(before.mostRead).toEqual([]);
  for (const [slug, n] of Object.entries(READS)) {
    for (let i = 0; i < n; i++) {
      const response = await fetch(`${server.base}/api/beacon`, {
        method: "POST",
        headers: { origin: server.base, "content-type": "application/x-www-form-urlencoded", "user-agent": UA },
        body: `k=read&s=${slug}`,
      });
      expect(response.status, slug).toBe(204);
    }
  }
  const expected = Object.entries(READS).map(([slug, reads]) => ({ slug, reads }));
  // The report writes what this instance gathered before it answers.
  expect((await report(server.base)).mostRead).toEqual(expected);
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
