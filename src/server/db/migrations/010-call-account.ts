/**
 * A call's account (the prospect's company), set and edited by the people who may see the
 * call, shown, sorted and searched on the calls page. On PostgreSQL the search's substring
 * match on it gets a trigram index like the title's (migration 008), so every branch of the
 * search keeps an index.
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('calls').addColumn('account', 'text').execute();
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  const trgm = await sql<{ ok: boolean }>`select exists
    (select 1 from pg_extension where extname = 'pg_trgm') as ok`.execute(db);
  if (trgm.rows[0]?.ok) {
    await sql`create index calls_account_trgm on calls using gin (lower(account) gin_trgm_ops)`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists calls_account_trgm`.execute(db);
  await db.schema.alterTable('calls').dropColumn('account').execute();
}
