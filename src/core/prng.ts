/**
 * mulberry32: a small, fast, seedable pseudo-random generator whose whole state is one 32-bit
 * number. Used wherever the project needs repeatable "randomness": training order, practice
 * phrasing, the benchmark corpus.
 */

/** The next value in [0, 1) and the state after it. Pure: the caller keeps the state. */
export function nextRandom(state: number): { value: number; state: number } {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return { value: ((t ^ (t >>> 14)) >>> 0) / 4294967296, state: next };
}

/** A generator function over the same sequence, starting from `seed`. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    const r = nextRandom(state);
    state = r.state;
    return r.value;
  };
}
