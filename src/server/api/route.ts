/**
 * Routes are declared once, as data: method, path, the zod schemas of params, query and body,
 * who may call it, and the handler. The same declaration registers the Fastify route, validates
 * every request, and produces the OpenAPI document, so the document cannot drift from what the
 * server accepts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { ApiError } from '../contract/errors.js';
import type { Database, UserRole } from '../db/schema.js';

/** Who may call a route: anyone, any signed-in user, or at least this role. */
export type Access = 'public' | 'user' | 'manager' | 'admin';

export interface AuthUser {
  id: number;
  email: string;
  name: string;
  role: UserRole;
}

export interface Auth {
  user: AuthUser;
  via: 'session' | 'token';
  csrfToken?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth?: Auth;
  }
}

export interface Ctx<P, Q, B> {
  req: FastifyRequest;
  reply: FastifyReply;
  db: Kysely<Database>;
  params: P;
  query: Q;
  body: B;
  /** Set on every route but `public` ones. */
  user: AuthUser;
}

export interface RouteSpec<P = unknown, Q = unknown, B = unknown> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Fastify path under /api/v1, e.g. `/calls/:id`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** Extra request content types (besides JSON) the body may arrive in, for the document. */
  bodyAlso?: Record<string, z.ZodType>;
  response?: z.ZodType;
  /** Success status (200 unless given). */
  status?: number;
  /** Statuses the route may answer besides success, for the document. */
  errors?: number[];
  handler(ctx: Ctx<P, Q, B>): Promise<unknown>;
}

export const API_PREFIX = '/api/v1';

const RANK: Record<UserRole, number> = { rep: 0, manager: 1, admin: 2 };

/** Parses one part of the request, naming the part in the error (`query.page`). */
function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = issue.path.map(String).join('.');
  const field = path || where;
  throw new ApiError(400, 'invalid', `${field}: ${issue.message}`, field);
}

function authorise(req: FastifyRequest, access: Access): AuthUser {
  const auth = req.auth;
  if (access === 'public') return auth?.user as AuthUser;
  if (!auth) {
    throw new ApiError(
      401,
      'unauthenticated',
      'Sign in, or send an API token as "Authorization: Bearer <token>".',
    );
  }
  if (access !== 'user' && RANK[auth.user.role] < RANK[access]) {
    throw new ApiError(
      403,
      'forbidden',
      `Only ${access === 'admin' ? 'an admin' : 'a manager or admin'} can do this.`,
    );
  }
  return auth.user;
}

export class Router {
  readonly routes: RouteSpec[] = [];

  add<P, Q, B>(spec: RouteSpec<P, Q, B>): void {
    this.routes.push(spec as unknown as RouteSpec);
  }

  register(
    app: FastifyInstance,
    db: Kysely<Database>,
    opts: { checkResponses?: boolean } = {},
  ): void {
    for (const spec of this.routes) {
      app.route({
        method: spec.method,
        url: API_PREFIX + spec.path,
        handler: async (req, reply) => {
          const user = authorise(req, spec.access);
          const ctx: Ctx<unknown, unknown, unknown> = {
            req,
            reply,
            db,
            user,
            params: parse(spec.params, req.params, 'params'),
            query: parse(spec.query, req.query, 'query'),
            body: parse(spec.body, req.body, 'body'),
          };
          const result = await spec.handler(ctx);
          if (reply.sent) return reply;
          if (opts.checkResponses && spec.response && result !== undefined) {
            checkResponse(spec, result);
          }
          reply.code(spec.status ?? 200);
          return result === undefined ? reply.send() : result;
        },
      });
    }
  }
}

/**
 * The handler's result against the route's documented response: a field the schema does not
 * know, or a value of the wrong shape, is a broken contract (the web client and other programs
 * read the document). Throws a 500 naming the route and the field.
 */
export function checkResponse(spec: RouteSpec, result: unknown): void {
  const json = JSON.parse(JSON.stringify(result)) as unknown;
  const r = spec.response!.safeParse(json);
  const where = `${spec.method} ${spec.path}`;
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new ApiError(
      500,
      'contract',
      `response of ${where} does not match its documented schema: ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`,
    );
  }
  const extra = undocumented(json, r.data, '');
  if (extra) {
    throw new ApiError(
      500,
      'contract',
      `response of ${where} has a field its documented schema does not name: ${extra}`,
    );
  }
}

/** The first path present in `sent` and dropped by parsing (zod strips unknown keys). */
function undocumented(sent: unknown, kept: unknown, path: string): string | undefined {
  if (Array.isArray(sent) && Array.isArray(kept)) {
    for (let i = 0; i < sent.length; i++) {
      const hit = undocumented(sent[i], kept[i], `${path}[${i}]`);
      if (hit) return hit;
    }
    return undefined;
  }
  if (sent && typeof sent === 'object' && kept && typeof kept === 'object') {
    for (const [k, v] of Object.entries(sent)) {
      const at = path ? `${path}.${k}` : k;
      if (!(k in kept)) return at;
      const hit = undocumented(v, (kept as Record<string, unknown>)[k], at);
      if (hit) return hit;
    }
  }
  return undefined;
}

/** Query strings arrive as text: a comma-separated list of allowed values. */
export function csvOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .string()
    .regex(
      new RegExp(
        `^(${values.map((v) => v.replace(/[-]/g, '\\-')).join('|')})(,(${values.map((v) => v.replace(/[-]/g, '\\-')).join('|')}))*$`,
      ),
      `use one or more of ${values.join(', ')}, separated by commas`,
    )
    .meta({ description: `Comma-separated: ${values.join(', ')}` });
}

/** A comma-separated list of ids in a query string. */
export const idList = z
  .string()
  .regex(/^\d+(,\d+)*$/, 'use user ids separated by commas')
  .meta({ description: 'Comma-separated user ids' });

export const splitCsv = (s: string | undefined): string[] | undefined =>
  s ? s.split(',') : undefined;
export const splitIds = (s: string | undefined): number[] | undefined =>
  s ? s.split(',').map(Number) : undefined;
