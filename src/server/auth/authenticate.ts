/**
 * Works out who is calling: an API token (`Authorization: Bearer`) or a session cookie. A
 * cookie-authenticated write must echo the session's CSRF token in `X-CSRF-Token`; token
 * requests need no CSRF check (a browser never adds the header on its own).
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Auth } from '../api/route.js';
import { ApiError } from '../contract/errors.js';
import { findApiTokenUser, findSession } from '../db/credentials.js';
import type { Database, UserRow } from '../db/schema.js';
import { CSRF_HEADER, parseCookies, SESSION_COOKIE } from './cookies.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const toAuthUser = (u: UserRow) => ({ id: u.id, email: u.email, name: u.name, role: u.role });

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Resolves `req.auth`; throws 401 for a bad token, 403 for a missing CSRF token. */
export async function authenticate(db: Kysely<Database>, req: FastifyRequest): Promise<void> {
  const header = req.headers.authorization;
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    const user = m ? await findApiTokenUser(db, m[1]) : undefined;
    if (!user) {
      throw new ApiError(
        401,
        'invalid-token',
        'The API token is invalid, was revoked, or acts as a user who is disabled or deleted; ask an admin for a new one.',
      );
    }
    req.auth = { user: toAuthUser(user), via: 'token' } satisfies Auth;
    return;
  }
  const token = parseCookies(req.headers.cookie)[SESSION_COOKIE];
  if (!token) return;
  const session = await findSession(db, token);
  if (!session) return;
  if (!SAFE_METHODS.has(req.method)) {
    const sent = req.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !sameSecret(sent, session.csrfToken)) {
      throw new ApiError(
        403,
        'csrf',
        'The request is missing its CSRF token; reload the page and try again.',
      );
    }
  }
  req.auth = { user: toAuthUser(session.user), via: 'session', csrfToken: session.csrfToken };
}
