/**
 * A seeded PRNG (mulberry32) whose whole state is one 32-bit number, so a practice session can
 * be stored as JSON and resumed with the same phrasing choices.
 */

/** The starting state for a seed (any integer). */
export function seedState(seed: number): number {
  return (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
}

/** The next value in [0, 1) and the state after it. Pure: the caller keeps the state. */
export function nextRandom(state: number): { value: number; state: number } {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return { value: ((t ^ (t >>> 14)) >>> 0) / 4294967296, state: next };
}
