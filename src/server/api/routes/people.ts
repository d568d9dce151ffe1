/**
 * People: users, teams, roles (admins change them), disabling and deleting users, and API tokens
 * (admins only).
 */
import { z } from 'zod';
import { isWalkpointError } from '../../../core/errors.js';
import { parseCookies, SESSION_COOKIE } from '../../auth/cookies.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../../auth/password.js';
import { ApiError, notFound } from '../../contract/errors.js';
import { deleteUser, disableUser, enableUser } from '../../db/accounts.js';
import {
  createApiToken,
  endSessions,
  listApiTokens,
  revokeApiToken,
} from '../../db/credentials.js';
import {
  createTeam,
  createUser,
  getUser,
  listTeams,
  listUsers,
  missingTeams,
  updateUser,
} from '../../db/people.js';
import type { AuthUser, Router } from '../route.js';
import {
  deletedSchema,
  idParams,
  teamCreateBody,
  tokenCreateBody,
  tokenSchema,
  userCreateBody,
  userDeleteQuery,
  userPatchBody,
  userSchema,
} from '../schemas.js';

const teamSchema = z.object({ id: z.number(), name: z.string(), members: z.number() });

async function checkTeams(db: Parameters<typeof missingTeams>[0], ids: number[] | undefined) {
  const missing = await missingTeams(db, ids ?? []);
  if (missing.length > 0) {
    throw new ApiError(400, 'invalid', `teamIds: no team with id ${missing.join(', ')}`, 'teamIds');
  }
}

/** An admin cannot lock themselves out: another admin has to do it. */
function notSelf(id: number, user: AuthUser, doing: string) {
  if (id === user.id) {
    throw new ApiError(
      409,
      'own-account',
      `You cannot ${doing} your own account; ask another admin to do it.`,
    );
  }
}

/** The storage layer's refusals, as API errors. */
function refusal(e: unknown): unknown {
  if (!isWalkpointError(e)) return e;
  if (e.code === 'last-admin') return new ApiError(409, 'last-admin', `${e.message}.`);
  if (e.code === 'bad-reassign') return new ApiError(400, 'invalid', e.message, 'reassignTo');
  return e;
}

