/**
 * Test support (also used by the benchmark): an in-memory server with a known cast of users,
 * and a client that signs in and sends the session cookie and CSRF header like the web app.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { inlineAnalyzer } from './analyzer.js';
import { type AppOptions, buildApp } from './app.js';
import { hashPassword } from './auth/password.js';
import type { Throttle } from './auth/throttle.js';
import { type Db, openDb, SERVER_BUSY_TIMEOUT_MS } from './db/connect.js';
import { createTeam, createUser, type User } from './db/people.js';
import { ingestUpload } from './ingest.js';

export const TEST_PASSWORD = 'correct horse battery';

export interface Cast {
  admin: User;
  /** Manager of team A (repA, repA2). */
  manager: User;
  /** Manager of team B (repB). */
  managerB: User;
  repA: User;
  repA2: User;
  repB: User;
}

/** Two teams: A (manager, repA "Dana Reyes", repA2) and B (managerB, repB "Chris Park"). */
export async function createCast(db: Db): Promise<Cast> {
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const a = await createTeam(db.db, 'Team A');
  const b = await createTeam(db.db, 'Team B');
  const user = (email: string, name: string, role: User['role'], teamIds: number[]) =>
    createUser(db.db, { email, name, role, passwordHash, teamIds });
  return {
    admin: await user('admin@test.io', 'Ada Admin', 'admin', []),
    manager: await user('manager@test.io', 'Morgan Lee', 'manager', [a.id]),
    managerB: await user('managerb@test.io', 'Bea Boss', 'manager', [b.id]),
    repA: await user('dana@test.io', 'Dana Reyes', 'rep', [a.id]),
    repA2: await user('sam@test.io', 'Sam Patel', 'rep', [a.id]),
    repB: await user('chris@test.io', 'Chris Park', 'rep', [b.id]),
  };
}

export interface Client {
  request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

export interface TestServer {
  app: FastifyInstance;
  db: Db;
  cast: Cast;
  anonymous: Client;
  /** Signs in (through the API) and returns a client carrying the cookie and CSRF token. */
  login(email: string, password?: string): Promise<Client>;
  /** A client sending `Authorization: Bearer <token>`. */
  withToken(token: string): Client;
  close(): Promise<void>;
}

function client(app: FastifyInstance, base: Record<string, string>): Client {
  return {
    request(method, url, body, headers = {}) {
      return app.inject({
        method,
        url,
        headers: { ...base, ...headers },
        ...(body === undefined
          ? {}
          : typeof body === 'string' || Buffer.isBuffer(body)
            ? { payload: body }
            : { payload: body as object }),
      });
    },
  };
}

/** A server as `serve` makes it (the same lock wait), on `:memory:` unless `dbPath` is given. */
export async function testServer(
  opts: { dbPath?: string; throttle?: Throttle | ((db: Db) => Throttle) } & Pick<
    AppOptions,
    'analyzer' | 'logger' | 'webRoot'
  > = {},
): Promise<TestServer> {
  const db = await openDb(opts.dbPath ?? ':memory:', { busyTimeoutMs: SERVER_BUSY_TIMEOUT_MS });
  const cast = await createCast(db);
  const throttle = typeof opts.throttle === 'function' ? opts.throttle(db) : opts.throttle;
  const app = await buildApp({
    db: db.db,
    webRoot: opts.webRoot ?? false,
    throttle,
    analyzer: opts.analyzer,
    logger: opts.logger,
  });
  return {
    app,
    db,
    cast,
    anonymous: client(app, {}),
    async login(email, password = TEST_PASSWORD) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password },
      });
      if (res.statusCode !== 200) throw new Error(`login ${email}: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      return client(app, { cookie, 'x-csrf-token': res.json().csrfToken });
    },
    withToken: (token) => client(app, { authorization: `Bearer ${token}` }),
    async close() {
      await app.close();
      await db.close();
    },
  };
}

/** A short plain-text call: a price objection the rep challenges, a stall the rep accepts. */
export function sampleCall(rep = 'Dana Reyes', prospect = 'Jordan Blake', salt = ''): string {
  return [
    `${rep}: Thanks for the time today. What made you take this call?${salt}`,
    `${prospect}: Honestly, the price you sent over is way too expensive for us.`,
    `${rep}: Too expensive compared to what? What did you expect it to cost, and what is the problem costing you today?`,
    `${prospect}: Fair question. Look, just send me some information and I'll get back to you.`,
    `${rep}: Sure, I'll email the brochure over and follow up next month.`,
    '',
  ].join('\n');
}

/** A database file with the cast and the sample call stored for repA (analysed inline). */
export async function dbWithSampleCall(path: string) {
  const db = await openDb(path);
  const cast = await createCast(db);
  const call = await ingestUpload(
    db.db,
    cast.admin,
    { filename: 'c.txt', content: sampleCall(), repId: cast.repA.id },
    inlineAnalyzer(),
  );
  return { db, cast, call };
}
