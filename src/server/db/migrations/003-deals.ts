/**
 * Deals (with their linked calls and the user's confirmed scores) and self-checks taken in the
 * web app. Portable types only, like 001.
 */
import { type Kysely, PostgresAdapter } from 'kysely';

function withId(db: Kysely<unknown>, table: string) {
  const pg = isPostgres(db);
  return pg
    ? db.schema.createTable(table).addColumn('id', 'serial', (c) => c.primaryKey())
    : db.schema
        .createTable(table)
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/**
 * A double: SQLite's `real` is 8 bytes, PostgreSQL's is 4 (0.45 would read back as
 * 0.449999988), so PostgreSQL gets `double precision`.
 */
function double(db: Kysely<unknown>) {
  return isPostgres(db) ? 'double precision' : 'real';
}

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, 'deals')
    .addColumn('owner_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('team_id', 'integer', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('company', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('value', double(db), (c) => c.notNull())
    .addColumn('currency', 'text')
    .addColumn('next_step_date', 'text')
    .addColumn('next_step_purpose', 'text')
    .addColumn('scores_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('deals_owner').on('deals').column('owner_id').execute();

  await db.schema
    .createTable('deal_calls')
    .addColumn('deal_id', 'integer', (c) => c.notNull().references('deals.id').onDelete('cascade'))
    .addColumn('call_id', 'integer', (c) => c.notNull().references('calls.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('deal_calls_pk', ['deal_id', 'call_id'])
    .execute();
  await db.schema.createIndex('deal_calls_call').on('deal_calls').column('call_id').execute();

  await withId(db, 'selfchecks')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('answers_json', 'text', (c) => c.notNull())
    .addColumn('result_json', 'text', (c) => c.notNull())
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('selfchecks_user')
    .on('selfchecks')
    .columns(['user_id', 'taken_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['selfchecks', 'deal_calls', 'deals']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
