import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isWalkpointError } from '../core/errors.js';
import { evaluateOutside, isOutsideSet } from './outside.js';

function outsideSet(labels: object, calls: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'walkpoint-outside-'));
  mkdirSync(join(dir, 'calls'));
  for (const [name, text] of Object.entries(calls)) writeFileSync(join(dir, 'calls', name), text);
  writeFileSync(join(dir, 'labels.json'), JSON.stringify(labels));
  return dir;
}

const call = [
  'Rita: Thanks for taking the call. We cut invoice processing time in half.',
  "Pat: Honestly, it's way too expensive for us.",
  'Rita: Too much compared with what?',
  'Pat: We have a nice office by the river, the team likes it.',
  'Rita: Sounds lovely. What made you take this call today?',
  'Pat: Just send me some information and I will look at it.',
  'Rita: Sure, I will send it over today.',
].join('\n');

test('an outside set is scored as the held-out check scores it', () => {
  const dir = outsideSet(
    {
      'a-sales-one.txt': {
        rep: 'Rita',
        moments: [
          // found, and graded as one labeller said
          { line: 2, triggers: ['objection:price'], responses: ['pitched-through', 'challenged'] },
          // a stall labelled as a timing objection: the same delay
          { line: 6, triggers: ['objection:timing'], responses: ['gave-up'] },
        ],
        optional: [],
      },
    },
    { 'a-sales-one.txt': call },
  );
  assert.ok(isOutsideSet(dir));
  const r = evaluateOutside(dir);
  assert.equal(r.files, 1);
  assert.equal(r.labelled, 2);
  assert.equal(r.turns.tp, 2);
  assert.equal(r.turns.fn, 0);
  assert.equal(r.grades.total, 2);
  // "Sure, I will send it over" caves: right for the first only
  assert.equal(r.grades.right, 1);
  assert.deepEqual(Object.keys(r.byGroup), ['sales']);
  assert.equal(
    r.reliability.reduce((n, b) => n + b.moments, 0),
    2,
  );
});

test('a moment of the wrong kind is a miss and a false alarm; an optional turn counts neither way', () => {
  const labels = (optional: object[]) => ({
    'b-sales-two.txt': {
      rep: 'Rita',
      moments: [{ line: 2, triggers: ['brush-off'], responses: ['challenged'] }],
      optional,
    },
  });
  const wrong = evaluateOutside(outsideSet(labels([]), { 'b-sales-two.txt': call }));
  assert.equal(wrong.turns.tp, 0);
  assert.equal(wrong.turns.fn, 1);
  // the price moment on line 2 and the stall on line 6 are both false alarms
  assert.equal(wrong.turns.fp, 2);
  const optional = evaluateOutside(
    outsideSet(labels([{ line: 6, trigger: 'stall' }]), { 'b-sales-two.txt': call }),
  );
  assert.equal(optional.turns.fp, 1);
});

test('a labels file that names no turn is a clear error naming the file', () => {
  const dir = outsideSet(
    {
      'c.txt': { rep: 'Rita', moments: [{ line: 99, triggers: ['stall'], responses: ['caved'] }] },
    },
    { 'c.txt': call },
  );
  assert.throws(
    () => evaluateOutside(dir),
    (e: unknown) =>
      isWalkpointError(e) && /line 99/.test(e.message) && /labels\.json/.test(String(e.file)),
  );
});
