import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../engine/analyze.js';
import { sampleCall } from '../testing.js';
import { effectiveMoments, effectiveWithIdx } from './effective.js';

const CALL = `${sampleCall()}Jordan Blake: We opened a second office in Denver last spring.
Dana Reyes: Congratulations, that sounds like a big year.
`;

test('the effective analysis: corrections applied, dismissed left out, score recomputed, idx kept', () => {
  const analysis = analyze(CALL, { rep: ['Dana Reyes'] });
  assert.deepEqual(
    analysis.moments.map((m) => m.turn),
    [1, 3],
  );
  const same = effectiveWithIdx(analysis, []);
  assert.equal(same.analysis, analysis, 'nothing corrected: the engine analysis itself');
  const active = [
    { id: 1, turn: 1, quote: 'x', corrected: null },
    {
      id: 2,
      turn: 5,
      quote: 'a second office in Denver',
      corrected: { triggerKind: 'stall', triggerSubtype: 'later', responseKind: 'walked-out' },
    },
  ];
  const { analysis: e, idx } = effectiveWithIdx(analysis, active);
  assert.deepEqual(
    e.moments.map((m) => [m.turn, m.trigger.kind, m.response.kind, m.needsReview]),
    [
      [3, 'stall', 'caved', false],
      [5, 'stall', 'walked-out', false],
    ],
  );
  assert.deepEqual(idx, [1, 2], 'stored idx: the engine position, then promoted ones after');
  assert.equal(e.metrics.momentsByResponse.challenged, 0);
  assert.equal(e.metrics.momentsByResponse['walked-out'], 1);
  assert.ok(e.score.willingToWalk < analysis.score.willingToWalk);
  assert.ok(e.moments[1].suggestions.length > 0, 'coached for the corrected trigger');
  const listed = effectiveMoments(analysis, active);
  assert.deepEqual(
    listed.map((m) => [m.turn, m.dismissed, m.origin, m.engine?.responseKind ?? null]),
    [
      [1, true, 'engine', 'challenged'],
      [3, false, 'engine', 'caved'],
      [5, false, 'manager', null],
    ],
  );
  assert.equal(listed[2].speaker, 'Jordan Blake');
  assert.match(listed[2].evidence, /Congratulations/);
});
