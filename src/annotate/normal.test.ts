import assert from 'node:assert/strict';
import { test } from 'node:test';
import { annotateTurn } from './index.js';

const normals = (text: string) =>
  annotateTurn({ index: 0, speaker: 'A', role: 'rep', text })
    .sentences.flatMap((s) => s.tokens.map((t) => t.normal))
    .join(' ');

test('contractions are expanded, with or without their apostrophe', () => {
  assert.equal(normals("I don't think we can't"), 'i do not think we can not');
  // speech-to-text drops the apostrophe, and the tokenizer then splits "dont" into "do" + "nt"
  assert.equal(normals('i dont think we cant'), 'i do not think we can not');
  assert.equal(normals('i wont waste your time'), 'i will not waste your time');
  assert.equal(normals('it isnt working'), 'it is not working');
});
