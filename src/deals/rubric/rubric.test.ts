import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CRITERION_IDS, type CriterionId } from './criteria.js';
import { bandFor, type CriterionScore } from './rubric.js';

/** Scores for all seven, each `fill`, with overrides. */
function scores(fill: CriterionScore, over: Partial<Record<CriterionId, CriterionScore>> = {}) {
  const out = Object.fromEntries(CRITERION_IDS.map((id) => [id, fill])) as Record<
    CriterionId,
    CriterionScore
  >;
  return { ...out, ...over };
}

describe('bandFor', () => {
  test('totals the seven scores', () => {
    assert.equal(bandFor(scores(2)).total, 14);
    assert.equal(bandFor(scores(0)).total, 0);
    assert.equal(bandFor(scores(1, { budget: 2 })).total, 8);
  });

  test('11 or more is real, 6 to 10 gaps, 5 or less hope', () => {
    const at = (total: number) => {
      // compelling reason 2, the rest spread to reach the total
      const rest = CRITERION_IDS.filter((id) => id !== 'compelling-reason');
      const s = scores(0, { 'compelling-reason': 2 });
      let left = total - 2;
      for (const id of rest) {
        const v = Math.min(2, left) as CriterionScore;
        s[id] = v;
        left -= v;
      }
      return bandFor(s);
    };
    assert.equal(at(14).band, 'real');
    assert.equal(at(11).band, 'real');
    assert.equal(at(10).band, 'gaps');
    assert.equal(at(6).band, 'gaps');
    assert.equal(at(5).band, 'hope');
    assert.equal(at(2).band, 'hope');
  });

  test('a 0 on compelling reason is hope whatever the total', () => {
    const verdict = bandFor(scores(2, { 'compelling-reason': 0 }));
    assert.equal(verdict.total, 12);
    assert.equal(verdict.band, 'hope');
    assert.match(verdict.reason, /compelling reason/);
  });

  test('a 1 on compelling reason does not trigger the rule', () => {
    assert.equal(bandFor(scores(2, { 'compelling-reason': 1 })).band, 'real');
  });
});
