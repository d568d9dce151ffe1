/**
 * Opens the database, migrated to the latest schema: SQLite through better-sqlite3 in WAL mode
 * (a file path, the default), or PostgreSQL through pg's pool when the target is a
 * `postgres://` (or `postgresql://`) URL. Everything else talks to `Kysely<Database>` only,
 * never to the driver.
 */
import { accessSync, constants, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  Kysely,
  type Migration,
  type MigrationProvider,
  Migrator,
  PostgresDialect,
  SqliteDialect,
} from 'kysely';
import pg from 'pg';
import { WalkpointError } from '../../core/errors.js';
import * as m001 from './migrations/001-initial.js';
import * as m002 from './migrations/002-practice.js';
import * as m003 from './migrations/003-deals.js';
import * as m004 from './migrations/004-access.js';
import * as m005 from './migrations/005-needs-review.js';
import * as m006 from './migrations/006-corrections.js';
import * as m007 from './migrations/007-jobs.js';
import * as m008 from './migrations/008-search.js';
import * as m009 from './migrations/009-moment-date.js';
import * as m010 from './migrations/010-call-account.js';
import type { Database } from './schema.js';

/** Migrations in order; a new one is a new file in ./migrations and a line here. */
const MIGRATIONS: Record<string, Migration> = {
  '001-initial': m001,
  '002-practice': m002,
  '003-deals': m003,
  '004-access': m004,
  '005-needs-review': m005,
  '006-corrections': m006,
  '007-jobs': m007,
  '008-search': m008,
  '009-moment-date': m009,
  '010-call-account': m010,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export interface Db {
  db: Kysely<Database>;
  /** `:memory:`, the absolute file path, or the PostgreSQL URL without its password. */
  path: string;
  /** Which engine: behaviour is the same, some plans and limits differ. */
  kind: DbKind;
  close(): Promise<void>;
}

export type DbKind = 'sqlite' | 'postgres';

/** True when `target` names a PostgreSQL server rather than a SQLite file. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target.trim());
}

/** The URL as it may be printed: the password dropped (a malformed URL shows only its scheme). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString();
  } catch {
    return `${url.split('://')[0]}://(malformed URL)`;
  }
}

/** The default database file, relative to the working directory. */
export const DEFAULT_DB_PATH = './.walkpoint/walkpoint.db';

/** How long a write waits for another process' lock before giving up (commands, start-up). */
const BUSY_TIMEOUT_MS = 5000;

/**
 * The server's wait. better-sqlite3 waits synchronously, so every millisecond here stalls every
 * request; under WAL reads never wait, and a write refused fast answers 503 with Retry-After.
 */
export const SERVER_BUSY_TIMEOUT_MS = 200;

/**
 * Opens (creating when missing) and migrates the database at `path` (`:memory:` for tests).
 * Throws WalkpointError in plain words when the file is read-only, locked or not a database.
 * `busyTimeoutMs` is how long a write then waits for another process' lock; opening and
 * migrating always wait up to 5 s.
 */
export async function openDb(
  path: string = DEFAULT_DB_PATH,
  opts: { busyTimeoutMs?: number } = {},
): Promise<Db> {
  if (isPostgresUrl(path)) return openPostgres(path.trim());
  const file = path === ':memory:' ? path : resolve(path);
  let sqlite: BetterSqlite3.Database;
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    sqlite = new BetterSqlite3(file, {
      timeout: Math.max(opts.busyTimeoutMs ?? BUSY_TIMEOUT_MS, BUSY_TIMEOUT_MS),
    });
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
  } catch (e) {
    throw storageError(e, file);
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    if (file !== ':memory:') accessSync(file, constants.W_OK);
    const { error } = await new Migrator({ db, provider }).migrateToLatest();
    if (error) throw error;
    sqlite.pragma(`busy_timeout = ${Math.round(opts.busyTimeoutMs ?? BUSY_TIMEOUT_MS)}`);
  } catch (e) {
    await db.destroy();
    throw storageError(e, file);
  }
  return { db, path: file, kind: 'sqlite', close: () => db.destroy() };
}

/** Connections per process (web server or command); `WALKPOINT_DB_POOL` overrides. */
const DEFAULT_POOL = 10;

/**
 * PostgreSQL hands back bigint (count, sum) and numeric (avg) as strings to keep precision;
 * counts and averages here fit a double, so they arrive as numbers on both engines.
 */
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) {
      return (v: string) => Number(v);
    }
    return format === 'binary'
      ? pg.types.getTypeParser(oid, 'binary')
      : pg.types.getTypeParser(oid, 'text');
  },
};

