/** An in-memory SQLite store with the newsletters' migrations, for unit tests. */
import Database from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect, type MigrationProvider } from "kysely";
import { newsletterMigrations } from "./migrations";
import type { NewsletterTables } from "./schema";

export async function memoryDb(file = ":memory:"): Promise<Kysely<NewsletterTables>> {
  const sqlite = new Database(file);
  sqlite.pragma("foreign_keys = ON");
  const db = new Kysely<NewsletterTables>({ dialect: new SqliteDialect({ database: sqlite }) });
  const provider: MigrationProvider = { getMigrations: async () => newsletterMigrations("sqlite") };
  const { error } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) throw error;
  return db;
}
