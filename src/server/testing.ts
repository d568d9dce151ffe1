/**
 * Test support (also used by the benchmark): an in-memory server with a known cast of users,
 * and a client that signs in and sends the session cookie and CSRF header like the web app.
 */
import { describe } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { type AppOptions, buildApp } from './app.js';
import { cheapHashesForTests, hashPassword } from './auth/password.js';
import type { Throttle } from './auth/throttle.js';
import { type Db, type DbKind, openDb, SERVER_BUSY_TIMEOUT_MS } from './db/connect.js';
import { createTeam, createUser, type User } from './db/people.js';
import type { JobQueue } from './jobs/queue.js';
import { inlineAnalyzer, workerAnalyzer } from './services/analyzer.js';
import { ingestUpload } from './services/ingest.js';

export const TEST_PASSWORD = 'correct horse battery';

// Sign-in is not what these suites measure: scrypt at full cost made them minutes long.
cheapHashesForTests();

/**
 * The PostgreSQL server tests may create databases on: `npm test` starts a throwaway one and
 * sets this (scripts/pg-cluster.mjs); by hand, point it at any server where you may CREATE
 * DATABASE.
 */
const testPg = () => process.env.WALKPOINT_TEST_PG;

export const PG_SKIP_MESSAGE =
  'PostgreSQL variants skipped: WALKPOINT_TEST_PG is not set (npm test starts a throwaway PostgreSQL and sets it; by hand, set it to a postgres:// URL of a server where you may create databases)';

let fresh = 0;

/**
 * A new, empty PostgreSQL database on `server` (default the test server), for one test file,
 * one test or one bench run: returns its URL and `drop()`, which removes it (closing whatever
 * still holds it open).
 */
export async function freshPostgresDatabase(
  server = testPg(),
  prefix = 'walkpoint_test',
): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = server;
  if (!admin) throw new Error(PG_SKIP_MESSAGE);
  const name = `${prefix}_${process.pid}_${++fresh}_${Date.now().toString(36)}`;
  const run = async (statement: string) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

/**
 * A fresh database of `kind`: SQLite in memory, or a new PostgreSQL database that is dropped
 * when the returned Db is closed.
 */
export async function openTestDb(kind: DbKind, opts: { busyTimeoutMs?: number } = {}): Promise<Db> {
  if (kind === 'sqlite') return openDb(':memory:', opts);
  const { url, drop } = await freshPostgresDatabase();
  const db = await openDb(url, opts);
  return {
    ...db,
    async close() {
      await db.close();
      await drop();
    },
  };
}

/**
 * Declares a suite once per database: `body(kind, open)` runs for SQLite and, when
 * WALKPOINT_TEST_PG is set, for PostgreSQL (each `open()` a fresh database). Without it the
 * PostgreSQL variant shows as skipped, with how to get it.
 */
export function forEachDb(body: (kind: DbKind, open: () => Promise<Db>) => void): void {
  body('sqlite', () => openTestDb('sqlite'));
  if (testPg()) body('postgres', () => openTestDb('postgres'));
  else describe('postgres', { skip: PG_SKIP_MESSAGE }, () => {});
}

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

/**
 * A server as `serve` makes it (the same lock wait), on a fresh database of `kind` (SQLite in
 * memory by default; `postgres`: a new database on WALKPOINT_TEST_PG, dropped on close), or on
 * `dbPath` (a SQLite file or a PostgreSQL URL) when given.
 */
export async function testServer(
  opts: {
    dbPath?: string;
    kind?: DbKind;
    throttle?: Throttle | ((db: Db) => Throttle);
    queue?: (db: Db) => JobQueue;
  } & Pick<AppOptions, 'analyzer' | 'logger' | 'webRoot'> = {},
): Promise<TestServer> {
  const busy = { busyTimeoutMs: SERVER_BUSY_TIMEOUT_MS };
  const db = opts.dbPath
    ? await openDb(opts.dbPath, busy)
    : await openTestDb(opts.kind ?? 'sqlite', busy);
  const cast = await createCast(db);
  const throttle = typeof opts.throttle === 'function' ? opts.throttle(db) : opts.throttle;
  const app = await buildApp({
    db: db.db,
    webRoot: opts.webRoot ?? false,
    throttle,
    // The real worker threads, with time to spare: these suites test the API, not the time
    // budget (analyzer.test.ts does, with budgets of its own), and run beside other test files.
    analyzer: opts.analyzer ?? workerAnalyzer({ budget: { floorMs: 60_000 } }),
    logger: opts.logger,
    queue: opts.queue?.(db),
    checkResponses: true,
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
