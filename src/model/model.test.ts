import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { annotateTurn } from '../annotate/index.js';
import { featurize } from './features.js';
import { guessResponse, guessTrigger } from './shipped.js';
import { compile, predict, train } from './softmax.js';
import { DIMENSIONS, loadVectors } from './vectors.js';

const sentence = (text: string) =>
  annotateTurn({ index: 0, speaker: 'P', role: 'prospect', text }).sentences[0];

test('training is deterministic: the same data gives the same weights', () => {
  const data = [
    ['it is way too expensive', 1],
    ['the price is too high for us', 1],
    ['we have forty reps', 0],
    ['the team meets on mondays', 0],
  ] as const;
  const examples = data.map(([text, label]) => ({
    fv: featurize(sentence(text), 'prospect'),
    label,
  }));
  const features = [...new Set(examples.flatMap((e) => e.fv.sparse))].sort();
  const options = { epochs: 20, learningRate: 0.05, l2: 1e-3, seed: 3 };
  const a = train(examples, ['none', 'objection:price'], features, DIMENSIONS, options);
  const b = train(examples, ['none', 'objection:price'], features, DIMENSIONS, options);
  assert.deepEqual(a, b);
  const p = predict(compile(a), featurize(sentence('that is too expensive'), 'prospect'));
  assert.equal(p.best, 1, 'it learned the lesson');
  assert.ok(
    p.top.length > 0 && p.top.every((t) => t.weight > 0),
    'and says which features pushed it',
  );
});

test('the shipped models load, and read meaning the cue patterns were not written for', () => {
  const vectors = loadVectors();
  assert.ok(vectors.index.size > 20000, 'word vectors for the common vocabulary');
  const triggers = JSON.parse(
    readFileSync(new URL('../../data/model/triggers.json', import.meta.url), 'utf8'),
  );
  assert.equal(triggers.kind, 'walkpoint-trigger-model');
  assert.ok(triggers.threshold > 0 && triggers.threshold < 1);
  assert.equal(guessTrigger(sentence('We have about forty reps on the floor.')), undefined);
  const g = guessTrigger(sentence('Can you just put something in writing for me?'));
  assert.equal(g?.kind, 'stall:info');
  assert.ok(g && g.because.length > 0);
  const r = guessResponse(
    annotateTurn({
      index: 0,
      speaker: 'R',
      role: 'rep',
      text: 'No worries, just reach out whenever you are ready.',
    }).sentences[0],
  );
  assert.equal(r?.kind, 'give-up');
});
