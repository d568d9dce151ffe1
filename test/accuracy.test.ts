/**
 * The regression guard: the engine measured on the project's own held-out test split (never used
 * to tune anything) and on the bundled examples, against floors a little below the figures
 * measured when the floors were set. A change that breaks accuracy fails CI. The figures
 * themselves are reported by `walkpoint eval`, not asserted here.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateCalls, findLabelFiles } from '../src/eval/calls.js';
import { evaluateUtterances } from '../src/eval/utterances.js';

const root = new URL('../', import.meta.url).pathname;

test('test split calls: walk-point turns and graded responses stay above their floors', () => {
  const r = evaluateCalls(findLabelFiles([`${root}corpus/calls`]), { split: 'test' });
  assert.equal(r.calls, 14);
  // measured 0.841 trigger F1 and 0.900 response accuracy
  assert.ok(r.anyTrigger.engine.f1 >= 0.82, `trigger F1 ${r.anyTrigger.engine.f1}`);
  assert.ok(r.response.accuracy >= 0.9, `response accuracy ${r.response.accuracy}`);
  // the engine must beat its baselines by a clear margin
  assert.ok(r.anyTrigger.engine.f1 > r.anyTrigger.keywords.f1 + 0.2);
  assert.ok(r.response.accuracy > r.response.majorityBaseline + 0.3);
});

test('test split utterances: resistance and questions stay above their floors', () => {
  for (const [set, floor] of [
    ['set-a', 0.76],
    ['set-b', 0.88],
  ] as const) {
    const r = evaluateUtterances(`${root}corpus/utterances/${set}.jsonl`, { split: 'test' });
    assert.ok(r.anyTrigger, 'trigger labels were read');
    // measured 0.818 (set-a: 22 positives; 0.837 before the model also learnt outside voices,
    // one more false alarm and one more miss) and 0.889 (set-b)
    assert.ok(r.anyTrigger.engine.f1 >= floor, `${set} resistance F1 ${r.anyTrigger.engine.f1}`);
    assert.ok((r.byKind?.engine.question?.f1 ?? 0) >= 0.95, `${set} question F1`);
  }
});

test('bundled examples: every labelled moment is found and most are graded as labelled', () => {
  const r = evaluateCalls(findLabelFiles([`${root}examples`]));
  assert.ok(r.calls >= 10);
  assert.ok(r.anyTrigger.engine.recall >= 0.95, `recall ${r.anyTrigger.engine.recall}`);
  assert.ok(r.response.accuracy >= 0.9, `response accuracy ${r.response.accuracy}`);
});