async function openPostgres(url: string): Promise<Db> {
  const shown = redactUrl(url);
  const poolSize = Number(process.env.WALKPOINT_DB_POOL ?? DEFAULT_POOL);
  if (!Number.isInteger(poolSize) || poolSize < 1) {
    throw new WalkpointError(
      'bad-pool-size',
      `WALKPOINT_DB_POOL must be a whole number of connections, 1 or more (got "${process.env.WALKPOINT_DB_POOL}")`,
    );
  }
  let pool: pg.Pool;
  try {
    pool = new pg.Pool({
      connectionString: url,
      max: poolSize,
      connectionTimeoutMillis: 10_000,
      types: pgTypes,
      // A write waiting on another's row lock gives up like SQLite's busy wait (503 db-locked);
      // waiting does not block the event loop here, so it may wait longer.
      options: `-c lock_timeout=${BUSY_TIMEOUT_MS}`,
    });
  } catch (e) {
    throw storageError(e, shown);
  }
  // An idle connection dropped by the server (restart, failover) must not crash the process;
  // the next query opens a new one or reports the failure.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    const { error } = await new Migrator({ db, provider }).migrateToLatest();
    if (error) throw error;
  } catch (e) {
    await db.destroy();
    throw storageError(e, shown);
  }
  return { db, path: shown, kind: 'postgres', close: () => db.destroy() };
}

/**
 * A driver or file-system failure as a message a person running the server can act on. `file`
 * is the SQLite path or the PostgreSQL URL as shown (without its password).
 */
export function storageError(e: unknown, file: string): Error {
  const err = e as { code?: string; message?: string };
  const code = String(err.code ?? '');
  const where = { file };
  if (isPostgresUrl(file)) return postgresError(e, file);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || /locked/i.test(err.message ?? '')) {
    return new WalkpointError(
      'db-locked',
      'the database is locked by another process; stop the other walkpoint server or set WALKPOINT_DB to another file',
      where,
    );
  }
  if (
    code === 'SQLITE_READONLY' ||
    code === 'EACCES' ||
    code === 'EROFS' ||
    /readonly|read-only/i.test(err.message ?? '')
  ) {
    return new WalkpointError(
      'db-read-only',
      'the database file (or its folder) is read-only; make it writable or set WALKPOINT_DB to a writable path',
      where,
    );
  }
  if (/^SQLITE_FULL/.test(code) || code === 'ENOSPC') {
    return new WalkpointError(
      'disk-full',
      'the disk holding the database is full; free some space and start again',
      where,
    );
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new WalkpointError(
      'db-not-a-database',
      'this file is not a walkpoint database; move it away or set WALKPOINT_DB to another path',
      where,
    );
  }
  if (code === 'SQLITE_CANTOPEN') {
    return new WalkpointError(
      'db-cannot-open',
      'cannot open the database file; check that the folder exists and is writable',
      where,
    );
  }
  return e instanceof Error ? e : new Error(String(e));
}

/** PostgreSQL's connection and server failures, by SQLSTATE or the socket's error code. */
function postgresError(e: unknown, shown: string): Error {
  const err = e as { code?: string; message?: string };
  const code = String(err.code ?? '');
  const msg = err.message ?? '';
  const where = { file: shown };
  if (
    ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET'].includes(
      code,
    ) ||
    ['57P01', '57P02', '57P03'].includes(code) ||
    /timeout expired|Connection terminated/i.test(msg)
  ) {
    return new WalkpointError(
      'db-unreachable',
      `cannot reach PostgreSQL (${code || msg}); check that the server is running and that the host and port in WALKPOINT_DB are right`,
      where,
    );
  }
  if (code === '28P01' || code === '28000' || /password|SASL|SCRAM/i.test(msg)) {
    return new WalkpointError(
      'db-auth-failed',
      'PostgreSQL refused the user name or password; check the credentials in WALKPOINT_DB (postgres://USER:PASSWORD@HOST:PORT/DATABASE)',
      where,
    );
  }
  if (code === '3D000') {
    const name = /database "([^"]+)"/.exec(msg)?.[1] ?? 'named in the URL';
    return new WalkpointError(
      'db-missing',
      `the database ${name} does not exist; create it (createdb ${name}, or CREATE DATABASE) or fix the name in WALKPOINT_DB`,
      where,
    );
  }
  if (code === '42501') {
    return new WalkpointError(
      'db-read-only',
      `the PostgreSQL user may not change this database (${msg}); grant it the rights or use the database owner in WALKPOINT_DB`,
      where,
    );
  }
  if (code === '53100') {
    return new WalkpointError(
      'disk-full',
      "the disk holding PostgreSQL's data is full; free some space and start again",
      where,
    );
  }
  if (code === '55P03' || code === '40P01') {
    return new WalkpointError(
      'db-locked',
      'the rows are locked by another transaction; try again in a moment',
      where,
    );
  }
  if (/invalid URL|Invalid URL/i.test(msg) || code === 'ERR_INVALID_URL') {
    return new WalkpointError(
      'db-bad-url',
      'WALKPOINT_DB is not a valid PostgreSQL URL; write it as postgres://USER:PASSWORD@HOST:PORT/DATABASE',
      where,
    );
  }
  return e instanceof Error ? e : new Error(String(e));
}
