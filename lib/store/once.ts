/**
 * Building blocks for "exactly once" on both dialects (docs/decisions/0160):
 * - insertOnce: record something by its id (a webhook event, a sign-up token); true only for the
 *   caller that recorded it first. Inside a transaction, whatever that caller then changes is kept
 *   with the record or lost with it, so a failure leaves nothing half-done and a retry starts over.
 * - claimRows: take up to N rows of a queue (an email outbox) for this worker, atomically. PostgreSQL:
 *   the rows are chosen `FOR UPDATE SKIP LOCKED`, so instances never wait on, nor take, each other's
 *   rows; SQLite: one UPDATE … RETURNING statement, which holds the database's single write lock.
 *   The caller's `set` marks the rows taken (e.g. a lease until a time); rows whose lease ran out
 *   (a killed worker) become claimable again through the caller's `where`.
 */
import { sql, type Expression, type ExpressionBuilder, type Insertable, type Kysely, type Selectable, type SqlBool, type Transaction, type Updateable } from "kysely";
import type { Database } from "./schema";
import type { Dialect } from "./index";

export type Db = Kysely<Database> | Transaction<Database>;
type Table = keyof Database & string;
type Column<T extends Table> = keyof Database[T] & string;

// Kysely cannot type a query over a table chosen by a generic parameter; the signatures above are
// typed, the bodies below work on any table.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Untyped = Kysely<any>;

/** Inserts `values` unless a row with the same `key` exists. True when this call inserted it. */
export async function insertOnce<T extends Table>(db: Db, table: T, key: Column<T>, values: Insertable<Database[T]>): Promise<boolean> {
  const inserted = await (db as unknown as Untyped)
    .insertInto(table as string)
    .values(values as Record<string, unknown>)
    .onConflict((oc) => oc.column(key as string).doNothing())
    .returning(key as string)
    .executeTakeFirst();
  return inserted !== undefined;
}

export interface ClaimOptions<T extends Table> {
  table: T;
  /** The table's primary key. */
  id: Column<T>;
  /** Which rows may be claimed now (e.g. not sent, and no lease or an expired one). */
  where: (eb: ExpressionBuilder<Database, T>) => Expression<SqlBool>;
  /** What marks a row as claimed (e.g. `{ lease_until, claimed_by }`). */
  set: Updateable<Database[T]>;
  /** Oldest first by this column (default: the id). */
  orderBy?: Column<T>;
  limit: number;
}

/** Claims up to `limit` rows for the caller; no row is ever returned to two concurrent callers. */
export async function claimRows<T extends Table>(db: Kysely<Database>, dialect: Dialect, options: ClaimOptions<T>): Promise<Selectable<Database[T]>[]> {
  const { limit } = options;
  const table: string = options.table;
  const id: string = options.id;
  const orderBy: string = options.orderBy ?? id;
  if (!Number.isInteger(limit) || limit < 1) throw new Error("claimRows: limit must be a whole number ≥ 1");
  const u = db as unknown as Untyped;
  const where = options.where as unknown as Parameters<ReturnType<Untyped["selectFrom"]>["where"]>[0];
  const set = options.set as Record<string, unknown>;
  if (dialect === "postgres") {
    // A locking CTE runs once and is never inlined: exactly these rows are updated.
    const rows = await u
      .with("claimable", (qb) => qb.selectFrom(table).select(id).where(where).orderBy(orderBy).limit(limit).forUpdate().skipLocked())
      .updateTable(table)
      .set(set)
      .from("claimable")
      .where(sql.ref(`${table}.${id}`), "=", sql.ref(`claimable.${id}`))
      .returningAll(table)
      .execute();
    return rows as Selectable<Database[T]>[];
  }
  const rows = await u
    .updateTable(table)
    .set(set)
    .where(id, "in", u.selectFrom(table).select(id).where(where).orderBy(orderBy).limit(limit))
    .returningAll()
    .execute();
  return rows as Selectable<Database[T]>[];
}