export function peopleRoutes(router: Router) {
  router.add({
    method: 'GET',
    path: '/users',
    tag: 'people',
    summary: 'Users you may see: an admin all, a manager their teams, a rep themselves',
    access: 'user',
    response: z.array(userSchema),
    async handler({ db, user }) {
      return listUsers(db, user);
    },
  });

  router.add({
    method: 'POST',
    path: '/users',
    tag: 'people',
    summary: 'Create a user (admins)',
    description: `Passwords need at least ${MIN_PASSWORD_LENGTH} characters; they are stored as scrypt hashes.`,
    access: 'admin',
    body: userCreateBody,
    status: 201,
    response: userSchema,
    errors: [409],
    async handler({ db, body }) {
      await checkTeams(db, body.teamIds);
      return createUser(db, {
        email: body.email,
        name: body.name,
        role: body.role,
        passwordHash: await hashPassword(body.password),
        teamIds: body.teamIds,
      });
    },
  });

  router.add({
    method: 'PATCH',
    path: '/users/:id',
    tag: 'people',
    summary: "Change a user's name, role, password or teams (admins)",
    description:
      'A new password ends every session of the user (all of them; when an admin changes their own password, all but the session making the change). API tokens are not affected.',
    access: 'admin',
    params: idParams,
    body: userPatchBody,
    response: userSchema,
    errors: [404],
    async handler({ db, params, body, user, req }) {
      if (!(await getUser(db, params.id))) throw notFound('user');
      if (params.id === user.id && body.role && body.role !== 'admin') {
        throw new ApiError(400, 'invalid', 'role: you cannot remove your own admin role.', 'role');
      }
      await checkTeams(db, body.teamIds);
      const updated = await updateUser(db, params.id, {
        name: body.name,
        role: body.role,
        teamIds: body.teamIds,
        passwordHash: body.password ? await hashPassword(body.password) : undefined,
      });
      if (body.password) {
        const mine =
          params.id === user.id && req.auth?.via === 'session'
            ? parseCookies(req.headers.cookie)[SESSION_COOKIE]
            : '';
        await endSessions(db, params.id, mine || undefined);
      }
      return updated;
    },
  });

  router.add({
    method: 'POST',
    path: '/users/:id/disable',
    tag: 'people',
    summary: 'Disable a user (admins): no sign-in, sessions end, API tokens stop working',
    description:
      'Reversible with `/enable`; the user, their calls and their tokens stay (tokens work again once enabled). You cannot disable yourself or the last active admin (409).',
    access: 'admin',
    params: idParams,
    response: userSchema,
    errors: [404, 409],
    async handler({ db, params, user }) {
      notSelf(params.id, user, 'disable');
      const done = await disableUser(db, params.id).catch((e) => {
        throw refusal(e);
      });
      if (!done) throw notFound('user');
      return getUser(db, params.id);
    },
  });

  router.add({
    method: 'POST',
    path: '/users/:id/enable',
    tag: 'people',
    summary: 'Enable a disabled user again (admins)',
    access: 'admin',
    params: idParams,
    response: userSchema,
    errors: [404],
    async handler({ db, params }) {
      if (!(await enableUser(db, params.id))) throw notFound('user');
      return getUser(db, params.id);
    },
  });

  router.add({
    method: 'DELETE',
    path: '/users/:id',
    tag: 'people',
    summary: 'Delete a user (admins); their calls stay, under their teams or with `reassignTo`',
    description:
      "Sessions end and the user's API tokens are revoked. Nothing they made is lost: calls and deals stay where their teams' managers see them, or move to `reassignTo`; notes and reviews keep their author. The email can be used again. You cannot delete yourself or the last active admin (409).",
    access: 'admin',
    params: idParams,
    query: userDeleteQuery,
    response: deletedSchema,
    errors: [404, 409],
    async handler({ db, params, query, user }) {
      notSelf(params.id, user, 'delete');
      const done = await deleteUser(db, params.id, { reassignTo: query.reassignTo }).catch((e) => {
        throw refusal(e);
      });
      if (!done) throw notFound('user');
      return done;
    },
  });

  router.add({
    method: 'GET',
    path: '/teams',
    tag: 'people',
    summary: 'Teams with member counts (an admin sees all, others their own)',
    access: 'user',
    response: z.array(teamSchema),
    async handler({ db, user }) {
      return listTeams(db, user);
    },
  });

  router.add({
    method: 'POST',
    path: '/teams',
    tag: 'people',
    summary: 'Create a team (admins)',
    access: 'admin',
    body: teamCreateBody,
    status: 201,
    response: teamSchema,
    errors: [409],
    async handler({ db, body }) {
      return createTeam(db, body.name);
    },
  });

  router.add({
    method: 'GET',
    path: '/tokens',
    tag: 'tokens',
    summary: 'API tokens (admins); the secrets are never shown again',
    access: 'admin',
    response: z.array(tokenSchema),
    async handler({ db }) {
      return listApiTokens(db);
    },
  });

  router.add({
    method: 'POST',
    path: '/tokens',
    tag: 'tokens',
    summary: 'Create an API token (admins); the response holds the secret, once',
    access: 'admin',
    body: tokenCreateBody,
    status: 201,
    response: z.object({ token: z.string(), info: tokenSchema }),
    async handler({ db, body, user }) {
      const userId = body.userId ?? user.id;
      if (!(await getUser(db, userId))) {
        throw new ApiError(400, 'invalid', 'userId: no such user.', 'userId');
      }
      return createApiToken(db, { name: body.name, userId, createdBy: user.id });
    },
  });

  router.add({
    method: 'DELETE',
    path: '/tokens/:id',
    tag: 'tokens',
    summary: 'Revoke an API token (admins)',
    access: 'admin',
    params: idParams,
    status: 204,
    errors: [404],
    async handler({ db, params }) {
      if (!(await revokeApiToken(db, params.id))) throw notFound('token');
    },
  });
}
