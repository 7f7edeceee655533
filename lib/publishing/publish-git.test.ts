/**
 * publish() naming a commit (content on several machines, docs/decisions/0210): the instance's
 * content folder is a git clone of a bare "newsroom" repository an editor pushes to. Real git, the
 * real markdown source and index; no Redis (the bus carries nothing), no edge.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { makeContentDir, validArticle } from "../../tests/fixture";
import { publish, resync } from "./publish";
import { contentInStep } from "./catch-up";
import { syncState } from "./content-git";
import { registry } from "../observability/metrics";

const ACTIVE = Symbol.for("masthead.contentSource");
let root: string;
let editor: string;
let web: string;
let bare: string;

const git = (dir: string, ...args: string[]) => execFileSync("git", args, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

function commit(files: Record<string, string | null>): string {
  for (const [name, text] of Object.entries(files)) {
    if (text === null) fs.rmSync(path.join(editor, name));
    else fs.writeFileSync(path.join(editor, name), text);
  }
  git(editor, "add", "-A");
  git(editor, "-c", "user.name=Desk", "-c", "user.email=desk@example.org", "commit", "-q", "-m", "edit");
  git(editor, "push", "-q", "origin", "HEAD");
  return git(editor, "rev-parse", "HEAD");
}

async function title(slug: string): Promise<string | undefined> {
  const { getContentSource } = await import("../sources/source");
  return (await getContentSource().getArticleBySlug(slug, { preview: true }))?.title;
}

async function metric(name: string, labels = ""): Promise<number> {
  const text = await registry().metrics();
  const line = text.split("\n").find((l) => l.startsWith(`${name}${labels} `) || (labels === "" && l.startsWith(`${name} `)));
  return line ? Number(line.split(" ").at(-1)) : 0;
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-publish-git-"));
  editor = makeContentDir({ ".gitignore": ".masthead/\n" });
  bare = path.join(root, "newsroom.git");
  execFileSync("git", ["init", "-q", "--bare", "-b", "main", bare]);
  git(editor, "init", "-q", "-b", "main");
  git(editor, "remote", "add", "origin", bare);
  commit({});
  web = path.join(root, "web-2");
  execFileSync("git", ["clone", "-q", bare, web]);
  vi.stubEnv("CONTENT_DIR", web);
  vi.stubEnv("CONTENT_GIT_REMOTE", "");
  delete (globalThis as Record<symbol, unknown>)[ACTIVE];
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  vi.spyOn(console, "error").mockImplementation(() => undefined);
  const { getContentSource } = await import("../sources/source");
  await getContentSource().listArticles({ perPage: 1 });
});
afterAll(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  delete (globalThis as Record<symbol, unknown>)[ACTIVE];
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(editor, { recursive: true, force: true });
});

describe("publish() with a commit", () => {
  it("brings the clone to the commit, then publishes the change from it", async () => {
    const id = commit({ "articles/pushed-story.md": validArticle({ title: "Pushed story", section: "news/local" }) });
    expect(fs.existsSync(path.join(web, "articles/pushed-story.md"))).toBe(false);
    const result = await publish({ slug: "pushed-story" }, { via: "webhook", commit: id });
    expect(result.ok).toBe(true);
    expect(result.ok && result.timing).toMatch(/\bsync;dur=/);
    expect(git(web, "rev-parse", "HEAD")).toBe(id);
    expect(await title("pushed-story")).toBe("Pushed story");
  });

  it("without a commit, reloads the folder as it is (no git)", async () => {
    commit({ "articles/pushed-story.md": validArticle({ title: "Pushed story, edited", section: "news/local" }) });
    expect((await publish({ slug: "pushed-story" }, { via: "webhook" })).ok).toBe(true);
    expect(await title("pushed-story")).toBe("Pushed story");
  });

  it("answers 409 when the commit cannot be fetched, and keeps serving what it had", async () => {
    const id = commit({ "articles/pushed-story.md": validArticle({ title: "Pushed story, third", section: "news/local" }) });
    git(web, "remote", "set-url", "origin", path.join(root, "gone.git"));
    try {
      const result = await publish({ slug: "pushed-story" }, { via: "webhook", commit: id });
      expect(result).toMatchObject({ ok: false, status: 409, error: expect.stringMatching(/^Fetching from "origin" failed: .*This instance still serves its current content \(commit [0-9a-f]{40}\)\.$/) });
      expect(await title("pushed-story")).toBe("Pushed story");
      // A webhook's failure is the caller's to retry: the instance is not behind anyone.
      expect(contentInStep()).toBe(true);
    } finally {
      git(web, "remote", "set-url", "origin", bare);
    }
  });

  it("a peer that cannot reach the commit leaves rotation, retries, catches up and returns", async () => {
    const id = commit({ "articles/pushed-story.md": validArticle({ title: "Pushed story, from a peer", section: "news/local" }) });
    const failedBefore = await metric("masthead_content_sync_total", '{outcome="failed"}');
    git(web, "remote", "set-url", "origin", path.join(root, "gone.git"));
    const plan = { tags: ["article:pushed-story"], paths: ["/"], everything: false };
    const result = await publish({ slug: "pushed-story" }, { via: "peer", plan, commit: id });
    expect(result).toMatchObject({ ok: false, status: 409 });
    expect(contentInStep()).toBe(false);
    expect(syncState().missed).toHaveLength(1);
    expect(await metric("masthead_content_behind")).toBe(1);
    expect(await metric("masthead_content_sync_total", '{outcome="failed"}')).toBeGreaterThan(failedBefore);
    expect(await title("pushed-story")).toBe("Pushed story");

    // The remote is back: a retry (1 s, then 2 s, …) brings the commit and publishes what was missed.
    git(web, "remote", "set-url", "origin", bare);
    await vi.waitFor(() => expect(contentInStep()).toBe(true), { timeout: 40_000, interval: 100 });
    expect(await title("pushed-story")).toBe("Pushed story, from a peer");
    expect(git(web, "rev-parse", "HEAD")).toBe(id);
    expect(await metric("masthead_content_behind")).toBe(0);
    // Generous: git and the retries' back-off on a loaded machine.
  }, 60_000);

  it("a late message naming an older commit never moves the content backwards", async () => {
    const older = git(web, "rev-parse", "HEAD");
    const newer = commit({ "articles/pushed-story.md": validArticle({ title: "Pushed story, newest", section: "news/local" }) });
    expect((await publish({ slug: "pushed-story" }, { via: "webhook", commit: newer })).ok).toBe(true);
    expect((await publish({ slug: "pushed-story" }, { via: "peer", plan: { tags: [], paths: [], everything: false }, commit: older })).ok).toBe(true);
    expect(git(web, "rev-parse", "HEAD")).toBe(newer);
    expect(await title("pushed-story")).toBe("Pushed story, newest");
  });

  it("after the bus reconnects, a clone that missed publishes is brought to the newest announced commit", async () => {
    // Published on another instance while this one's subscription was down: no message reached it.
    const id = commit({ "articles/missed-story.md": validArticle({ title: "A story published while the bus was down", section: "news/local" }) });
    const here = git(web, "rev-parse", "HEAD");
    // Without the commit (no publish named one), the folder is re-read as it is.
    await resync();
    expect(await title("missed-story")).toBeUndefined();
    expect(git(web, "rev-parse", "HEAD")).toBe(here);
    // With the newest commit the bus announced: fetched, fast-forwarded, everything re-read.
    await resync(id);
    expect(git(web, "rev-parse", "HEAD")).toBe(id);
    expect(await title("missed-story")).toBe("A story published while the bus was down");
    expect(contentInStep()).toBe(true);
    // Already there: nothing moves.
    await resync(id);
    expect(git(web, "rev-parse", "HEAD")).toBe(id);
  });

  it("after the bus reconnects, a commit it cannot fetch takes the instance out of rotation until it can", async () => {
    const id = commit({ "articles/missed-story.md": validArticle({ title: "The missed story, edited", section: "news/local" }) });
    git(web, "remote", "set-url", "origin", path.join(root, "gone.git"));
    try {
      await resync(id);
      expect(contentInStep()).toBe(false);
      expect(await title("missed-story")).toBe("A story published while the bus was down");
    } finally {
      git(web, "remote", "set-url", "origin", bare);
    }
    await vi.waitFor(() => expect(contentInStep()).toBe(true), { timeout: 40_000, interval: 100 });
    expect(git(web, "rev-parse", "HEAD")).toBe(id);
    expect(await title("missed-story")).toBe("The missed story, edited");
  }, 60_000);
});
