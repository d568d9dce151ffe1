/** What the call page says about a correction, and the sentences a manager can promote. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Correction, Reading } from '../../src/server/contract/shapes.js';
import { correctionHeadline, overruledReading, sentencesOf } from '../../web/src/corrections.js';

const reading = (kind: string, subtype: string | null, response: string): Reading => ({
  triggerKind: kind,
  triggerSubtype: subtype,
  responseKind: response,
});

let nextId = 1;
function correction(over: Partial<Correction>): Correction {
  return {
    id: nextId++,
    callId: 1,
    turn: 3,
    quote: 'That is real money for us.',
    action: 'regrade',
    engine: reading('objection', 'price', 'challenged'),
    corrected: reading('objection', 'price', 'caved'),
    reason: null,
    authorId: 2,
    authorName: 'Morgan Lee',
    createdAt: '2026-12-02T10:00:00.000Z',
    revertedAt: null,
    revertedBy: null,
    replies: [],
    ...over,
  };
}

describe('correctionHeadline', () => {
  test('a regrade names the new grade and the one it overruled', () => {
    assert.equal(
      correctionHeadline(correction({})),
      'Corrected by Morgan Lee: caved (was: challenged)',
    );
  });

  test('a retype names the triggers, subtype in brackets', () => {
    const c = correction({
      action: 'retype',
      engine: reading('stall', 'think', 'caved'),
      corrected: reading('objection', 'price', 'caved'),
    });
    assert.equal(
      correctionHeadline(c),
      'Corrected by Morgan Lee: objection (price) (was: stall (think))',
    );
  });

  test('a promotion where the engine found nothing says so', () => {
    const c = correction({ action: 'promote', engine: null });
    assert.equal(
      correctionHeadline(c),
      'Marked as a walk-point by Morgan Lee: objection (price), caved; the engine found none',
    );
  });

  test('a dismissal says what it read before', () => {
    const c = correction({ action: 'dismiss', corrected: null });
    assert.equal(
      correctionHeadline(c),
      'Dismissed by Morgan Lee: not a walk-point (it read objection (price), challenged)',
    );
  });

  test('a correction back to the reading it overrules reads as a confirmation', () => {
    const c = correction({ corrected: reading('objection', 'price', 'challenged') });
    assert.equal(correctionHeadline(c), 'Confirmed by Morgan Lee: objection (price), challenged');
  });
});

describe('overruledReading', () => {
  const promoted = correction({
    action: 'promote',
    engine: null,
    corrected: reading('objection', 'price', 'gave-up'),
    createdAt: '2026-12-02T10:00:00.000Z',
  });
  const regrade = correction({
    engine: null,
    corrected: reading('objection', 'price', 'caved'),
    createdAt: '2026-12-02T10:05:00.000Z',
  });

  test("a later correction overrules the earlier one in force, not the engine's reading", () => {
    const history = [promoted, regrade];
    assert.deepEqual(overruledReading(regrade, history), promoted.corrected);
    assert.equal(
      correctionHeadline(regrade, overruledReading(regrade, history)),
      'Corrected by Morgan Lee: caved (was: gave up)',
    );
    assert.equal(overruledReading(promoted, history), null);
  });

  test('an earlier correction undone before the later one does not count', () => {
    const undone = { ...promoted, revertedAt: '2026-12-02T10:01:00.000Z' };
    assert.equal(overruledReading(regrade, [undone, regrade]), null);
  });

  test('corrections at another turn do not count', () => {
    const elsewhere = { ...promoted, turn: 5 };
    assert.equal(overruledReading(regrade, [elsewhere, regrade]), null);
  });
});

describe('sentencesOf', () => {
  test("splits a turn after . ? ! with offsets into the turn's text", () => {
    const text = 'Fair enough.  We liked the demo, but is it worth it? "Not sure!" Okay';
    const got = sentencesOf({ index: 3, speaker: 'Priya', role: 'prospect', text });
    assert.deepEqual(
      got.map((s) => s.text),
      ['Fair enough.', 'We liked the demo, but is it worth it?', '"Not sure!"', 'Okay'],
    );
    for (const s of got) {
      assert.equal(text.slice(s.start, s.end), s.text);
      assert.equal(s.turn, 3);
    }
  });

  test('leaves out runs of punctuation with no words', () => {
    const got = sentencesOf({ index: 0, speaker: 'P', role: 'prospect', text: 'Hmm... ?! Right.' });
    assert.deepEqual(
      got.map((s) => s.text),
      ['Hmm...', 'Right.'],
    );
  });
});
