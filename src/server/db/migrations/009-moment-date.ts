/**
 * Each moment carries its call's date, so the team dashboard's response mix reads the moments
 * of a period from one index instead of scanning every moment of every call (at 100,000 calls
 * the scan took 230 ms of an admin's dashboard; docs/scaling.md). A call's date never changes
 * after it is stored, so the copy cannot drift.
 */
import { type Kysely, sql } from 'kysely';

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
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('moments_date').ifExists().execute();
  await db.schema.alterTable('moments').dropColumn('call_date').execute();
}
