/**
 * Indexes for the list, filter, search and dashboard queries at scale (docs/scaling.md has the
 * EXPLAIN plan each one is for), and on PostgreSQL full-text search over the transcripts: a
 * stored tsvector of the text with a GIN index, and trigram indexes for the substring match on
 * titles and speaker names (when the pg_trgm extension may be created; without it the same
 * queries run, slower). SQLite keeps its LIKE search as it was.
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * The text indexed per call: long enough for a seven-hour call, short enough that no upload
 * (up to 5 MB) can overflow PostgreSQL's 1 MB tsvector.
 */
export const SEARCH_TEXT_CHARS = 400_000;

export async function up(db: Kysely<unknown>): Promise<void> {
  // The calls page: newest first, ties by id (calls.ts orders by call_date, then id).
  await db.schema.createIndex('calls_date_id').on('calls').columns(['call_date', 'id']).execute();

  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`alter table calls add column search tsvector
    generated always as (to_tsvector('simple', left(content, ${sql.lit(SEARCH_TEXT_CHARS)}))) stored`.execute(
    db,
  );
  await sql`create index calls_search on calls using gin (search)`.execute(db);
  const trgm = await sql<{ ok: boolean }>`select
      exists (select 1 from pg_available_extensions where name = 'pg_trgm')
      and has_database_privilege(current_database(), 'CREATE') as ok`.execute(db);
  if (trgm.rows[0]?.ok) {
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`create index calls_title_trgm on calls using gin (lower(title) gin_trgm_ops)`.execute(
      db,
    );
    await sql`create index calls_speakers_trgm on calls
      using gin (lower(rep_speakers) gin_trgm_ops)`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`drop index if exists calls_speakers_trgm`.execute(db);
    await sql`drop index if exists calls_title_trgm`.execute(db);
    await sql`drop index if exists calls_search`.execute(db);
    await sql`alter table calls drop column if exists search`.execute(db);
  }
  await db.schema.dropIndex('calls_date_id').ifExists().execute();
}
