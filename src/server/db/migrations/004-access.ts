/**
 * Access that ends: a user can be disabled (and enabled again) or deleted. A deleted user stays
 * as a tombstone row, so the calls, notes, reviews, deals and tokens that point at them keep
 * valid foreign keys (and a team keeps its calls); the sign-in email is freed.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('disabled_at', 'text').execute();
  await db.schema.alterTable('users').addColumn('deleted_at', 'text').execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
  await db.schema.createIndex('api_tokens_user').on('api_tokens').column('user_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('api_tokens_user').ifExists().execute();
  await db.schema.dropIndex('sessions_user').ifExists().execute();
  await db.schema.alterTable('users').dropColumn('deleted_at').execute();
  await db.schema.alterTable('users').dropColumn('disabled_at').execute();
}
