/** Users, teams and memberships. */
import type { Kysely } from 'kysely';
import { WalkpointError } from '../../core/errors.js';
import type { Database, UserRole, UserRow } from './schema.js';
import type { Viewer } from './scope.js';
import { nowIso } from './time.js';

/** A user as the API shows it: never the password hash. */
export interface User {
  id: number;
  email: string;
  name: string;
  role: UserRole;
  teamIds: number[];
  createdAt: string;
  /** When an admin disabled the user (who then cannot sign in), or null. */
  disabledAt: string | null;
}

export interface Team {
  id: number;
  name: string;
  members: number;
}

export interface NewUser {
  email: string;
  name: string;
  role: UserRole;
  passwordHash: string | null;
  teamIds?: number[];
}

function toUser(row: UserRow, teamIds: number[]): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    teamIds,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  };
}

/** Emails compare case-insensitively; they are stored lower-cased. */
export function normalEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Creates a user and their memberships in one transaction. Throws when the email is taken. */
export async function createUser(db: Kysely<Database>, input: NewUser): Promise<User> {
  const email = normalEmail(input.email);
  return db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('users')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirst();
    if (taken) {
      throw new WalkpointError('email-taken', `a user with the email ${email} already exists`);
    }
    const row = await trx
      .insertInto('users')
      .values({
        email,
        name: input.name.trim(),
        role: input.role,
        password_hash: input.passwordHash,
        created_at: nowIso(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const teamIds = [...new Set(input.teamIds ?? [])];
    if (teamIds.length > 0) {
      await trx
        .insertInto('memberships')
        .values(teamIds.map((team_id) => ({ user_id: row.id, team_id })))
        .execute();
    }
    return toUser(row, teamIds);
  });
}

/** The row with the password hash, for signing in only. */
export async function findUserRowByEmail(
  db: Kysely<Database>,
  email: string,
): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', normalEmail(email))
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

async function teamIdsOf(db: Kysely<Database>, userIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return out;
  const rows = await db
    .selectFrom('memberships')
    .select(['user_id', 'team_id'])
    .where('user_id', 'in', userIds)
    .orderBy('team_id')
    .execute();
  for (const r of rows) out.get(r.user_id)?.push(r.team_id);
  return out;
}

/** A user who has not been deleted (disabled users included). */
export async function getUser(db: Kysely<Database>, id: number): Promise<User | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  return toUser(row, (await teamIdsOf(db, [id])).get(id) ?? []);
}

/**
 * Users the viewer may see: an admin all, a manager their teams' members, a rep themselves.
 * Deleted users are left out; disabled ones are listed (with `disabledAt`).
 */
export async function listUsers(db: Kysely<Database>, viewer: Viewer): Promise<User[]> {
  let q = db.selectFrom('users').selectAll().where('deleted_at', 'is', null).orderBy('name');
  if (viewer.role === 'rep') q = q.where('id', '=', viewer.id);
  if (viewer.role === 'manager') {
    q = q.where((eb) =>
      eb.or([
        eb('id', '=', viewer.id),
        eb(
          'id',
          'in',
          eb
            .selectFrom('memberships as mine')
            .innerJoin('memberships as theirs', 'theirs.team_id', 'mine.team_id')
            .where('mine.user_id', '=', viewer.id)
            .select('theirs.user_id'),
        ),
      ]),
    );
  }
  const rows = await q.execute();
  const teams = await teamIdsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toUser(r, teams.get(r.id) ?? []));
}

/** Changes a user's name, role, password or teams; teams are replaced, in one transaction. */
export async function updateUser(
  db: Kysely<Database>,
  id: number,
  patch: { name?: string; role?: UserRole; passwordHash?: string; teamIds?: number[] },
): Promise<User | undefined> {
  await db.transaction().execute(async (trx) => {
    const values: Partial<{ name: string; role: UserRole; password_hash: string }> = {};
    if (patch.name !== undefined) values.name = patch.name.trim();
    if (patch.role !== undefined) values.role = patch.role;
    if (patch.passwordHash !== undefined) values.password_hash = patch.passwordHash;
    if (Object.keys(values).length > 0) {
      await trx.updateTable('users').set(values).where('id', '=', id).execute();
    }
    if (patch.teamIds) {
      await trx.deleteFrom('memberships').where('user_id', '=', id).execute();
      const teamIds = [...new Set(patch.teamIds)];
      if (teamIds.length > 0) {
        await trx
          .insertInto('memberships')
          .values(teamIds.map((team_id) => ({ user_id: id, team_id })))
          .execute();
      }
    }
  });
  return getUser(db, id);
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function createTeam(db: Kysely<Database>, name: string): Promise<Team> {
  const clean = name.trim();
  const taken = await db
    .selectFrom('teams')
    .select('id')
    .where('name', '=', clean)
    .executeTakeFirst();
  if (taken) throw new WalkpointError('team-taken', `a team called "${clean}" already exists`);
  const row = await db
    .insertInto('teams')
    .values({ name: clean, created_at: nowIso() })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
  return { ...row, members: 0 };
}

/** Teams with member counts; a non-admin sees only their own teams. */
export async function listTeams(db: Kysely<Database>, viewer: Viewer): Promise<Team[]> {
  let q = db
    .selectFrom('teams')
    .leftJoin('memberships', 'memberships.team_id', 'teams.id')
    // A deleted user keeps their membership (the team keeps their calls) but is no member.
    .leftJoin('users', (j) =>
      j.onRef('users.id', '=', 'memberships.user_id').on('users.deleted_at', 'is', null),
    )
    .select((eb) => ['teams.id', 'teams.name', eb.fn.count('users.id').as('members')])
    .groupBy(['teams.id', 'teams.name'])
    .orderBy('teams.name');
  if (viewer.role !== 'admin') {
    q = q.where('teams.id', 'in', (eb) =>
      eb.selectFrom('memberships').select('team_id').where('user_id', '=', viewer.id),
    );
  }
  const rows = await q.execute();
  return rows.map((r) => ({ id: r.id, name: r.name, members: Number(r.members) }));
}

/** The ids among `ids` that name no team. */
export async function missingTeams(db: Kysely<Database>, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('teams').select('id').where('id', 'in', ids).execute();
  const found = new Set(rows.map((r) => r.id));
  return ids.filter((id) => !found.has(id));
}
