/**
 * Practice in the web app: each user's role-play sessions (the simulator's state as JSON) and
 * the scenarios managers assign to reps. Portable types only, like 001.
 */
import { type Kysely, PostgresAdapter } from 'kysely';

/** Migrations are frozen snapshots, so each carries its own copy of this helper. */
function withId(db: Kysely<unknown>, table: string) {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  return pg
    ? db.schema.createTable(table).addColumn('id', 'serial', (c) => c.primaryKey())
    : db.schema
        .createTable(table)
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, 'practice_assignments')
    .addColumn('scenario', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('assigned_by', 'integer', (c) =>
      c.notNull().references('users.id').onDelete('cascade'),
    )
    .addColumn('due_date', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    // The session that completed it; no foreign key, so the two tables can point at each other.
    .addColumn('session_id', 'integer')
    .execute();
  await db.schema
    .createIndex('practice_assignments_user')
    .on('practice_assignments')
    .columns(['user_id', 'created_at'])
    .execute();

  await withId(db, 'practice_sessions')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('scenario', 'text', (c) => c.notNull())
    .addColumn('seed', 'integer', (c) => c.notNull())
    .addColumn('assignment_id', 'integer', (c) =>
      c.references('practice_assignments.id').onDelete('set null'),
    )
    .addColumn('state_json', 'text', (c) => c.notNull())
    .addColumn('replies', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('score', 'integer')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema
    .createIndex('practice_sessions_user')
    .on('practice_sessions')
    .columns(['user_id', 'started_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('practice_sessions').ifExists().execute();
  await db.schema.dropTable('practice_assignments').ifExists().execute();
}
