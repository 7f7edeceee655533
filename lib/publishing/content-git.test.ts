/**
 * The git steps of content on several machines, against real git repositories in a temporary
 * folder: a bare "newsroom" repository, an editor's clone that pushes to it, and the clones of the
 * machines (docs/decisions/0210).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { remoteOf, syncTo } from "./content-git";
import { webhookSchema } from "./change";

let root: string;
let bare: string;
let editor: string;

const git = (dir: string, ...args: string[]) => execFileSync("git", args, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
const headOf = (dir: string) => git(dir, "rev-parse", "HEAD");

/** Writes files in the editor's clone, commits and pushes; returns the commit id. */
function commit(files: Record<string, string>, message = "edit"): string {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(editor, name)), { recursive: true });
    fs.writeFileSync(path.join(editor, name), text);
  }
  git(editor, "add", "-A");
  git(editor, "-c", "user.name=Desk", "-c", "user.email=desk@example.org", "commit", "-q", "-m", message);
  git(editor, "push", "-q", "origin", "HEAD");
  return headOf(editor);
}

function machine(name: string): string {
  const dir = path.join(root, name);
  execFileSync("git", ["clone", "-q", bare, dir]);
  return dir;
}

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-content-git-"));
  bare = path.join(root, "newsroom.git");
  execFileSync("git", ["init", "-q", "--bare", "-b", "main", bare]);
  editor = path.join(root, "editor");
  execFileSync("git", ["clone", "-q", bare, editor], { stdio: "ignore" });
  git(editor, "checkout", "-q", "-b", "main");
  commit({ "articles/first.md": "first\n" }, "first");
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe("syncTo", () => {
  it("fetches a pushed commit and fast-forwards the clone to it", async () => {
    const web = machine("web-1");
    const before = headOf(web);
    const id = commit({ "articles/second.md": "second\n" });
    expect(fs.existsSync(path.join(web, "articles/second.md"))).toBe(false);
    expect(await syncTo(web, id)).toEqual({ ok: true, from: before, to: id, moved: true });
    expect(fs.readFileSync(path.join(web, "articles/second.md"), "utf8")).toBe("second\n");
    // Asked again (a repeated or late message): nothing to do.
    expect(await syncTo(web, id)).toEqual({ ok: true, from: id, to: id, moved: false });
  });

  it("never moves backwards: an older commit leaves a newer clone as it is", async () => {
    const web = machine("web-2");
    const older = headOf(web);
    const newer = commit({ "articles/third.md": "third\n" });
    expect((await syncTo(web, newer)).ok).toBe(true);
    expect(await syncTo(web, older)).toEqual({ ok: true, from: newer, to: newer, moved: false });
    expect(fs.existsSync(path.join(web, "articles/third.md"))).toBe(true);
  });

  it("reports a remote it cannot fetch from and changes nothing", async () => {
    const web = machine("web-3");
    const before = headOf(web);
    const id = commit({ "articles/fourth.md": "fourth\n" });
    git(web, "remote", "set-url", "origin", path.join(root, "gone.git"));
    const result = await syncTo(web, id);
    expect(result).toMatchObject({ ok: false, reason: "fetch-failed", head: before });
    expect(!result.ok && result.error).toMatch(/^Fetching from "origin" failed: fatal: .*gone\.git/);
    expect(headOf(web)).toBe(before);
    // CONTENT_GIT_REMOTE may name another remote (or a URL) instead of origin.
    expect(await syncTo(web, id, { remote: bare })).toMatchObject({ ok: true, to: id, moved: true });
  });

  it("reports a commit the remote does not have, a folder that is not a clone, and diverged history", async () => {
    const web = machine("web-4");
    expect(await syncTo(web, "0".repeat(40))).toMatchObject({ ok: false, reason: "unknown-commit", error: expect.stringContaining("was it pushed?") });
    const plain = fs.mkdtempSync(path.join(root, "plain-"));
    expect(await syncTo(plain, headOf(web))).toMatchObject({ ok: false, reason: "not-a-clone" });
    // A commit made on the machine itself: the newsroom's next commit is no fast-forward from it.
    fs.writeFileSync(path.join(web, "local.md"), "local\n");
    git(web, "add", "local.md");
    git(web, "-c", "user.name=Ops", "-c", "user.email=ops@example.org", "commit", "-q", "-m", "local");
    const local = headOf(web);
    const id = commit({ "articles/fifth.md": "fifth\n" });
    expect(await syncTo(web, id)).toMatchObject({ ok: false, reason: "not-fast-forward", head: local });
    expect(headOf(web)).toBe(local);
    expect(fs.existsSync(path.join(web, "articles/fifth.md"))).toBe(false);
  });

  it("knows HEAD from packed refs, a detached HEAD and a folder inside a repository", async () => {
    const web = machine("web-7");
    git(web, "pack-refs", "--all");
    const before = headOf(web);
    const id = commit({ "articles/eighth.md": "eighth\n" });
    expect(await syncTo(web, id)).toEqual({ ok: true, from: before, to: id, moved: true });
    git(web, "checkout", "-q", "--detach");
    expect(await syncTo(web, id)).toEqual({ ok: true, from: id, to: id, moved: false });
    fs.mkdirSync(path.join(web, "articles", "sub"), { recursive: true });
    expect(await syncTo(path.join(web, "articles"), id)).toEqual({ ok: true, from: id, to: id, moved: false });
  });

  it("lets two instances sharing one clone ask at once", async () => {
    const web = machine("web-5");
    const id = commit({ "articles/sixth.md": "sixth\n", "articles/seventh.md": "seventh\n" });
    const [one, two] = await Promise.all([syncTo(web, id), syncTo(web, id)]);
    expect(one, JSON.stringify([one, two])).toMatchObject({ ok: true, to: id });
    expect(two, JSON.stringify([one, two])).toMatchObject({ ok: true, to: id });
    expect(two).toMatchObject({ ok: true, to: id });
    expect(headOf(web)).toBe(id);
  });

  it("refuses anything but a full commit id before running git", async () => {
    const web = machine("web-6");
    for (const bad of ["HEAD", "abc123", "--upload-pack=touch /tmp/x", `${"a".repeat(39)}g`]) {
      expect(await syncTo(web, bad)).toMatchObject({ ok: false, reason: "unknown-commit" });
    }
  });
});

describe("the webhook's commit and the remote setting", () => {
  it("accepts a change with or without a full lowercase commit id, nothing else", () => {
    const id = "0123456789abcdef0123456789abcdef01234567";
    expect(webhookSchema.safeParse({ slug: "a-story", commit: id }).success).toBe(true);
    expect(webhookSchema.safeParse({ slug: "a-story" }).success).toBe(true);
    for (const commit of [id.toUpperCase(), id.slice(0, 12), `${id}0`, "HEAD", 42, ""]) {
      expect(webhookSchema.safeParse({ slug: "a-story", commit }).success, String(commit)).toBe(false);
    }
    // A commit alone names no change.
    expect(webhookSchema.safeParse({ commit: id }).success).toBe(false);
  });

  it("takes origin by default, a remote name or a URL, never an option", () => {
    expect(remoteOf({})).toBe("origin");
    expect(remoteOf({ CONTENT_GIT_REMOTE: "newsroom" })).toBe("newsroom");
    expect(remoteOf({ CONTENT_GIT_REMOTE: "ssh://git@git.example/newsroom/content.git" })).toBe("ssh://git@git.example/newsroom/content.git");
    expect(() => remoteOf({ CONTENT_GIT_REMOTE: "--upload-pack=evil" })).toThrow(/CONTENT_GIT_REMOTE/);
  });
});
