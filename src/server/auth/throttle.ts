/**
 * Login throttling, three limits at once:
 *
 * - **one IP, one email**: after `maxFailures` failures that pair is locked for `lockMs`;
 * - **one IP, any emails** (password spraying): after `ipMaxFailures` failures within
 *   `ipWindowMs` the IP is locked for `ipLockMs`, whatever email it tries next (IPv6 addresses
 *   count per /64, what one machine usually holds);
 * - **one email, any IPs**: after `accountMaxFailures` failures the account answers only after
 *   a delay that doubles with each further failure (`accountBaseMs`, 2x, 4x, ...) up to
 *   `accountMaxLockMs`, and is forgotten after `accountWindowMs` without a failure. The delay
 *   is never longer than the cap, and an IP the user has signed in from before is not held by
 *   it (nor by the IP lock), so an attacker cannot keep a real user out for good.
 *
 * The rules are decided here once; two stores keep the counts. `createDbThrottle` keeps them in
 * the database (what the server uses: a restart lifts no lock; expired rows are dropped as it
 * goes). `createThrottle` keeps them in memory, in one table of at most `maxEntries` keys: when
 * full it forgets what has expired, then the least recently touched key that is *not* locked;
 * a lock is never forgotten before it ends (past `4 * maxEntries` locks the soonest-ending go
 * first, so memory stays bounded).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import {
  lockThrottleKeys,
  readThrottle,
  type ThrottleEntry,
  writeThrottle,
} from '../db/throttle.js';

export interface Throttle {
  /** Milliseconds left on a lock, or 0 when a try is allowed. */
  lockedFor(ip: string, email: string): number | Promise<number>;
  fail(ip: string, email: string): void | Promise<void>;
  succeed(ip: string, email: string): void | Promise<void>;
}

export interface ThrottleOptions {
  maxFailures?: number;
  lockMs?: number;
  ipMaxFailures?: number;
  ipWindowMs?: number;
  ipLockMs?: number;
  accountMaxFailures?: number;
  accountBaseMs?: number;
  accountMaxLockMs?: number;
  accountWindowMs?: number;
  /** How long a successful sign-in marks the IP as the user's own. */
  knownMs?: number;
  /** Memory store only: how many keys the table holds. */
  maxEntries?: number;
  now?: () => number;
}

/** The memory throttle answers at once; `size()` is for tests and monitoring. */
export interface MemoryThrottle extends Throttle {
  lockedFor(ip: string, email: string): number;
  fail(ip: string, email: string): void;
  succeed(ip: string, email: string): void;
  size(): number;
}

type Entry = ThrottleEntry;
type Entries = Map<string, Entry>;

const MINUTE = 60 * 1000;

