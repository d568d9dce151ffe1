/** `walkpoint eval` on labelled calls says when the calls it measured trained the shipped models. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli } from './testing.js';

const EXAMPLES = fileURLToPath(new URL('../../examples', import.meta.url));

describe('walkpoint eval: training data is named as such', () => {
  let dir: string;

  before(() => {
    // A labelled call of the user's own, marked train: their split, not the models' training data.
    dir = mkdtempSync(join(tmpdir(), 'walkpoint-eval-'));
    writeFileSync(
      join(dir, 'own.txt'),
      [
        'Rita Rep: Hi Pat, thanks for the time. What made you take the call?',
        'Pat Prospect: Honestly, just email me a brochure and I will look at it.',
        'Rita Rep: Happy to. Before I do, what would it need to show for us to talk again?',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'own.labels.json'),
      JSON.stringify({
        call: 'own.txt',
        split: 'train',
        rep: ['Rita Rep'],
        moments: [
          {
            quote: 'just email me a brochure',
            trigger: 'stall',
            subtype: 'info',
            response: 'challenged',
          },
        ],
      }),
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the examples: a note in the text, trainingData and the note in JSON', async () => {
    const text = await runCli('eval', EXAMPLES);
    assert.equal(text.code, 0, text.err);
    assert.match(
      text.out,
      /^Labelled calls: 12 calls.*\nNote: All 12 calls measured are training data/,
    );
    assert.match(text.out, /not how the engine does on new calls/);
    const json = await runCli('eval', EXAMPLES, '--json');
    const { calls } = JSON.parse(json.out);
    assert.equal(calls.trainingData, true);
    assert.equal(calls.trainingCalls, 12);
    assert.match(calls.note, /training data/);
  });

  test('calls the models never saw: no note, trainingData false', async () => {
    const text = await runCli('eval', dir);
    assert.equal(text.code, 0, text.err);
    assert.doesNotMatch(text.out, /training data/i);
    const { calls } = JSON.parse((await runCli('eval', dir, '--json')).out);
    assert.equal(calls.trainingData, false);
    assert.equal(calls.trainingCalls, 0);
    assert.equal(calls.note, undefined);
  });

  test('a mix: the note counts the training calls', async () => {
    const { calls } = JSON.parse((await runCli('eval', EXAMPLES, dir, '--json')).out);
    assert.equal(calls.calls, 13);
    assert.equal(calls.trainingData, false);
    assert.equal(calls.trainingCalls, 12);
    assert.match(calls.note, /^12 of the 13 calls measured are training data/);
  });
});
