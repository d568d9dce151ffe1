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
 * Kept in memory, in one table of at most `maxEntries` keys: when full it forgets what has
 * expired, then the least recently touched key that is *not* locked; a lock is never forgotten
 * before it ends (past `4 * maxEntries` locks the soonest-ending go first, so memory stays
 * bounded). One server process; a restart clears it. A later step keeps this in the database.
 */
export interface Throttle {
  /** Milliseconds left on a lock, or 0 when a try is allowed. */
  lockedFor(ip: string, email: string): number;
  fail(ip: string, email: string): void;
  succeed(ip: string, email: string): void;
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
  maxEntries?: number;
  now?: () => number;
}

/** The memory throttle; `size()` is for tests and monitoring. */
export interface MemoryThrottle extends Throttle {
  size(): number;
}

interface Entry {
  failures: number;
  /** First failure of the current window. */
  since: number;
  last: number;
  lockedUntil: number;
  /** When the entry means nothing any more and may go. */
  expires: number;
}

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

export function createThrottle(opts: ThrottleOptions = {}): MemoryThrottle {
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
    maxEntries: 10_000,
    ...opts,
  };
  const now = opts.now ?? Date.now;
  /** Least recently touched first (a touched key is moved to the end). */
  const table = new Map<string, Entry>();
  const normal = (email: string) => email.trim().toLowerCase();
  const keys = (ip: string, email: string) => ({
    pair: `p|${ip}|${normal(email)}`,
    ip: `i|${ipBlock(ip)}`,
    account: `a|${normal(email)}`,
    known: `k|${ipBlock(ip)}|${normal(email)}`,
  });

  const live = (key: string, t: number): Entry | undefined => {
    const e = table.get(key);
    if (e && e.expires <= t) {
      table.delete(key);
      return undefined;
    }
    return e;
  };
  const left = (e: Entry | undefined, t: number) =>
    e && e.lockedUntil > t ? e.lockedUntil - t : 0;

  function store(key: string, e: Entry): void {
    table.delete(key);
    table.set(key, e);
  }

  /**
   * Forgets keys that hold no lock, least recently touched first, until the table fits again;
   * locks met on the way are moved to the back, and `fresh` (the keys just counted) stay, or a
   * table full of locks would stop anything new from being counted.
   */
  function fit(...fresh: string[]): void {
    if (table.size <= o.maxEntries) return;
    const t = now();
    for (let seen = table.size; seen > 0 && table.size > o.maxEntries; seen--) {
      const [key, e] = table.entries().next().value as [string, Entry];
      table.delete(key);
      if (fresh.includes(key) || (e.lockedUntil > t && e.expires > t)) table.set(key, e);
    }
    if (table.size <= o.maxEntries * 4) return;
    // Only locks left, and far too many of them: the soonest-ending go first.
    const byEnd = [...table.entries()].sort((x, y) => x[1].lockedUntil - y[1].lockedUntil);
    for (const [key] of byEnd.slice(0, table.size - o.maxEntries * 4)) table.delete(key);
  }

  /** Counts a failure on `key` within `windowMs`; returns the entry, not yet stored. */
  function count(key: string, t: number, windowMs: number, fromLast: boolean): Entry {
    const e = live(key, t) ?? { failures: 0, since: t, last: t, lockedUntil: 0, expires: 0 };
    if (t - (fromLast ? e.last : e.since) > windowMs) {
      e.failures = 0;
      e.since = t;
    }
    e.failures += 1;
    e.last = t;
    return e;
  }

  return {
    lockedFor(ip, email) {
      const t = now();
      const k = keys(ip, email);
      const pair = left(live(k.pair, t), t);
      if (live(k.known, t)) return pair;
      return Math.max(pair, left(live(k.ip, t), t), left(live(k.account, t), t));
    },

    fail(ip, email) {
      const t = now();
      const k = keys(ip, email);

      const pair = count(k.pair, t, o.lockMs, true);
      if (pair.lockedUntil > 0 && pair.lockedUntil <= t) {
        // A lock served in full starts a fresh count.
        pair.failures = 1;
        pair.lockedUntil = 0;
      }
      if (pair.failures >= o.maxFailures) pair.lockedUntil = t + o.lockMs;
      pair.expires = Math.max(pair.lockedUntil, t + o.lockMs);
      store(k.pair, pair);

      const byIp = count(k.ip, t, o.ipWindowMs, false);
      if (byIp.failures >= o.ipMaxFailures) {
        byIp.lockedUntil = t + o.ipLockMs;
        byIp.failures = 0;
        byIp.since = t;
      }
      byIp.expires = Math.max(byIp.lockedUntil, byIp.since + o.ipWindowMs);
      store(k.ip, byIp);

      const account = count(k.account, t, o.accountWindowMs, true);
      const over = account.failures - o.accountMaxFailures;
      if (over >= 0) {
        account.lockedUntil =
          t + Math.min(o.accountBaseMs * 2 ** Math.min(over, 30), o.accountMaxLockMs);
      }
      account.expires = Math.max(account.lockedUntil, t + o.accountWindowMs);
      store(k.account, account);
      fit(k.pair, k.ip, k.account);
    },

    succeed(ip, email) {
      const t = now();
      const k = keys(ip, email);
      table.delete(k.pair);
      // The IP's and the account's counts stay: signing in to an account of the attacker's own
      // must not reset a spray, and the user's own sign-in must not give a guesser ten more
      // tries. The user is not held by either from this IP any more (the known mark).
      store(k.known, { failures: 0, since: t, last: t, lockedUntil: 0, expires: t + o.knownMs });
      fit(k.known);
    },

    size: () => table.size,
  };
}
