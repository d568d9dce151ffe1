/**
 * The brief fuzz run `npm test` makes: a few seconds of seeded mutated transcripts, then every
 * pathological shape once. No crash is allowed; the shapes must finish within three times the
 * budget in CPU time, which other processes on the same cores do not inflate (the exact budget,
 * in wall time, is checked by `npm run fuzz`, on a machine that is not also running the tests).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { budgetMs, check } from './check.js';
import { fuzzCase, loadSeeds } from './mutate.js';
import { SHAPES } from './shapes.js';

const SEED = 20260;
const SECONDS = 4;

describe('fuzz (brief)', () => {
  it(`${SECONDS} s of mutated transcripts (seed ${SEED}): read or refused clearly`, () => {
    const seeds = loadSeeds();
    const until = performance.now() + SECONDS * 1000;
    let cases = 0;
    for (let i = 0; performance.now() < until || i < 20; i++) {
      const { name, input } = fuzzCase(seeds, SEED, i);
      const outcome = check(input);
      assert.notEqual(outcome.kind, 'crash', `case ${i} (${name}): ${outcome.detail}`);
      cases++;
    }
    assert.ok(cases >= 20);
  });

  for (const shape of SHAPES) {
    it(`${shape.name}: read or refused clearly, within 3x the budget`, () => {
      const outcome = check(shape.make());
      assert.notEqual(outcome.kind, 'crash', outcome.detail);
      const limit = 3 * budgetMs(outcome.bytes);
      // CPU time, not wall time: npm test runs this file beside others on shared cores
      assert.ok(
        outcome.cpuMs < limit,
        `${outcome.cpuMs.toFixed(0)} ms of CPU (${outcome.ms.toFixed(0)} ms wall), limit ${limit.toFixed(0)} ms`,
      );
    });
  }
});
