/**
 * The sign-in throttle's counts and locks in the database, so a restart does not lift a lock.
 * Only storage: what counts and what locks is decided in ../auth/throttle.ts. Times are epoch
 * milliseconds here and ISO-8601 text in the table, like every other time.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import { isPostgres } from './dialect.js';
import type { Database } from './schema.js';

export interface ThrottleEntry {
  failures: number;
  /** First failure of the current window. */
  since: number;
  last: number;
  /** 0 when not locked. */
  lockedUntil: number;
  /** When the entry means nothing any more and may go. */
  expires: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The live (unexpired) entries among `keys`. */
export async function readThrottle(
  db: Kysely<Database> | Transaction<Database>,
  keys: string[],
  now: number,
): Promise<Map<string, ThrottleEntry>> {
  const rows = await db
    .selectFrom('login_throttle')
    .selectAll()
    .where('key', 'in', keys)
    .where('expires_at', '>', iso(now))
    .execute();
  return new Map(
    rows.map((r) => [
      r.key,
      {
        failures: r.failures,
        since: Date.parse(r.since_at),
        last: Date.parse(r.last_at),
        lockedUntil: r.locked_until ? Date.parse(r.locked_until) : 0,
        expires: Date.parse(r.expires_at),
      },
    ]),
  );
}

/**
 * Holds `keys` until the transaction ends, so two servers counting a failure for the same key
 * at once both count (read, add one, write). PostgreSQL: transaction-scoped advisory locks,
 * taken in one order so two such transactions cannot deadlock. SQLite needs none: a second
 * writer's transaction fails (busy) instead of overwriting.
 */
export async function lockThrottleKeys(trx: Transaction<Database>, keys: string[]): Promise<void> {
  if (!isPostgres(trx)) return;
  for (const key of [...new Set(keys)].sort()) {
    await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
  }
}

/** Writes entries (insert or replace), drops keys, and forgets every expired entry. */
export async function writeThrottle(
  db: Kysely<Database> | Transaction<Database>,
  put: [string, ThrottleEntry][],
  drop: string[],
  now: number,
): Promise<void> {
  for (const [key, e] of put) {
    const row = {
      failures: e.failures,
      since_at: iso(e.since),
      last_at: iso(e.last),
      locked_until: e.lockedUntil ? iso(e.lockedUntil) : null,
      expires_at: iso(e.expires),
    };
    await db
      .insertInto('login_throttle')
      .values({ key, ...row })
      .onConflict((oc) => oc.column('key').doUpdateSet(row))
      .execute();
  }
  if (drop.length > 0) await db.deleteFrom('login_throttle').where('key', 'in', drop).execute();
  await db.deleteFrom('login_throttle').where('expires_at', '<=', iso(now)).execute();
}
