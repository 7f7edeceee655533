/**
 * The two engines of the reader data store, for suites that must pass on both: SQLite in a temporary
 * DATA_DIR, and a real PostgreSQL (Debian `postgresql`) started on 127.0.0.1:5433 by
 * scripts/store/postgres.mjs and stopped by PID. Without PostgreSQL's programs the PostgreSQL half is
 * skipped with a message — unless MASTHEAD_REQUIRE_POSTGRES=1 (CI), where that is a failure.
 * Each call of `fresh()` gives an empty database (a new folder, or a new PostgreSQL database).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { postgresBinDir, startPostgres, type TestPostgres } from "../../scripts/store/postgres.mjs";

export const POSTGRES_TEST_PORT = Number(process.env.MASTHEAD_POSTGRES_TEST_PORT || 5433);

export function postgresAvailable(): boolean {
  const found = postgresBinDir() !== null;
  if (!found) {
    if (process.env.MASTHEAD_REQUIRE_POSTGRES === "1") throw new Error("PostgreSQL is not installed (apt-get install -y postgresql) and MASTHEAD_REQUIRE_POSTGRES=1");
    console.warn("Skipping the PostgreSQL half of the reader data store suite: PostgreSQL is not installed (apt-get install -y postgresql).");
  }
  return found;
}

export interface Engine {
  name: "SQLite" | "PostgreSQL";
  /** Environment for openStore() pointing at a new, empty database, and the folder to use as cwd. */
  fresh(): Promise<{ env: Record<string, string>; cwd: string }>;
  stop(): Promise<void>;
}

export function sqliteEngine(): Engine {
  const dirs: string[] = [];
  return {
    name: "SQLite",
    async fresh() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-store-"));
      dirs.push(dir);
      return { env: { DATA_DIR: path.join(dir, "data"), CONTENT_DIR: path.join(dir, "content") }, cwd: dir };
    },
    async stop() {
      for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * `port`: each suite file that needs PostgreSQL takes its own (vitest runs files in parallel), e.g.
 * POSTGRES_TEST_PORT + 1 for the second one.
 */
export async function postgresEngine(port = POSTGRES_TEST_PORT): Promise<Engine> {
  let server: TestPostgres | null = await startPostgres({ port });
  let n = 0;
  return {
    name: "PostgreSQL",
    async fresh() {
      const name = `conformance_${process.pid}_${++n}`;
      const client = new pg.Client({ connectionString: server!.url });
      await client.connect();
      await client.query(`CREATE DATABASE ${name}`);
      await client.end();
      return { env: { DATABASE_URL: server!.url.replace(/\/postgres$/, `/${name}`) }, cwd: os.tmpdir() };
    },
    async stop() {
      await server?.stop();
      server = null;
    },
  };
}
