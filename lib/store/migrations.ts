/**
 * The store's migrations: every file in lib/store/migrations/ (see the map in lib/store/index.ts).
 * Bundled by Turbopack and Vite (vitest) through import.meta.glob, so Next's server bundles carry them;
 * a plain Node or tsx process (a script) reads the same folder from disk instead.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Migration, MigrationProvider } from "kysely";

/** A migration file's name: date and time it was written, the feature, what it does. */
export const MIGRATION_NAME = /^\d{4}-\d{2}-\d{2}-\d{4}-[a-z0-9]+(-[a-z0-9]+)*$/;

function named(files: Record<string, Migration>): Record<string, Migration> {
  const migrations: Record<string, Migration> = {};
  for (const [file, migration] of Object.entries(files)) {
    const name = path.basename(file).replace(/\.(ts|mts|js|mjs)$/, "");
    if (name.endsWith(".test")) continue;
    if (!MIGRATION_NAME.test(name)) throw new Error(`lib/store/migrations/${path.basename(file)}: a migration's name is YYYY-MM-DD-HHMM-feature-what (lower case).`);
    if (typeof migration.up !== "function") throw new Error(`lib/store/migrations/${path.basename(file)}: exports no up(db) function.`);
    migrations[name] = { up: migration.up, down: migration.down };
  }
  return migrations;
}

function bundled(): Record<string, Migration> | null {
  try {
    return import.meta.glob<Migration>(["./migrations/*.ts", "!./migrations/*.test.ts"], { eager: true });
  } catch {
    return null;
  }
}

async function fromDisk(): Promise<Record<string, Migration>> {
  const dir = path.join(process.cwd(), "lib", "store", "migrations");
  const files: Record<string, Migration> = {};
  for (const file of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    if (!/\.ts$/.test(file) || file.endsWith(".test.ts")) continue;
    files[file] = (await import(/* turbopackIgnore: true */ /* webpackIgnore: true */ pathToFileURL(path.join(dir, file)).href)) as Migration;
  }
  return files;
}

/** Every migration of the project, by name. */
export const projectMigrations: MigrationProvider = {
  async getMigrations() {
    return named(bundled() ?? (await fromDisk()));
  },
};

/** A fixed set of migrations (tests). */
export function migrationsOf(files: Record<string, Migration>): MigrationProvider {
  return { getMigrations: async () => named(files) };
}
