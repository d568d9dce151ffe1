/** Sign in, sign out, and who am I. */
import { z } from 'zod';
import { parseCookies, SESSION_COOKIE, sessionCookies } from '../../auth/cookies.js';
import { dummyHash, verifyPassword } from '../../auth/password.js';
import type { Throttle } from '../../auth/throttle.js';
import { createSession, deleteSession, SESSION_TTL_MS } from '../../db/credentials.js';
import { findUserRowByEmail, getUser } from '../../db/people.js';
import { ApiError } from '../errors.js';
import type { Router } from '../route.js';
import { loginBody, userSchema } from '../schemas.js';

const sessionResponse = z.object({ user: userSchema, csrfToken: z.string().nullable() });

export function authRoutes(router: Router, opts: { throttle: Throttle; secureCookies: boolean }) {
  router.add({
    method: 'POST',
    path: '/auth/login',
    tag: 'auth',
    summary: 'Sign in with email and password; sets the session and CSRF cookies',
    access: 'public',
    body: loginBody,
    response: sessionResponse,
    errors: [429],
    async handler({ db, body, req, reply }) {
      const ip = req.ip;
      const locked = opts.throttle.lockedFor(ip, body.email);
      if (locked > 0) {
        const minutes = Math.ceil(locked / 60000);
        throw new ApiError(
          429,
          'too-many-attempts',
          `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        );
      }
      const row = await findUserRowByEmail(db, body.email);
      const ok = await verifyPassword(body.password, row?.password_hash ?? (await dummyHash()));
      if (!row || !ok) {
        opts.throttle.fail(ip, body.email);
        throw new ApiError(401, 'bad-credentials', 'Wrong email or password.');
      }
      opts.throttle.succeed(ip, body.email);
      const session = await createSession(db, row.id);
      reply.header(
        'set-cookie',
        sessionCookies(session.token, session.csrfToken, SESSION_TTL_MS / 1000, opts.secureCookies),
      );
      return { user: await getUser(db, row.id), csrfToken: session.csrfToken };
    },
  });

  router.add({
    method: 'POST',
    path: '/auth/logout',
    tag: 'auth',
    summary: 'Sign out: ends the session and clears the cookies',
    access: 'user',
    status: 204,
    async handler({ db, req, reply }) {
      const token = parseCookies(req.headers.cookie)[SESSION_COOKIE];
      if (token) await deleteSession(db, token);
      reply.header('set-cookie', sessionCookies('', '', 0, opts.secureCookies));
    },
  });

  router.add({
    method: 'GET',
    path: '/auth/me',
    tag: 'auth',
    summary: 'The signed-in user and the CSRF token for writes',
    access: 'user',
    response: sessionResponse,
    async handler({ db, req, user }) {
      return { user: await getUser(db, user.id), csrfToken: req.auth?.csrfToken ?? null };
    },
  });
}
