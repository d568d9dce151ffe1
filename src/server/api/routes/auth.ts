/** Sign in, sign out, and who am I. */
import { z } from 'zod';
import { parseCookies, SESSION_COOKIE, sessionCookies } from '../../auth/cookies.js';
import { dummyHash, hashPassword, verifyPassword } from '../../auth/password.js';
import type { Throttle } from '../../auth/throttle.js';
import { ApiError } from '../../contract/errors.js';
import { createSession, deleteSession, endSessions, SESSION_TTL_MS } from '../../db/credentials.js';
import { findUserRowByEmail, getUser, updateUser } from '../../db/people.js';
import type { Router } from '../route.js';
import { loginBody, passwordChangeBody, userSchema } from '../schemas.js';

function tooMany(lockedMs: number): ApiError {
  const minutes = Math.ceil(lockedMs / 60000);
  return new ApiError(
    429,
    'too-many-attempts',
    `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
  );
}

const sessionResponse = z.object({ user: userSchema, csrfToken: z.string().nullable() });
const maybeSessionResponse = z.object({
  user: userSchema.nullable(),
  csrfToken: z.string().nullable(),
});

export function authRoutes(router: Router, opts: { throttle: Throttle; secureCookies: boolean }) {
  router.add({
    method: 'POST',
    path: '/auth/login',
    tag: 'auth',
    summary: 'Sign in with email and password; sets the session and CSRF cookies',
    access: 'public',
    body: loginBody,
    response: sessionResponse,
    errors: [403, 429],
    async handler({ db, body, req, reply }) {
      const ip = req.ip;
      const locked = await opts.throttle.lockedFor(ip, body.email);
      if (locked > 0) throw tooMany(locked);
      const row = await findUserRowByEmail(db, body.email);
      const ok = await verifyPassword(body.password, row?.password_hash ?? (await dummyHash()));
      if (!row || !ok) {
        await opts.throttle.fail(ip, body.email);
        throw new ApiError(401, 'bad-credentials', 'Wrong email or password.');
      }
      await opts.throttle.succeed(ip, body.email);
      // Said only to whoever knows the password, so it does not tell which accounts exist.
      if (row.disabled_at !== null) {
        throw new ApiError(
          403,
          'account-disabled',
          'This account is disabled. Ask an admin of your Walkpoint to enable it.',
        );
      }
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
    method: 'POST',
    path: '/auth/password',
    tag: 'auth',
    summary: 'Change your own password; your other sessions end',
    description:
      'Needs the current password (wrong guesses count towards the sign-in throttle). Every other session of yours ends; the one making the change stays signed in. API tokens are not affected.',
    access: 'user',
    body: passwordChangeBody,
    status: 204,
    errors: [429],
    async handler({ db, body, req, user }) {
      const locked = await opts.throttle.lockedFor(req.ip, user.email);
      if (locked > 0) throw tooMany(locked);
      const row = await findUserRowByEmail(db, user.email);
      if (!row || !(await verifyPassword(body.currentPassword, row.password_hash))) {
        await opts.throttle.fail(req.ip, user.email);
        throw new ApiError(
          400,
          'invalid',
          'currentPassword: that is not your current password',
          'currentPassword',
        );
      }
      await updateUser(db, user.id, { passwordHash: await hashPassword(body.newPassword) });
      const mine =
        req.auth?.via === 'session' ? parseCookies(req.headers.cookie)[SESSION_COOKIE] : '';
      await endSessions(db, user.id, mine || undefined);
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

  router.add({
    method: 'GET',
    path: '/auth/session',
    tag: 'auth',
    summary: 'Who is signed in, if anyone: the user (null when nobody is) and the CSRF token',
    description:
      'Answers 200 either way, so a page can ask on its first visit without logging a failed request; /auth/me answers 401 when nobody is signed in.',
    access: 'public',
    response: maybeSessionResponse,
    async handler({ db, req }) {
      const id = req.auth?.user.id;
      const user = id === undefined ? undefined : await getUser(db, id);
      return { user: user ?? null, csrfToken: user ? (req.auth?.csrfToken ?? null) : null };
    },
  });
}
