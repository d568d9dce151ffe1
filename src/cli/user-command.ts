import { randomBytes } from 'node:crypto';
import { WalkpointError } from '../errors.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../server/auth/password.js';
import { openDb } from '../server/db/connect.js';
import { createTeam, createUser, listTeams } from '../server/db/people.js';
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
