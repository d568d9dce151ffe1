import { randomBytes } from 'node:crypto';
import { WalkpointError } from '../core/errors.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../server/auth/password.js';
import { deleteUser, disableUser, enableUser } from '../server/db/accounts.js';
import { openDb } from '../server/db/connect.js';
import { createTeam, createUser, findUserRowByEmail, listTeams } from '../server/db/people.js';
import { USER_ROLES, type UserRole } from '../server/db/schema.js';
import type { Io } from './main.js';

export interface UserAddOptions {
  email: string;
  name?: string;
  role: string;
  password?: string;
  team?: string;
  db?: string;
}

/**
 * `walkpoint user add`: creates a user (the first admin, typically). The password comes from
 * --password, else WALKPOINT_PASSWORD, else a random one that is printed once.
 */
export async function userAddCommand(opts: UserAddOptions, io: Io): Promise<number> {
  if (!(USER_ROLES as readonly string[]).includes(opts.role)) {
    throw new WalkpointError('bad-role', `--role must be one of ${USER_ROLES.join(', ')}`);
  }
  const given = opts.password ?? process.env.WALKPOINT_PASSWORD;
  if (given !== undefined && given.length < MIN_PASSWORD_LENGTH) {
    throw new WalkpointError(
      'weak-password',
      `the password needs at least ${MIN_PASSWORD_LENGTH} characters`,
    );
  }
  const password = given ?? randomBytes(9).toString('base64url');
  const db = await openDb(opts.db ?? process.env.WALKPOINT_DB);
  try {
    let teamIds: number[] = [];
    if (opts.team) {
      const admin = { id: 0, role: 'admin' as const };
      const existing = (await listTeams(db.db, admin)).find((t) => t.name === opts.team);
      teamIds = [existing?.id ?? (await createTeam(db.db, opts.team)).id];
    }
    const user = await createUser(db.db, {
      email: opts.email,
      name: opts.name ?? opts.email.split('@')[0],
      role: opts.role as UserRole,
      passwordHash: await hashPassword(password),
      teamIds,
    });
    io.out.write(`Created ${user.role} ${user.email} (id ${user.id}) in ${db.path}\n`);
    if (given === undefined)
      io.out.write(`Password: ${password}  (shown once; change it in People)\n`);
    return 0;
  } finally {
    await db.close();
  }
}

export interface UserAccessOptions {
  db?: string;
  /** `delete` only: the email of the user who receives the calls and deals. */
  reassignTo?: string;
}

/**
 * `walkpoint user disable|enable|delete EMAIL`: the same rules as the People page (the last
 * active admin stays; a deleted user's calls stay under their teams or go to --reassign-to).
 */
export async function userAccessCommand(
  action: 'disable' | 'enable' | 'delete',
  email: string,
  opts: UserAccessOptions,
  io: Io,
): Promise<number> {
  const db = await openDb(opts.db ?? process.env.WALKPOINT_DB);
  try {
    const user = await findUserRowByEmail(db.db, email);
    if (!user) throw new WalkpointError('no-such-user', `no user with the email ${email}`);
    if (action === 'disable') {
      const done = await disableUser(db.db, user.id);
      io.out.write(
        `Disabled ${user.email}: cannot sign in, API tokens refused, ${plural(done?.sessionsEnded ?? 0, 'session')} ended\n`,
      );
    } else if (action === 'enable') {
      await enableUser(db.db, user.id);
      io.out.write(`Enabled ${user.email}: can sign in again, API tokens work again\n`);
    } else {
      let reassignTo: number | undefined;
      if (opts.reassignTo !== undefined) {
        const to = await findUserRowByEmail(db.db, opts.reassignTo);
        if (!to) {
          throw new WalkpointError(
            'no-such-user',
            `--reassign-to: no user with the email ${opts.reassignTo}`,
          );
        }
        reassignTo = to.id;
      }
      const done = await deleteUser(db.db, user.id, { reassignTo });
      if (!done) throw new WalkpointError('no-such-user', `no user with the email ${email}`);
      const where = opts.reassignTo
        ? `${plural(done.callsReassigned, 'call')} and ${plural(done.dealsReassigned, 'deal')} moved to ${opts.reassignTo}${done.callsKept ? `, ${plural(done.callsKept, 'call')} already there kept under their teams` : ''}`
        : `${plural(done.callsKept, 'call')} kept under their teams`;
      io.out.write(
        `Deleted ${user.email}: ${where}; ${plural(done.sessionsEnded, 'session')} ended, ${plural(done.tokensRevoked, 'API token')} revoked\n`,
      );
    }
    return 0;
  } finally {
    await db.close();
  }
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
