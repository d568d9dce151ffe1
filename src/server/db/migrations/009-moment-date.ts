/**
 * The team dashboard over a period, read from indexes alone (docs/scaling.md): each moment
 * carries its call's date, so the response mix reads a period's moments from one index instead
 * of scanning every moment of every call (230 ms of an admin's dashboard at 100,000 calls); and
 * an index of the calls by date holds every column the dashboard's aggregates read, so they
 * need not visit the call rows (transcript and analysis beside them; 90 ms for 14,000 calls).
 * A call's date never changes after it is stored, so the copy cannot drift.
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely';

/** What the dashboard's per-rep and per-week aggregates read of a call (db/stats.ts). */
const DASHBOARD_COLUMNS = [
  'rep_user_id',
  'id',
  'call_week',
  'score',
  'rep_talk_share',
  'questions',
  'tough_questions',
  'rep_turns',
  'moment_count',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('moments').addColumn('call_date', 'text').execute();
  await sql`update moments set call_date =
    (select calls.call_date from calls where calls.id = moments.call_id)`.execute(db);
  // every column the mix reads, so the index answers it alone
  await db.schema
    .createIndex('moments_date')
    .on('moments')
    .columns(['call_date', 'call_id', 'response_kind', 'dismissed'])
    .execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // PostgreSQL reads the date range from the key and carries the rest (`include`)
    await sql`create index calls_period on calls (call_date) include (${sql.raw(DASHBOARD_COLUMNS.join(', '))})`.execute(
      db,
    );
  } else {
    await db.schema
      .createIndex('calls_period')
      .on('calls')
      .columns(['call_date', ...DASHBOARD_COLUMNS])
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('calls_period').ifExists().execute();
  await db.schema.dropIndex('moments_date').ifExists().execute();
  await db.schema.alterTable('moments').dropColumn('call_date').execute();
}
