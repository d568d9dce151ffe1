/**
 * Opens the database: SQLite through better-sqlite3 in WAL mode, migrated to the latest schema.
 * Everything else talks to `Kysely<Database>` only, never to the driver.
 */
import { accessSync, constants, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, type Migration, type MigrationProvider, Migrator, SqliteDialect } from 'kysely';
import { WalkpointError } from '../../errors.js';
import * as m001 from './migrations/001-initial.js';
import * as m002 from './migrations/002-practice.js';
import * as m003 from './migrations/003-deals.js';
import * as m004 from './migrations/004-access.js';
import * as m005 from './migrations/005-needs-review.js';
import * as m006 from './migrations/006-corrections.js';
import type { Database } from './schema.js';

/** Migrations in order; a new one is a new file in ./migrations and a line here. */
const MIGRATIONS: Record<string, Migration> = {
  '001-initial': m001,
  '002-practice': m002,
  '003-deals': m003,
  '004-access': m004,
  '005-needs-review': m005,
  '006-corrections': m006,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export interface Db {
  db: Kysely<Database>;
  /** `:memory:` or the absolute file path. */
  path: string;
  close(): Promise<void>;
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
  return { db, path: file, close: () => db.destroy() };
}

/** A driver or file-system failure as a message a person running the server can act on. */
export function storageError(e: unknown, file: string): Error {
  const err = e as { code?: string; message?: string };
  const code = String(err.code ?? '');
  const where = { file };
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
