/** What the self-check form says about the statements chosen so far. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { selfCheckProgress } from '../../web/src/selfcheck.js';

const twelve = (fill: (i: number) => number | null | undefined) =>
  Array.from({ length: 12 }, (_, i) => fill(i));

describe('selfCheckProgress', () => {
  test('all chosen: no "rest" is mentioned, answered and skipped are counted apart', () => {
    const line = selfCheckProgress(twelve((i) => (i === 4 ? null : 3)));
    assert.equal(line, 'All 12 statements chosen: 11 answered, 1 skipped.');
    assert.doesNotMatch(line, /rest/);
  });

  test('some chosen: says how many are left and what happens to them', () => {
    assert.equal(
      selfCheckProgress(twelve((i) => (i < 5 ? 2 : i === 5 ? null : undefined))),
      '5 answered, 1 skipped, 6 not chosen yet; a statement left unchosen counts as skipped (it is left out of the scores).',
    );
  });

  test('none chosen yet', () => {
    assert.match(
      selfCheckProgress(twelve(() => undefined)),
      /^0 answered, 0 skipped, 12 not chosen yet/,
    );
  });
});
