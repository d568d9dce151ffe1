/** People: users, teams, roles (admins change them), and API tokens (admins only). */
import { z } from 'zod';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../../auth/password.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../../db/credentials.js';
import {
  createTeam,
  createUser,
  getUser,
  listTeams,
  listUsers,
  missingTeams,
  updateUser,
} from '../../db/people.js';
import { ApiError, notFound } from '../errors.js';
import type { Router } from '../route.js';
import {
  idParams,
  teamCreateBody,
  tokenCreateBody,
  tokenSchema,
  userCreateBody,
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
    access: 'admin',
    params: idParams,
    body: userPatchBody,
    response: userSchema,
    errors: [404],
    async handler({ db, params, body, user }) {
      if (!(await getUser(db, params.id))) throw notFound('user');
      if (params.id === user.id && body.role && body.role !== 'admin') {
        throw new ApiError(400, 'invalid', 'role: you cannot remove your own admin role.', 'role');
      }
      await checkTeams(db, body.teamIds);
      return updateUser(db, params.id, {
        name: body.name,
        role: body.role,
        teamIds: body.teamIds,
        passwordHash: body.password ? await hashPassword(body.password) : undefined,
      });
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
