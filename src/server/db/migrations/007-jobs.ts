/**
 * The job queue's record: every analysis done in the background (an upload answered at once, a
 * file of a bulk import, a reanalysis) is a row in `jobs`, so its state, progress and failure
 * reason outlive the process that ran it. A running job holds a lease (`locked_until`) that its
 * worker renews; a worker that dies lets the lease lapse and the job is claimed again. `imports`
 * is one bulk import (a folder or a zip): its files are its jobs, one per file name, which is
 * what lets the same import resume after a crash instead of starting over.
 */
import { type Kysely, PostgresAdapter } from 'kysely';

function withId(db: Kysely<unknown>, table: string) {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  return pg
    ? db.schema.createTable(table).addColumn('id', 'serial', (c) => c.primaryKey())
    : db.schema
        .createTable(table)
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, 'imports')
    // What was imported (the folder's or zip's absolute path, or an uploaded zip's hash): the
    // same source imported again resumes this import.
    .addColumn('source_key', 'text', (c) => c.notNull().unique())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('rep_map_json', 'text')
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, 'jobs')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('progress', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('file', 'text')
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('import_id', 'integer', (c) => c.references('imports.id'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('run_after', 'text', (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('error_code', 'text')
    .addColumn('error', 'text')
    .addColumn('call_id', 'integer')
    .addColumn('outcome', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  // Workers look for the oldest claimable job; the list pages read a user's or an import's.
  await db.schema
    .createIndex('jobs_claim')
    .on('jobs')
    .columns(['status', 'run_after', 'id'])
    .execute();
  await db.schema.createIndex('jobs_owner').on('jobs').columns(['owner_id', 'id']).execute();
  // One job per file of an import: resuming never enqueues a file twice.
  await db.schema
    .createIndex('jobs_import_file')
    .on('jobs')
    .columns(['import_id', 'file'])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('jobs').ifExists().execute();
  await db.schema.dropTable('imports').ifExists().execute();
}
