import assert from 'node:assert/strict';
import { test } from 'node:test';
import { annotate } from '../annotate/index.js';
import type { Finding, MomentResponse } from '../core/types.js';
import { certainty } from './index.js';

const trigger = (detector: string, confidence: number): Finding => ({
  turn: 0,
  kind: 'objection:price',
  span: [0, 5],
  quote: 'price',
  confidence,
  reason: detector === 'trigger-model' ? 'model' : 'too-expensive',
  detector,
  explanation: '',
  role: 'prospect',
});
const graded = (kind: MomentResponse['kind'], reasons: string[], confidence: number) => ({
  kind,
  evidence: '',
  reasons,
  explanation: '',
  confidence,
});
const reply = (text: string) => annotate([{ index: 1, speaker: 'Rita', role: 'rep', text }]);

test('a moment graded by a sure pattern is stated, with the product of both confidences', () => {
  const c = certainty(
    trigger('objection', 0.85),
    graded('challenged', ['tough-question/money'], 0.8),
    reply('Too much compared with what?'),
  );
  assert.deepEqual(c, { confidence: 0.68, needsReview: false });
});

test('a grade read from the form of the reply alone needs review, and says why', () => {
  const c = certainty(
    trigger('objection', 0.85),
    graded('caved', ['no-challenge'], 0.4),
    reply('Right, okay.'),
  );
  assert.equal(c.needsReview, true);
  assert.match(c.reviewReason!, /form of the reply/);
  assert.ok(c.confidence <= 0.5);
});

test('the model calling a reply without any question a challenge needs review', () => {
  const c = certainty(
    trigger('objection', 0.85),
    graded('challenged', ['model/challenge'], 0.78),
    reply('We have helped many clients with exactly this.'),
  );
  assert.equal(c.needsReview, true);
  assert.match(c.reviewReason!, /asked nothing/);
});

test('an unsure model reading of the grade or of the trigger needs review', () => {
  assert.equal(
    certainty(
      trigger('objection', 0.85),
      graded('pitched-through', ['model/pitch'], 0.5),
      reply('It also has dashboards.'),
    ).needsReview,
    true,
  );
  const unsureTrigger = certainty(
    trigger('trigger-model', 0.5),
    graded('caved', ['concession/discount'], 0.8),
    reply('I can knock ten percent off.'),
  );
  assert.equal(unsureTrigger.needsReview, true);
  assert.match(unsureTrigger.reviewReason!, /not sure this is a walk-point/);
});
