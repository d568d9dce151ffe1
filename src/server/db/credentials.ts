/** Sessions (browser sign-ins) and API tokens (integrations). Only hashes are stored. */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, UserRow } from './schema.js';
import { nowIso } from './time.js';

/** Sessions last two weeks. */
export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000;

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function secret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Starts a session: returns the cookie value and the CSRF token that goes with it. */
export async function createSession(
  db: Kysely<Database>,
  userId: number,
): Promise<{ token: string; csrfToken: string; expiresAt: string }> {
  const token = secret();
  const csrfToken = secret(24);
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS).toISOString();
  await db
    .insertInto('sessions')
    .values({
      id: sha256(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: nowIso(),
      expires_at: expiresAt,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

/** The user and CSRF token of a live session, or undefined. */
export async function findSession(
  db: Kysely<Database>,
  token: string,
): Promise<{ user: UserRow; csrfToken: string } | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select('sessions.csrf_token')
    .where('sessions.id', '=', sha256(token))
    .where('sessions.expires_at', '>', nowIso())
    .where('users.disabled_at', 'is', null)
    .where('users.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const { csrf_token, ...user } = row;
  return { user, csrfToken: csrf_token };
}

export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sha256(token)).execute();
}

/**
 * Ends every session of a user (a new password, disabled, deleted), except the one whose
 * cookie value is `keep` (the session that changed its own password). Returns how many ended.
 */
export async function endSessions(
  db: Kysely<Database>,
  userId: number,
  keep?: string,
): Promise<number> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keep) q = q.where('id', '!=', sha256(keep));
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Drops expired sessions (called at start-up). */
export async function pruneSessions(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', nowIso()).execute();
}

export interface ApiToken {
  id: number;
  name: string;
  prefix: string;
  userId: number;
  createdBy: number;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const TOKEN_PREFIX = 'wpt_';

/** Creates an API token acting as `userId`; the secret is returned once and never stored. */
export async function createApiToken(
  db: Kysely<Database>,
  input: { name: string; userId: number; createdBy: number },
): Promise<{ token: string; info: ApiToken }> {
  const token = TOKEN_PREFIX + secret();
  const row = await db
    .insertInto('api_tokens')
    .values({
      name: input.name.trim(),
      token_hash: sha256(token),
      prefix: token.slice(0, 10),
      user_id: input.userId,
      created_by: input.createdBy,
      created_at: nowIso(),
      last_used_at: null,
      revoked_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { token, info: toToken(row) };
}

function toToken(row: {
  id: number;
  name: string;
  prefix: string;
  user_id: number;
  created_by: number;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    userId: row.user_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export async function listApiTokens(db: Kysely<Database>): Promise<ApiToken[]> {
  const rows = await db.selectFrom('api_tokens').selectAll().orderBy('id', 'desc').execute();
  return rows.map(toToken);
}

/** Revokes a token; false when there is no such token. */
export async function revokeApiToken(db: Kysely<Database>, id: number): Promise<boolean> {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: nowIso() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) > 0) return true;
  return Boolean(
    await db.selectFrom('api_tokens').select('id').where('id', '=', id).executeTakeFirst(),
  );
}

/** The user a live (unrevoked) token acts as, or undefined; never a disabled or deleted user. */
export async function findApiTokenUser(
  db: Kysely<Database>,
  token: string,
): Promise<UserRow | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const hash = sha256(token);
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('users')
    .where('api_tokens.token_hash', '=', hash)
    .where('api_tokens.revoked_at', 'is', null)
    .where('users.disabled_at', 'is', null)
    .where('users.deleted_at', 'is', null)
    .executeTakeFirst();
  if (row) {
    // best effort: a locked database or a full disk must not turn a token's reads into errors;
    // "last used" is a convenience, the request is what matters
    try {
      await db
        .updateTable('api_tokens')
        .set({ last_used_at: nowIso() })
        .where('token_hash', '=', hash)
        .execute();
    } catch {
      // the next request that can write records the use
    }
  }
  return row;
}
