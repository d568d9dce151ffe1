/**
 * Access that ends: a user can be disabled (and enabled again) or deleted. A deleted user stays
 * as a tombstone row, so the calls, notes, reviews, deals and tokens that point at them keep
 * valid foreign keys (and a team keeps its calls); the sign-in email is freed. And the sign-in
 * throttle's counts and locks, kept here so a restart (or a second process) does not lose them.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('disabled_at', 'text').execute();
  await db.schema.alterTable('users').addColumn('deleted_at', 'text').execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
  await db.schema.createIndex('api_tokens_user').on('api_tokens').column('user_id').execute();

  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('since_at', 'text', (c) => c.notNull())
    .addColumn('last_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('login_throttle_expires')
    .on('login_throttle')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('login_throttle').ifExists().execute();
  await db.schema.dropIndex('api_tokens_user').ifExists().execute();
  await db.schema.dropIndex('sessions_user').ifExists().execute();
  await db.schema.alterTable('users').dropColumn('deleted_at').execute();
  await db.schema.alterTable('users').dropColumn('disabled_at').execute();
}
