import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Detector, detectors } from '../index.js';
import { detectorTable, findingsFor } from '../table.js';
import concession from './concession.js';
import giveUp from './give-up.js';
import happyEars from './happy-ears.js';
import label from './label.js';
import nextStep from './next-step.js';
import pitch from './pitch.js';
import question from './question.js';
import walkOut from './walk-out.js';

// every detector that reads the rep (or either side) gets its table; the prospect-side trigger
// detectors have theirs in triggers.test.ts
for (const detector of detectors) {
  if (detector.meta.role !== 'prospect') detectorTable(detector);
}

/** Kinds found on the last turn of an "earlier >> utterance" example. */
const kinds = (detector: Detector, example: string) =>
  findingsFor(detector, example).map((f) => f.kind);

test('mirror: echoes the prospect, quotes the echo, and is surer with a question mark', () => {
  const asked = findingsFor(label, 'Try me next quarter. >> Next quarter?');
  assert.deepEqual(
    asked.map((f) => [f.kind, f.reason, f.quote]),
    [['label:mirror', 'mirror', 'Next quarter?']],
  );
  assert.match(asked[0].explanation, /"next quarter"/);
  const unpunctuated = findingsFor(label, 'try me next quarter >> next quarter');
  assert.ok(unpunctuated.length === 1 && unpunctuated[0].confidence < asked[0].confidence);
});

test("mirror: needs the words to be the prospect's, and a turn that is short", () => {
  assert.deepEqual(kinds(label, 'Try me next quarter. >> Next year?'), []);
  assert.deepEqual(kinds(label, 'Next quarter?'), [], 'no earlier turn, nothing to mirror');
  // an echo from the middle of their turn without a question mark is not a mirror
  assert.deepEqual(kinds(label, 'next quarter we expand to Ohio >> next quarter'), []);
  assert.deepEqual(
    kinds(label, 'Try me next quarter. >> So next quarter, and then what happens?'),
    [],
  );
});

test('happy-ears: the same words are hope after a maybe and fine after a commitment', () => {
  const rep = "Great, I'll get the paperwork started.";
  assert.deepEqual(kinds(happyEars, `Could be useful, I guess. >> ${rep}`), ['happy-ears']);
  assert.deepEqual(kinds(happyEars, `Let's do it, send the contract. >> ${rep}`), []);
  assert.deepEqual(kinds(happyEars, `We can start on Monday the 3rd. >> ${rep}`), []);
});

test('concession: "okay, we can do that" is a concession only after a demand', () => {
  assert.deepEqual(kinds(concession, 'Knock 20% off or we walk. >> Okay, we can do that.'), [
    'concession',
  ]);
  assert.deepEqual(kinds(concession, 'Could you send slides first? >> Okay, we can do that.'), []);
});

test('give-up: "then" after a day the prospect named is a next step, not a give-up', () => {
  assert.deepEqual(kinds(giveUp, "Call me Tuesday at 10. >> Great, I'll call you then."), []);
  assert.deepEqual(kinds(giveUp, "Try me in the new year. >> Okay, I'll call you then."), [
    'give-up',
  ]);
});

test('walk-out and next-step: a dated close is a next step, a curt one is a walk-out', () => {
  const polite = "Let's stop here. I'll send the invite for Thursday at 2.";
  assert.deepEqual(kinds(walkOut, polite), []);
  assert.deepEqual(kinds(nextStep, polite), ['next-step']);
  assert.deepEqual(kinds(walkOut, "Let's stop here."), ['walk-out']);
});

test('pitch: a feature monologue is one finding for the turn, surer when longer', () => {
  const [long] = pitch.meta.fires.filter((e) => e.split(' ').length > 40);
  const found = findingsFor(pitch, long);
  assert.deepEqual(
    found.map((f) => f.reason),
    ['feature-monologue'],
  );
  const longer = findingsFor(pitch, `${long} ${long}`);
  assert.ok(longer[0].confidence > found[0].confidence);
});

test('question: reports each question sentence with its cue', () => {
  const found = findingsFor(question, 'We use Gong. What does your team use? Do you like it?');
  assert.deepEqual(
    found.map((f) => [f.reason, f.quote]),
    [
      ['question-mark', 'What does your team use?'],
      ['question-mark', 'Do you like it?'],
    ],
  );
});
