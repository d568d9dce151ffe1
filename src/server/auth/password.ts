/** Password hashes: scrypt from node:crypto, stored as `scrypt$N$r$p$salt$hash` (base64url). */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
let cost: { N: number; r: number; p: number } = PARAMS;

/**
 * For tests only (src/server/testing.ts): new hashes at scrypt N = 2^10, about 30 times
 * cheaper, so suites that sign in hundreds of times do not spend minutes hashing. Each stored
 * hash names its own N, r and p, so verifying works the same either way.
 */
export function cheapHashesForTests(): void {
  cost = { ...PARAMS, N: 2 ** 10 };
}
const KEY_LENGTH = 32;
/** scrypt needs 128 * N * r bytes; the default 32 MB cap is just too small for N = 2^15. */
const MAX_MEM = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      password.normalize('NFKC'),
      salt,
      KEY_LENGTH,
      { N, r, p, maxmem: MAX_MEM },
      (err, key) => (err ? reject(err) : resolve(key)),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost.N, cost.r, cost.p);
  return [
    'scrypt',
    cost.N,
    cost.r,
    cost.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

/** True when `password` matches `stored`; false for any malformed hash. Constant-time compare. */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parts = (stored ?? '').split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, N, r, p, salt, hash] = parts;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(
    password,
    Buffer.from(salt, 'base64url'),
    Number(N),
    Number(r),
    Number(p),
  );
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A throwaway hash to verify against when the user does not exist, so timing does not tell. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(8).toString('hex'));
  return dummy;
}

export const MIN_PASSWORD_LENGTH = 8;
