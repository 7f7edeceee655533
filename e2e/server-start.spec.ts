/**
 * The production server as an operator starts it (server/main.ts over a copy of the build): what it
 * prints, and the answers it makes itself before Next, which must carry the served build's headers.
 */
import { expect, test } from "@playwright/test";
import { startPrivateServer, type PrivateServer } from "./support/private-server";

let server: PrivateServer;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startPrivateServer({ portOffset: 75 });
});
test.afterAll(() => server?.stop());

test("starts with no warning an operator would read as an error", async () => {
  await expect.poll(() => server.log()).toContain("Masthead ready");
  expect(server.log()).not.toMatch(/does not work with|⚠/i);
  // One JSON line per event (lib/observability/log.mjs): nothing at warn or worse, but for the copied
  // content folder's index, brought up to date for its new place (expected here, not in a deployment).
  const lines = server.log().split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as { level: string; msg: string });
  const problems = lines.filter((l) => l.level !== "info" && l.level !== "debug" && !/^Content index .* was made for another folder/.test(l.msg));
  expect(problems).toEqual([]);
  expect(lines.map((l) => l.msg).join("\n")).not.toMatch(/\u001b\[/);
});

test("its own answers (400, 405, 301) carry the site-wide security headers of the pages", async ({ request }) => {
  const page = await request.get(`${server.base}/about`);
  expect(page.status()).toBe(200);
  const site = page.headers();
  // The page's policy with its script hashes taken out is the site-wide one the own answers send.
  const sitePolicy = site["content-security-policy"].replace(/ 'sha256-[^']+'/g, "");
  const answers = [
    await request.get(`${server.base}/%E0%A4%A`),
    await request.fetch(`${server.base}/about`, { method: "TRACE" }),
    await request.get(`${server.base}/about/`, { maxRedirects: 0 }),
  ];
  expect(answers.map((a) => a.status())).toEqual([400, 405, 301]);
  for (const answer of answers) {
    const headers = answer.headers();
    expect(headers["content-security-policy"].replace(/ 'sha256-[^']+'/g, "")).toBe(sitePolicy);
    for (const name of ["x-content-type-options", "x-frame-options", "referrer-policy", "permissions-policy"]) expect(headers[name], name).toBe(site[name]);
  }
});

test("refuses to serve a build made for another origin, saying why", async () => {
  // The e2e build is made for https://harbour-ledger.example (e2e/env.json).
  const started = startPrivateServer({ portOffset: 76, env: { SITE_URL: "https://elsewhere.example" } });
  await expect(started).rejects.toThrow(/Masthead cannot start[\s\S]*this build was made for https:\/\/harbour-ledger\.example, but the site's URL is now https:\/\/elsewhere\.example/);
});
