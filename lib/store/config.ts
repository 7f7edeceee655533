/**
 * Where the reader data store lives, read from the environment once per open:
 * - DATABASE_URL set (postgres://…): PostgreSQL, shared by every instance;
 * - else one SQLite file in DATA_DIR (default ./data).
 * DATA_DIR may not sit inside the content folder (content is rebuildable and published; reader data
 * is neither), a build folder (wiped by builds) or public/ (served to anyone).
 */
import path from "node:path";
import { distDirName } from "../config/env.mjs";

export type StoreTarget =
  | { dialect: "sqlite"; file: string; dataDir: string }
  | { dialect: "postgres"; url: string; poolMax: number };

export const SQLITE_FILE = "masthead.sqlite";

type Env = Record<string, string | undefined>;

const inside = (child: string, parent: string) => {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
};

/** Why this DATA_DIR cannot hold reader data, worded for an operator; null when it is fine. */
export function dataDirProblem(dataDir: string, env: Env = process.env, cwd = process.cwd()): string | null {
  const dir = path.resolve(cwd, dataDir);
  const contentDir = path.resolve(cwd, env.CONTENT_DIR || "./content");
  if (inside(dir, contentDir) || inside(contentDir, dir)) {
    return `DATA_DIR (${dir}) must not be inside, or contain, the content folder (${contentDir}): reader data is not content.`;
  }
  const forbidden = [
    path.resolve(cwd, distDirName(env)),
    path.resolve(cwd, ".next"),
    path.resolve(cwd, "out"),
    path.resolve(cwd, "public"),
    path.resolve(cwd, "node_modules"),
  ];
  for (const folder of forbidden) {
    if (inside(dir, folder)) return `DATA_DIR (${dir}) must not be inside ${folder}: builds replace it or it is served to the public.`;
  }
  // Any other build folder of this project (.next-ar, .next-growth …).
  const rel = path.relative(cwd, dir);
  if (!rel.startsWith("..") && /^\.next(-[^/\\]+)?([/\\]|$)/.test(rel)) return `DATA_DIR (${dir}) must not be inside a build folder.`;
  return null;
}

/** The database this process should open. Throws with an operator's message on a bad setting. */
export function storeTarget(env: Env = process.env, cwd = process.cwd()): StoreTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new Error("DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:5432/name).");
    const poolMax = Number(env.DATABASE_POOL_MAX || 10);
    if (!Number.isInteger(poolMax) || poolMax < 1 || poolMax > 200) throw new Error("DATABASE_POOL_MAX must be a whole number from 1 to 200.");
    return { dialect: "postgres", url, poolMax };
  }
  const dataDir = path.resolve(cwd, env.DATA_DIR || "./data");
  const problem = dataDirProblem(dataDir, env, cwd);
  if (problem) throw new Error(problem);
  return { dialect: "sqlite", file: path.join(dataDir, SQLITE_FILE), dataDir };
}
