import { type Kysely, PostgresAdapter } from 'kysely';

/** An auto-numbered primary key: `serial` on PostgreSQL, `integer ... autoincrement` on SQLite. */
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
  await withId(db, 'users')
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, 'teams')
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('memberships')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('memberships_pk', ['user_id', 'team_id'])
    .execute();
  await db.schema.createIndex('memberships_team').on('memberships').column('team_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, 'api_tokens')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await withId(db, 'calls')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('rep_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('rep_speakers', 'text', (c) => c.notNull())
    .addColumn('call_date', 'text', (c) => c.notNull())
    .addColumn('call_week', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('engine_version', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('rep_talk_share', double(db), (c) => c.notNull())
    .addColumn('questions', 'integer', (c) => c.notNull())
    .addColumn('tough_questions', 'integer', (c) => c.notNull())
    .addColumn('rep_turns', 'integer', (c) => c.notNull())
    .addColumn('duration_seconds', double(db))
    .addColumn('moment_count', 'integer', (c) => c.notNull())
    .addColumn('analysis_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('calls_rep_hash', ['rep_user_id', 'content_hash'])
    .execute();
  await db.schema
    .createIndex('calls_rep_date')
    .on('calls')
    .columns(['rep_user_id', 'call_date'])
    .execute();
  await db.schema.createIndex('calls_date').on('calls').column('call_date').execute();
  await db.schema.createIndex('calls_hash').on('calls').column('content_hash').execute();

  await withId(db, 'moments')
    .addColumn('call_id', 'integer', (c) => c.notNull().references('calls.id').onDelete('cascade'))
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('turn', 'integer', (c) => c.notNull())
    .addColumn('speaker', 'text', (c) => c.notNull())
    .addColumn('trigger_kind', 'text', (c) => c.notNull())
    .addColumn('trigger_subtype', 'text')
    .addColumn('trigger_quote', 'text', (c) => c.notNull())
    .addColumn('response_kind', 'text', (c) => c.notNull())
    .addColumn('response_turn', 'integer')
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('severity', 'integer', (c) => c.notNull())
    .addColumn('reviewed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reviewed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('reviewed_at', 'text')
    .execute();
  await db.schema
    .createIndex('moments_call')
    .on('moments')
    .columns(['call_id', 'response_kind'])
    .execute();
  await db.schema
    .createIndex('moments_call_trigger')
    .on('moments')
    .columns(['call_id', 'trigger_kind'])
    .execute();

  await withId(db, 'findings')
    .addColumn('call_id', 'integer', (c) => c.notNull().references('calls.id').onDelete('cascade'))
    .addColumn('turn', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subtype', 'text')
    .addColumn('quote', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('detector', 'text', (c) => c.notNull())
    .addColumn('confidence', double(db), (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('findings_call')
    .on('findings')
    .columns(['call_id', 'kind'])
    .execute();

  await withId(db, 'notes')
    .addColumn('moment_id', 'integer', (c) =>
      c.notNull().references('moments.id').onDelete('cascade'),
    )
    .addColumn('author_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notes_moment').on('notes').column('moment_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'notes',
    'findings',
    'moments',
    'calls',
    'api_tokens',
    'sessions',
    'memberships',
    'teams',
    'users',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
