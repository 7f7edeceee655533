/**
 * The tables of the reader data store, as Kysely sees them. Empty here on purpose: each feature
 * declares its own tables next to its code, by augmenting this interface from its own file, e.g.
 *
 *   declare module "@/lib/store/schema" {
 *     interface Database { revenue_events: RevenueEventsTable }
 *   }
 *
 * so features never edit one shared list (and never collide in a merge). Column conventions, for
 * queries that run unchanged on SQLite and PostgreSQL: times are ISO 8601 UTC text
 * (`new Date().toISOString()`, which sorts as it compares), money is an integer in minor units,
 * booleans are integers 0/1, ids are text.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Database {}
