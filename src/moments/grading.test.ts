import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../analyze.js';

/** The graded response of the first walk-point in a short call (Rita is the rep). */
function gradeOf(lines: string[]): string {
  const analysis = analyze(lines.join('\n'), { rep: ['Rita'] });
  assert.ok(analysis.moments.length > 0, 'the call has a walk-point');
  return analysis.moments[0].response.kind;
}

test('closing the meeting is walking out, even after a label on the way out', () => {
  assert.equal(
    gradeOf([
      'Rita: Thanks for making the time today.',
      "Pat: Honestly, we're happy with our current vendor and we're not looking to switch.",
      "Rita: Understood. It sounds like we're not what you're after, so I'll stop here. Thanks for your time.",
      'Pat: Fine.',
    ]),
    'walked-out',
  );
  assert.equal(
    gradeOf([
      "Pat: Honestly it's way too expensive for us.",
      'Rita: okay then lets just leave it there take care',
      'Pat: okay bye',
    ]),
    'walked-out',
  );
});

test('letting the prospect go with a follow-up left open is giving up, not walking out', () => {
  assert.equal(
    gradeOf([
      "Pat: Look, I've got eight minutes and you're the fourth call today.",
      'Rita: oh sorry sounds like a bad time ill let you go and maybe we can connect some other time',
      'Pat: okay',
    ]),
    'gave-up',
  );
});

test('promising to follow up at a definite near time accepts the stall: caved', () => {
  assert.equal(
    gradeOf([
      'Pat: Let me chew on all of this over the weekend.',
      "Rita: Of course, take your time, and I'll check back in with you next week.",
      'Pat: Thanks.',
    ]),
    'caved',
  );
});

test('a question that only arranges what was asked for does not challenge', () => {
  assert.equal(
    gradeOf([
      'Pat: can you just email me a flyer with the prices on it and ill look at it',
      'Rita: sure yeah whats the best email for you',
      'Pat: its pat at example dot com',
    ]),
    'caved',
  );
  assert.equal(
    gradeOf([
      'Pat: Can you send me a one-pager with the pricing?',
      'Rita: Sure, but what would it need to show for this to be worth another conversation?',
      'Pat: Mostly the cost per site.',
    ]),
    'challenged',
  );
});
