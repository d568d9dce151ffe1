import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../engine/analyze.js';
import { CRITERION_IDS } from '../rubric/criteria.js';
import { dealCues, dealPhrase, dealPhrases } from './cues.js';
import { scanAnswers, scanCues } from './scan.js';
import type { LinkedCall } from './types.js';

const ANSWER = 'The answer is that one, plainly.';

/**
 * A two-line call: the example said by `role`, after a neutral line from the other side. A
 * question example may carry its answer: "question >> answer".
 */
function call(example: string, role: 'prospect' | 'rep'): LinkedCall {
  const [said, answer = ANSWER] = example.split(' >> ');
  const lines =
    role === 'rep' ? [`Kay: ${said}`, `Sam: ${answer}`] : ['Kay: Tell me more.', `Sam: ${said}`];
  return { label: 'example', analysis: analyze(lines.join('\n'), { rep: ['Kay'], file: 'x.txt' }) };
}

/** The table test of the deal phrase data: every cue fires on its `fires`, never on `silent`. */
for (const criterion of CRITERION_IDS) {
  const { cues, questions } = dealCues(criterion);
  describe(`data/deals/${criterion}.json`, () => {
    for (const cue of cues) {
      const role = cue.role ?? 'prospect';
      const fired = (example: string) =>
        scanCues([call(example, role)], [cue]).evidence.filter((e) => e.reason === cue.id);
      for (const example of cue.fires) {
        test(`${cue.id} fires: ${example}`, () => {
          const found = fired(example);
          assert.equal(found.length, 1, `expected ${cue.id} on "${example}"`);
          assert.equal(found[0].quote, example, 'the whole sentence is quoted');
        });
      }
      for (const example of cue.silent) {
        test(`${cue.id} stays silent: ${example}`, () => {
          assert.deepEqual(
            fired(example).map((e) => e.quote),
            [],
          );
        });
      }
    }
    for (const question of questions) {
      const answered = (example: string) =>
        scanAnswers([call(example, 'rep')], [question]).filter(
          (e) => e.reason === question.id && e.turn === 1,
        );
      for (const example of question.fires) {
        test(`${question.id} asks: ${example}`, () => {
          const found = answered(example);
          assert.equal(found.length, 1, `expected an answer to "${example}"`);
          assert.equal(found[0].quote, example.split(' >> ')[1] ?? ANSWER);
        });
      }
      for (const example of question.silent) {
        test(`${question.id} does not ask: ${example}`, () => {
          assert.deepEqual(answered(example), []);
        });
      }
    }
  });
}

test('every criterion has phrase data with notes', () => {
  for (const criterion of CRITERION_IDS) {
    const { cues, questions } = dealCues(criterion);
    assert.ok(cues.length + questions.length > 0, criterion);
    for (const c of [...cues, ...questions]) assert.ok(c.note.length > 10, `${criterion} ${c.id}`);
  }
});

/** The phrase lists the finders read in code: each matches its `fires`, never its `silent`. */
describe('data/deal-phrases.json', () => {
  for (const phrase of dealPhrases().values()) {
    for (const example of phrase.fires) {
      test(`${phrase.id} matches: ${example}`, () => assert.match(example, phrase.pattern));
    }
    for (const example of phrase.silent) {
      test(`${phrase.id} stays silent: ${example}`, () =>
        assert.doesNotMatch(example, phrase.pattern));
    }
  }

  test('a phrase list the code names and the file lacks is a clear error', () => {
    assert.throws(
      () => dealPhrase('no-such-list'),
      /deal-phrases\.json: no phrase list "no-such-list"/,
    );
  });
});