/** The part of an address one attacker holds: an IPv4 address, an IPv6 /64. */
export function ipBlock(ip: string): string {
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (v4) return v4[1];
  if (!ip.includes(':')) return ip;
  const [head, tail = ''] = ip.toLowerCase().split('%')[0].split('::');
  const left = head ? head.split(':') : [];
  const right = ip.includes('::') && tail ? tail.split(':') : [];
  const full = ip.includes('::')
    ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${full
    .slice(0, 4)
    .map((h) => h.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

interface Keys {
  pair: string;
  ip: string;
  account: string;
  known: string;
}

/** The rules, over whatever entries a store read for one sign-in. */
function rules(opts: ThrottleOptions) {
  const o = {
    maxFailures: 5,
    lockMs: 15 * MINUTE,
    ipMaxFailures: 20,
    ipWindowMs: 15 * MINUTE,
    ipLockMs: 15 * MINUTE,
    accountMaxFailures: 10,
    accountBaseMs: MINUTE,
    accountMaxLockMs: 15 * MINUTE,
    accountWindowMs: 60 * MINUTE,
    knownMs: 30 * 24 * 60 * MINUTE,
    ...opts,
  };
  const normal = (email: string) => email.trim().toLowerCase();
  const left = (e: Entry | undefined, t: number) =>
    e && e.lockedUntil > t ? e.lockedUntil - t : 0;

  /** Counts one failure on `e` within `windowMs` (from the first or the last failure). */
  function count(e: Entry | undefined, t: number, windowMs: number, fromLast: boolean): Entry {
    const n = e ? { ...e } : { failures: 0, since: t, last: t, lockedUntil: 0, expires: 0 };
    if (t - (fromLast ? n.last : n.since) > windowMs) {
      n.failures = 0;
      n.since = t;
    }
    n.failures += 1;
    n.last = t;
    return n;
  }

  return {
    keys(ip: string, email: string): Keys {
      return {
        pair: `p|${ip}|${normal(email)}`,
        ip: `i|${ipBlock(ip)}`,
        account: `a|${normal(email)}`,
        known: `k|${ipBlock(ip)}|${normal(email)}`,
      };
    },

    lockedFor(k: Keys, live: Entries, t: number): number {
      const pair = left(live.get(k.pair), t);
      if (live.has(k.known)) return pair;
      return Math.max(pair, left(live.get(k.ip), t), left(live.get(k.account), t));
    },

    /** The entries to store after a failure. */
    fail(k: Keys, live: Entries, t: number): [string, Entry][] {
      const pair = count(live.get(k.pair), t, o.lockMs, true);
      if (pair.lockedUntil > 0 && pair.lockedUntil <= t) {
        // A lock served in full starts a fresh count.
        pair.failures = 1;
        pair.lockedUntil = 0;
      }
      if (pair.failures >= o.maxFailures) pair.lockedUntil = t + o.lockMs;
      pair.expires = Math.max(pair.lockedUntil, t + o.lockMs);

      const byIp = count(live.get(k.ip), t, o.ipWindowMs, false);
      if (byIp.failures >= o.ipMaxFailures) {
        byIp.lockedUntil = t + o.ipLockMs;
        byIp.failures = 0;
        byIp.since = t;
      }
      byIp.expires = Math.max(byIp.lockedUntil, byIp.since + o.ipWindowMs);

      const account = count(live.get(k.account), t, o.accountWindowMs, true);
      const over = account.failures - o.accountMaxFailures;
      if (over >= 0) {
        account.lockedUntil =
          t + Math.min(o.accountBaseMs * 2 ** Math.min(over, 30), o.accountMaxLockMs);
      }
      account.expires = Math.max(account.lockedUntil, t + o.accountWindowMs);
      return [
        [k.pair, pair],
        [k.ip, byIp],
        [k.account, account],
      ];
    },

    /**
     * After a success: the pair's count goes. The IP's and the account's counts stay: signing in
     * to an account of the attacker's own must not reset a spray, and the user's own sign-in
     * must not give a guesser ten more tries. This IP is marked as the user's own instead.
     */
    succeed(k: Keys, t: number): { put: [string, Entry][]; drop: string[] } {
      const known = { failures: 0, since: t, last: t, lockedUntil: 0, expires: t + o.knownMs };
      return { put: [[k.known, known]], drop: [k.pair] };
    },
  };
}

/** The throttle over the database (the server's); the counts survive a restart. */
export function createDbThrottle(db: Kysely<Database>, opts: ThrottleOptions = {}): Throttle {
  const r = rules(opts);
  const now = opts.now ?? Date.now;
  const all = (k: Keys) => [k.pair, k.ip, k.account, k.known];
  return {
    async lockedFor(ip, email) {
      const k = r.keys(ip, email);
      const t = now();
      return r.lockedFor(k, await readThrottle(db, all(k), t), t);
    },
    async fail(ip, email) {
      const k = r.keys(ip, email);
      const t = now();
      await db.transaction().execute(async (trx) => {
        await lockThrottleKeys(trx, all(k));
        const put = r.fail(k, await readThrottle(trx, all(k), t), t);
        await writeThrottle(trx, put, [], t);
      });
    },
    async succeed(ip, email) {
      const k = r.keys(ip, email);
      const t = now();
      const { put, drop } = r.succeed(k, t);
      await db.transaction().execute((trx) => writeThrottle(trx, put, drop, t));
    },
  };
}

/** The throttle in memory (one process; a restart clears it), bounded as described above. */
export function createThrottle(opts: ThrottleOptions = {}): MemoryThrottle {
  const r = rules(opts);
  const maxEntries = opts.maxEntries ?? 10_000;
  const now = opts.now ?? Date.now;
  /** Least recently touched first (a touched key is moved to the end). */
  const table = new Map<string, Entry>();

  const read = (k: Keys, t: number): Entries => {
    const out: Entries = new Map();
    for (const key of [k.pair, k.ip, k.account, k.known]) {
      const e = table.get(key);
      if (e && e.expires <= t) table.delete(key);
      else if (e) out.set(key, e);
    }
    return out;
  };

  function store(put: [string, Entry][]): void {
    for (const [key, e] of put) {
      table.delete(key);
      table.set(key, e);
    }
    fit(put.map(([key]) => key));
  }

  /**
   * Forgets keys that hold no lock, least recently touched first, until the table fits again;
   * locks met on the way are moved to the back, and `fresh` (the keys just counted) stay, or a
   * table full of locks would stop anything new from being counted.
   */
  function fit(fresh: string[]): void {
    if (table.size <= maxEntries) return;
    const t = now();
    for (let seen = table.size; seen > 0 && table.size > maxEntries; seen--) {
      const [key, e] = table.entries().next().value as [string, Entry];
      table.delete(key);
      if (fresh.includes(key) || (e.lockedUntil > t && e.expires > t)) table.set(key, e);
    }
    if (table.size <= maxEntries * 4) return;
    // Only locks left, and far too many of them: the soonest-ending go first.
    const byEnd = [...table.entries()].sort((x, y) => x[1].lockedUntil - y[1].lockedUntil);
    for (const [key] of byEnd.slice(0, table.size - maxEntries * 4)) table.delete(key);
  }

  return {
    lockedFor(ip, email) {
      const t = now();
      const k = r.keys(ip, email);
      return r.lockedFor(k, read(k, t), t);
    },
    fail(ip, email) {
      const t = now();
      const k = r.keys(ip, email);
      store(r.fail(k, read(k, t), t));
    },
    succeed(ip, email) {
      const k = r.keys(ip, email);
      const { put, drop } = r.succeed(k, now());
      for (const key of drop) table.delete(key);
      store(put);
    },
    size: () => table.size,
  };
}
