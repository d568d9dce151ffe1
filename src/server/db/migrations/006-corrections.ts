/**
 * Corrections: a manager's reading of a walk-point overrules the engine's, with its history
 * (who, when, the engine's reading then, the new one, why, reverted) and replies. Moments are
 * identified by call + turn, so a correction survives `walkpoint reanalyze`; moment rows carry
 * the effective reading beside the engine's, and promoted moments get rows too. Retrained
 * models live here (the model JSON as text), so every server and worker can load them.
 * Portable types only, like 001.
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely';

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
  await withId(db, 'corrections')
    .addColumn('call_id', 'integer', (c) => c.notNull().references('calls.id').onDelete('cascade'))
    .addColumn('turn', 'integer', (c) => c.notNull())
    .addColumn('quote', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    // the engine's reading at the turn when the correction was made (null kind: none there)
    .addColumn('engine_trigger_kind', 'text')
    .addColumn('engine_trigger_subtype', 'text')
    .addColumn('engine_response_kind', 'text')
    // the manager's full reading (null kind: dismissed)
    .addColumn('trigger_kind', 'text')
    .addColumn('trigger_subtype', 'text')
    .addColumn('response_kind', 'text')
    .addColumn('reason', 'text')
    .addColumn('author_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('reverted_at', 'text')
    .addColumn('reverted_by', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('corrections_call')
    .on('corrections')
    .columns(['call_id', 'turn'])
    .execute();

  await withId(db, 'correction_replies')
    .addColumn('correction_id', 'integer', (c) =>
      c.notNull().references('corrections.id').onDelete('cascade'),
    )
    .addColumn('author_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('correction_replies_correction')
    .on('correction_replies')
    .column('correction_id')
    .execute();

  await db.schema
    .alterTable('moments')
    .addColumn('origin', 'text', (c) => c.notNull().defaultTo('engine'))
    .execute();
  await db.schema
    .alterTable('moments')
    .addColumn('dismissed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('moments').addColumn('engine_trigger_kind', 'text').execute();
  await db.schema.alterTable('moments').addColumn('engine_trigger_subtype', 'text').execute();
  await db.schema.alterTable('moments').addColumn('engine_response_kind', 'text').execute();
  await db.schema.alterTable('moments').addColumn('correction_id', 'integer').execute();
  // rows stored before this migration hold the engine's reading: it is also the effective one
  await sql`update moments set engine_trigger_kind = trigger_kind,
    engine_trigger_subtype = trigger_subtype, engine_response_kind = response_kind`.execute(db);

  await db.schema
    .alterTable('calls')
    .addColumn('model_version', 'text', (c) => c.notNull().defaultTo('shipped'))
    .execute();
  await db.schema
    .alterTable('calls')
    .addColumn('corrections', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await withId(db, 'model_versions')
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('finished_at', 'text')
    .addColumn('corrections', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('held_out', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('evaluation_json', 'text')
    .addColumn('error', 'text')
    .addColumn('progress', 'real')
    // sha256 of the two model files, so a server caches each version's files once
    .addColumn('digest', 'text')
    .addColumn('triggers_json', 'text')
    .addColumn('responses_json', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('model_versions').ifExists().execute();
  await db.schema.dropTable('correction_replies').ifExists().execute();
  await db.schema.dropTable('corrections').ifExists().execute();
  for (const c of [
    'correction_id',
    'engine_response_kind',
    'engine_trigger_subtype',
    'engine_trigger_kind',
    'dismissed',
    'origin',
  ]) {
    await db.schema.alterTable('moments').dropColumn(c).execute();
  }
  await db.schema.alterTable('calls').dropColumn('corrections').execute();
  await db.schema.alterTable('calls').dropColumn('model_version').execute();
}
