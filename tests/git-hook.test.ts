/**
 * deploy/git-hooks/post-merge (issue 28): a `git pull` into the clone the server reads publishes the
 * content files it changed through the webhook, each call naming the pulled commit — so on several
 * machines every instance fetches that commit into its own clone before reloading (docs/decisions/0210,
 * 0301). Real git (a newsroom's repository, a pushing clone, the server's clone with the hook); the
 * webhook is a stand-in that records what it is asked (what the server does with a commit is in
 * lib/publishing/publish-git.test.ts and e2e-cluster/cluster-folder.spec.ts).
 */
import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-hook-"));
const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.name=Newsroom", "-c", "user.email=desk@harbour-ledger.example", ...args], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
const story = (title: string) => `---\ntitle: "${title}"\nsection: news/local\nauthors: [ines-calloway]\npublishedAt: 2026-12-01T08:00:00Z\ndescription: A story.\n---\nThe story.\n`;

const asked: { authorization?: string; body: Record<string, unknown> }[] = [];
const webhook = http.createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    asked.push({ authorization: req.headers.authorization, body: JSON.parse(body) });
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ revalidated: true, paths: ["/"], tags: ["site"] }));
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => webhook.listen(0, "127.0.0.1", resolve));
  git(dir, "init", "--quiet", "--bare", "--initial-branch=main", "newsroom.git");
  git(dir, "clone", "--quiet", "newsroom.git", "desk");
  const desk = path.join(dir, "desk");
  fs.mkdirSync(path.join(desk, "articles"), { recursive: true });
  fs.writeFileSync(path.join(desk, "articles", "harbour-bridge.md"), story("Harbour bridge reopens"));
  fs.writeFileSync(path.join(desk, "articles", "old-story.md"), story("An old story"));
  git(desk, "add", "-A");
  git(desk, "commit", "--quiet", "-m", "First stories");
  git(desk, "push", "--quiet", "origin", "HEAD:main");
  // The server's own clone of the content repository (CONTENT_DIR), with the hook installed.
  git(dir, "clone", "--quiet", "newsroom.git", "server");
  fs.copyFileSync(path.join(root, "deploy", "git-hooks", "post-merge"), path.join(dir, "server", ".git", "hooks", "post-merge"));
  fs.chmodSync(path.join(dir, "server", ".git", "hooks", "post-merge"), 0o755);
});
afterAll(async () => {
  await new Promise((resolve) => webhook.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

it("a pull publishes each changed file (edited, added, deleted — also when git sees the deletion and the addition as a rename) with the commit it brought", { timeout: 120_000 }, async () => {
  const desk = path.join(dir, "desk");
  fs.writeFileSync(path.join(desk, "articles", "harbour-bridge.md"), story("Harbour bridge reopens after repairs"));
  fs.writeFileSync(path.join(desk, "articles", "lifeboat-appeal.md"), story("Lifeboat appeal passes its target"));
  fs.rmSync(path.join(desk, "articles", "old-story.md"));
  git(desk, "add", "-A");
  git(desk, "commit", "--quiet", "-m", "An edit, a new story, a removal");
  git(desk, "push", "--quiet", "origin", "HEAD:main");
  const pushed = git(desk, "rev-parse", "HEAD");

  const server = path.join(dir, "server");
  const { port } = webhook.address() as AddressInfo;
  await run("git", ["pull", "--quiet", "--ff-only", "origin", "main"], {
    cwd: server,
    env: { NODE_ENV: "test", PATH: process.env.PATH, HOME: process.env.HOME, MASTHEAD_DIR: root, CONTENT_DIR: server, MASTHEAD_URL: `http://127.0.0.1:${port}`, REVALIDATE_SECRET: "hook-secret-0123456789" },
  });

  expect(git(server, "rev-parse", "HEAD")).toBe(pushed);
  expect(asked.map((a) => a.body).sort((x, y) => String(x.slug).localeCompare(String(y.slug)))).toEqual([
    { slug: "harbour-bridge", commit: pushed },
    { slug: "lifeboat-appeal", commit: pushed },
    { slug: "old-story", commit: pushed },
  ]);
  expect(new Set(asked.map((a) => a.authorization))).toEqual(new Set(["Bearer hook-secret-0123456789"]));
});
