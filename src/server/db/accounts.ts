/**
 * Access that ends: disabling, enabling and deleting users. The rules live here, once, for the
 * API and the CLI alike: the last active admin can be neither disabled nor deleted; disabling or
 * deleting ends every session at once (and `findSession`/`findApiTokenUser` refuse a disabled or
 * deleted user, so their tokens stop working on the next request).
 *
 * Deleting keeps a tombstone row: calls, notes, reviews, deals, practice and API-token records
 * that point at the user keep valid foreign keys, and the user's memberships stay, so their
 * team's managers keep seeing their calls. With `reassignTo`, calls and deals move to that user.
 * Only practice assignments they had not started are dropped (nobody can do them any more).
 */
import type { Kysely, Transaction } from 'kysely';
import { WalkpointError } from '../../core/errors.js';
import type { DeletedUser } from '../contract/shapes.js';
import type { Database, UserRow } from './schema.js';
import { nowIso } from './time.js';

/** The email a deleted user's row keeps, so the real address can sign up again. */
const tombstoneEmail = (id: number) => `deleted-${id}@deleted.invalid`;

async function liveUser(trx: Transaction<Database>, id: number): Promise<UserRow | undefined> {
  return trx
    .selectFrom('users')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** Throws when `user` is the only admin who can still sign in. */
async function keepAnAdmin(trx: Transaction<Database>, user: UserRow, doing: string) {
  if (user.role !== 'admin' || user.disabled_at !== null) return;
  const other = await trx
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('id', '!=', user.id)
    .where('disabled_at', 'is', null)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!other) {
    throw new WalkpointError(
      'last-admin',
      `${user.email} is the last active admin; make another user an admin before you ${doing} them`,
    );
  }
}

async function endAll(trx: Transaction<Database>, id: number): Promise<number> {
  const r = await trx.deleteFrom('sessions').where('user_id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * Disables a user: no sign-in, every session ended, their API tokens refused (not revoked:
 * enabling the user again brings them back). Undefined when there is no such user.
 */
export async function disableUser(
  db: Kysely<Database>,
  id: number,
): Promise<{ sessionsEnded: number } | undefined> {
  return db.transaction().execute(async (trx) => {
    const user = await liveUser(trx, id);
    if (!user) return undefined;
    await keepAnAdmin(trx, user, 'disable');
    if (user.disabled_at === null) {
      await trx.updateTable('users').set({ disabled_at: nowIso() }).where('id', '=', id).execute();
    }
    return { sessionsEnded: await endAll(trx, id) };
  });
}

/** Enables a disabled user again; false when there is no such user. */
export async function enableUser(db: Kysely<Database>, id: number): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ disabled_at: null })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * Deletes a user (as a tombstone, see above) in one transaction. Throws `last-admin`, or
 * `bad-reassign` when `reassignTo` is the user themselves or not an active user. Undefined when
 * there is no such user.
 */
export async function deleteUser(
  db: Kysely<Database>,
  id: number,
  opts: { reassignTo?: number } = {},
): Promise<DeletedUser | undefined> {
  return db.transaction().execute(async (trx) => {
    const user = await liveUser(trx, id);
    if (!user) return undefined;
    await keepAnAdmin(trx, user, 'delete');
    const to = opts.reassignTo;
    let callsReassigned = 0;
    let dealsReassigned = 0;
    if (to !== undefined) {
      const target = to === id ? undefined : await liveUser(trx, to);
      if (!target || target.disabled_at !== null) {
        throw new WalkpointError(
          'bad-reassign',
          to === id
            ? 'reassignTo: choose another user than the one being deleted'
            : `reassignTo: no active user with id ${to}`,
        );
      }
      // A transcript the target already has stays with the deleted user (one per rep).
      const moved = await trx
        .updateTable('calls')
        .set({ rep_user_id: to })
        .where('rep_user_id', '=', id)
        .where('content_hash', 'not in', (eb) =>
          eb
            .selectFrom('calls as theirs')
            .select('theirs.content_hash')
            .where('theirs.rep_user_id', '=', to),
        )
        .executeTakeFirst();
      callsReassigned = Number(moved.numUpdatedRows);
      const deals = await trx
        .updateTable('deals')
        .set({ owner_id: to })
        .where('owner_id', '=', id)
        .executeTakeFirst();
      dealsReassigned = Number(deals.numUpdatedRows);
    }
    const kept = await trx
      .selectFrom('calls')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('rep_user_id', '=', id)
      .executeTakeFirstOrThrow();
    const sessionsEnded = await endAll(trx, id);
    // Scenarios assigned to them and not yet practised can never be done: they go. Finished
    // ones stay with their results.
    await trx
      .deleteFrom('practice_assignments')
      .where('user_id', '=', id)
      .where('session_id', 'is', null)
      .execute();
    const now = nowIso();
    const tokens = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: now })
      .where('user_id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    await trx
      .updateTable('users')
      .set({ deleted_at: now, email: tombstoneEmail(id), password_hash: null })
      .where('id', '=', id)
      .execute();
    return {
      id,
      reassignedTo: to ?? null,
      callsReassigned,
      callsKept: Number(kept.n),
      dealsReassigned,
      sessionsEnded,
      tokensRevoked: Number(tokens.numUpdatedRows),
    };
  });
}
