/**
 * Login throttling: after `maxFailures` failed sign-ins for one IP and email, that pair is
 * locked for `lockMs`. Kept in memory: one server process; a restart clears it.
 */
export interface Throttle {
  /** Milliseconds left on a lock, or 0 when a try is allowed. */
  lockedFor(ip: string, email: string): number;
  fail(ip: string, email: string): void;
  succeed(ip: string, email: string): void;
}

export function createThrottle(
  opts: { maxFailures?: number; lockMs?: number; now?: () => number } = {},
): Throttle {
  const maxFailures = opts.maxFailures ?? 5;
  const lockMs = opts.lockMs ?? 15 * 60 * 1000;
  const now = opts.now ?? Date.now;
  const state = new Map<string, { failures: number; lockedUntil: number }>();
  const key = (ip: string, email: string) => `${ip}|${email.trim().toLowerCase()}`;
  return {
    lockedFor(ip, email) {
      const s = state.get(key(ip, email));
      if (!s || s.lockedUntil <= now()) return 0;
      return s.lockedUntil - now();
    },
    fail(ip, email) {
      const k = key(ip, email);
      const s = state.get(k) ?? { failures: 0, lockedUntil: 0 };
      if (s.lockedUntil && s.lockedUntil <= now()) {
        s.failures = 0;
        s.lockedUntil = 0;
      }
      s.failures += 1;
      if (s.failures >= maxFailures) s.lockedUntil = now() + lockMs;
      state.set(k, s);
      // Bounded memory: forget the oldest pairs when an attacker sprays many emails.
      if (state.size > 10_000) state.delete(state.keys().next().value as string);
    },
    succeed(ip, email) {
      state.delete(key(ip, email));
    },
  };
}
