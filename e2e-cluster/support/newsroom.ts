/**
 * The content on two machines, as scripts/cluster/test.mjs made it (cluster.json): a bare
 * repository (the newsroom's remote), the newsroom's clone that specs edit, commit and push in, and
 * one clone per instance — each instance's CONTENT_DIR, which the instance itself brings to the
 * commit a publish names (lib/publishing/content-git.ts, docs/decisions/0210).
 *
 *   const id = newsroom.commit({ "articles/x.md": text });   // pushed; null deletes a file
 *   await webhook(A, { slug: "x", commit: id });             // reaches A, B and the edge
 *
 * Specs never write into an instance's folder: that copy is the instance's own.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const stateDir = process.env.MASTHEAD_CLUSTER_DIR || "/tmp/masthead-cluster";

export interface ClusterState {
  repo: string;
  newsroom: string;
  contentDirs: { a: string; b: string };
  env: Record<string, string>;
}

export const cluster = JSON.parse(fs.readFileSync(path.join(stateDir, "cluster.json"), "utf8")) as ClusterState;

/** git in `dir`, no shell; the newsroom's identity for commits. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=Cluster newsroom", "-c", "user.email=newsroom@example.org", ...args], {
    cwd: dir,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();
}

export const newsroom = {
  dir: cluster.newsroom,
  /** A file of the newsroom's clone (relative to the content folder). */
  file: (relative: string) => path.join(cluster.newsroom, relative),
  read: (relative: string) => fs.readFileSync(path.join(cluster.newsroom, relative), "utf8"),
  /** Writes (or, with null, deletes) files, commits and pushes; returns the commit id. */
  commit(files: Record<string, string | null>, message = "An edit from the newsroom"): string {
    for (const [relative, text] of Object.entries(files)) {
      const file = path.join(cluster.newsroom, relative);
      if (text === null) fs.rmSync(file, { force: true });
      else {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, text);
      }
    }
    git(cluster.newsroom, "add", "-A");
    git(cluster.newsroom, "commit", "-q", "--allow-empty", "-m", message);
    git(cluster.newsroom, "push", "-q", "origin", "HEAD:main");
    return git(cluster.newsroom, "rev-parse", "HEAD");
  },
  head: () => git(cluster.newsroom, "rev-parse", "HEAD"),
};

/** The commit an instance's content folder is at. */
export const headOf = (instance: "a" | "b") => git(cluster.contentDirs[instance], "rev-parse", "HEAD");
