/**
 * A seeded PRNG (mulberry32) whose whole state is one 32-bit number, so a practice session can
 * be stored as JSON and resumed with the same phrasing choices.
 */

/** The starting state for a seed (any integer). */
export function seedState(seed: number): number {
  return (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
}

export { nextRandom } from '../core/prng.js';
