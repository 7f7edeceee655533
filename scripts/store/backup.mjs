#!/usr/bin/env node
// Backup and restore of the reader data store (lib/store: supporters, subscribers and consents, the
// outbox), which cannot be rebuilt from files (docs/deploy.md §10).
//
//   node scripts/store/backup.mjs backup <file>     (npm run store:backup -- <file>)
//   node scripts/store/backup.mjs restore <file>    (npm run store:restore -- <file>; stop every instance first)
//
// The store is the one the server would open, from the same environment: PostgreSQL when
// DATABASE_URL is set, else DATA_DIR/masthead.sqlite (DATA_DIR default ./data).
// - SQLite: SQLite's online backup API (better-sqlite3's backup()), consistent while the server
//   writes; the copy is checked with PRAGMA integrity_check. A restore writes the copy in place and
//   removes the WAL and shared-memory files of the old database.
// - PostgreSQL: pg_dump --format=custom (consistent, nothing stopped), checked with pg_restore --list;
//   a restore is pg_restore --clean --if-exists --no-owner in one transaction (all or nothing).
// Plain JavaScript without the project's TypeScript, so it also runs from the standalone folder.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export const SQLITE_FILE = "masthead.sqlite";

/** Where the store is, from the environment (as lib/store/config.ts decides it). */
export function storeLocation(env = process.env, cwd = process.cwd()) {
  const url = env.DATABASE_URL?.trim();
  if (url) return { dialect: "postgres", url };
  return { dialect: "sqlite", file: path.join(path.resolve(cwd, env.DATA_DIR || "./data"), SQLITE_FILE) };
}

function sqlite(cwd) {
  const require = createRequire(path.join(cwd, "package.json"));
  try {
    return require("better-sqlite3");
  } catch {
    return createRequire(import.meta.url)("better-sqlite3");
  }
}

/** A PostgreSQL client program: on PATH, else Debian's versioned folder. */
function pgProgram(name) {
  const onPath = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).stdout.trim();
  if (onPath) return onPath;
  const base = "/usr/lib/postgresql";
  const versions = fs.existsSync(base) ? fs.readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (fs.existsSync(path.join(base, v, "bin", name))) return path.join(base, v, "bin", name);
  throw new Error(`${name} is not installed (Debian: apt-get install postgresql-client)`);
}

function run(program, args) {
  const result = spawnSync(program, args, { encoding: "utf8" });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${path.basename(program)} failed: ${(result.stderr || result.stdout).trim().split("\n").slice(-3).join(" ")}`);
  return result.stdout;
}

/** Writes a backup of the store to `dest`; resolves with what it wrote. */
export async function backup(dest, { env = process.env, cwd = process.cwd() } = {}) {
  const where = storeLocation(env, cwd);
  const target = path.resolve(cwd, dest);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (where.dialect === "postgres") {
    run(pgProgram("pg_dump"), ["--format=custom", `--file=${target}`, where.url]);
    run(pgProgram("pg_restore"), ["--list", target]);
    return { dialect: "postgres", file: target, bytes: fs.statSync(target).size };
  }
  if (!fs.existsSync(where.file)) throw new Error(`No reader data store at ${where.file} (DATA_DIR)`);
  const Database = sqlite(cwd);
  const source = new Database(where.file, { fileMustExist: true });
  try {
    source.pragma("busy_timeout = 5000");
    await source.backup(target);
  } finally {
    source.close();
  }
  checkSqlite(Database, target);
  return { dialect: "sqlite", file: target, bytes: fs.statSync(target).size };
}

function checkSqlite(Database, file) {
  const copy = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const result = copy.pragma("integrity_check", { simple: true });
    if (result !== "ok") throw new Error(`The backup ${file} is damaged: ${result}`);
  } finally {
    copy.close();
  }
}

/** Replaces the store's contents by a backup. Every instance must be stopped. */
export async function restore(src, { env = process.env, cwd = process.cwd() } = {}) {
  const where = storeLocation(env, cwd);
  const source = path.resolve(cwd, src);
  if (!fs.existsSync(source)) throw new Error(`No backup at ${source}`);
  if (where.dialect === "postgres") {
    run(pgProgram("pg_restore"), ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", `--dbname=${where.url}`, source]);
    return { dialect: "postgres" };
  }
  const Database = sqlite(cwd);
  checkSqlite(Database, source);
  fs.mkdirSync(path.dirname(where.file), { recursive: true });
  // Written beside, then moved over the old file, whose WAL and shared memory must not survive it.
  const next = `${where.file}.restoring`;
  fs.rmSync(next, { force: true });
  const backupDb = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await backupDb.backup(next);
  } finally {
    backupDb.close();
  }
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(`${where.file}${suffix}`, { force: true });
  fs.renameSync(next, where.file);
  return { dialect: "sqlite", file: where.file };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const [command, file] = process.argv.slice(2);
  try {
    if (command === "backup" && file) {
      const done = await backup(file);
      console.log(`Backed up the reader data store (${done.dialect}) to ${done.file}: ${done.bytes} bytes, checked.`);
    } else if (command === "restore" && file) {
      const done = await restore(file);
      console.log(`Restored the reader data store (${done.dialect}) from ${path.resolve(file)}.`);
    } else {
      console.error("usage: node scripts/store/backup.mjs backup <file> | restore <file>");
      process.exit(2);
    }
  } catch (error) {
    console.error(`✖ ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
