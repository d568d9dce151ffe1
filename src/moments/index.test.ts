import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { annotateTurn } from '../annotate/index.js';
import type { AnnotatedTurn, Finding } from '../core/types.js';
import type { Role } from '../core/vocabulary.js';
import { report } from '../detect/report.js';
import { findMoments, gradeResponse } from './index.js';

/** A conversation from [role, text] pairs, and findings placed by [turn, kind, reason]. */
function call(lines: [Role, string][]): AnnotatedTurn[] {
  return lines.map(([role, text], index) =>
    annotateTurn({ index, role, speaker: role === 'rep' ? 'Rita' : 'Pat', text }),
  );
}
function finding(turns: AnnotatedTurn[], turn: number, kind: string, confidence = 0.8): Finding {
  return report(turns[turn], 'test', {
    kind,
    confidence,
    reason: `${kind}-cue`,
    explanation: 'test finding',
  });
}

test('a prospect trigger followed by a tough question is challenged', () => {
  const turns = call([
    ['prospect', 'Send me some information.'],
    ['rep', 'Happy to. What would it need to show to earn another talk?'],
  ]);
  const [m] = findMoments(turns, [
    finding(turns, 0, 'stall:info'),
    finding(turns, 1, 'tough-question'),
  ]);
  assert.equal(m.trigger.kind, 'stall');
  assert.equal(m.trigger.subtype, 'info');
  assert.equal(m.response.kind, 'challenged');
  assert.equal(m.response.turn, 1);
});

test('the strongest trigger of a turn wins; ties go to the harder moment', () => {
  const turns = call([
    ['prospect', 'Too expensive, and send me a deck.'],
    ['rep', 'Sure.'],
  ]);
  const [m] = findMoments(turns, [
    finding(turns, 0, 'stall:info', 0.8),
    finding(turns, 0, 'objection:price', 0.8),
  ]);
  assert.equal(m.trigger.kind, 'objection');
  assert.equal(m.response.kind, 'caved', 'a bare "sure" accepts the position');
});

test('a concession after a question is still a cave; a question after a concession trades', () => {
  const turns = call([
    ['prospect', 'Match their price or we walk.'],
    ['rep', 'What would you do in return? Fine, ten percent off.'],
    ['prospect', 'Sharpen your pencil.'],
    ['rep', 'I can do five percent. What could you do in return?'],
  ]);
  const [first, second] = findMoments(turns, [
    finding(turns, 0, 'demand:ultimatum'),
    { ...finding(turns, 1, 'tough-question'), span: [0, 10] },
    { ...finding(turns, 1, 'concession'), span: [30, 40] },
    finding(turns, 2, 'demand:concession'),
    { ...finding(turns, 3, 'concession'), span: [0, 10] },
    { ...finding(turns, 3, 'tough-question'), span: [20, 30] },
  ]);
  assert.equal(first.response.kind, 'caved');
  assert.equal(second.response.kind, 'challenged');
});

test('walking out beats everything but a challenge; no rep turn is none', () => {
  const turns = call([
    ['prospect', 'You have five minutes.'],
    ['rep', 'Then this is not worth our time.'],
    ['prospect', 'Let me think about it.'],
  ]);
  const moments = findMoments(turns, [
    finding(turns, 0, 'brush-off'),
    finding(turns, 1, 'walk-out'),
    finding(turns, 2, 'stall:think'),
  ]);
  assert.deepEqual(
    moments.map((m) => m.response.kind),
    ['walked-out', 'none'],
  );
});

test('backchannels do not end the response window', () => {
  const turns = call([
    ['prospect', 'We are happy with our current vendor.'],
    ['rep', 'Totally get it.'],
    ['prospect', 'Yeah.'],
    ['rep', 'What would they have to get wrong before you looked elsewhere?'],
  ]);
  const [m] = findMoments(turns, [
    finding(turns, 0, 'objection:incumbent'),
    finding(turns, 3, 'tough-question'),
  ]);
  assert.equal(m.response.kind, 'challenged');
  assert.equal(m.response.turn, 3);
});

test('a give-up right after tough questions is a clean no, not giving up', () => {
  const turns = call([
    ['rep', 'What happens if you do nothing this year?'],
    ['prospect', 'Honestly nothing, we do not need it.'],
    ['rep', 'Then let us leave it there, thanks for being straight.'],
  ]);
  const [m] = findMoments(turns, [
    finding(turns, 0, 'tough-question'),
    finding(turns, 1, 'objection:need'),
    finding(turns, 2, 'give-up'),
  ]);
  assert.equal(m.response.kind, 'challenged');
  assert.match(m.response.explanation, /clean no/);
});

test('a long answer with no question pitches through', () => {
  const long = Array.from({ length: 12 }, () => 'our platform does this well').join(' and ');
  const turns = call([
    ['prospect', 'We do not really need this.'],
    ['rep', long],
  ]);
  const [m] = findMoments(turns, [finding(turns, 0, 'objection:need')]);
  assert.equal(m.response.kind, 'pitched-through');
});

describe('a follow-up promised for a definite time is a cave, a vague one a give-up', () => {
  const graded = (text: string, cue: string) => {
    const turn = annotateTurn({ index: 1, speaker: 'Rita', role: 'rep', text });
    const at = text.indexOf(cue);
    const f: Finding = {
      turn: 1,
      kind: 'give-up',
      span: [at, at + cue.length],
      quote: cue,
      confidence: 0.8,
      reason: 'vague-follow-up',
      detector: 'give-up',
      explanation: '',
      role: 'rep',
    };
    return gradeResponse([turn], [f], false).kind;
  };
  const rows: [string, string][] = [
    ["I'll check back in next week.", 'caved'],
    ["I'll check back on Tuesday.", 'caved'],
    ["I'll check back on Saturday.", 'caved'],
    ["I'll check back tomorrow morning.", 'caved'],
    ["I'll check back on the 14th.", 'caved'],
    ["I'll check back at 3pm.", 'caved'],
    ["I'll check back sometime.", 'gave-up'],
    ["I'll check back next quarter.", 'gave-up'],
  ];
  for (const [text, grade] of rows) {
    test(`${text} -> ${grade}`, () => assert.equal(graded(text, "I'll check back"), grade));
  }
});
