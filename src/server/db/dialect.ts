/**
 * Where SQLite and PostgreSQL differ, decided once: the rest of the db layer asks here instead
 * of testing the adapter itself.
 */
import { type Kysely, PostgresAdapter } from 'kysely';

/** True when `db` (or a transaction of it) runs on PostgreSQL. */
// biome-ignore lint/suspicious/noExplicitAny: any schema; only the adapter is read
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
