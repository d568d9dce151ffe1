import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TranscriptFormat } from '../core/vocabulary.js';
import { detectFormat } from './index.js';

/** Look-alike snippets: each must land in its own format, whatever the file would be named. */
const CASES: [string, string, TranscriptFormat | undefined][] = [
  ['WebVTT', 'WEBVTT\n\n00:00.000 --> 00:01.000\nAnn: Hi.\n', 'vtt'],
  [
    'WebVTT with a title and leading blank lines',
    '\n\nWEBVTT Kind: captions\n\n1\n00:00.000 --> 00:01.000\nHi.\n',
    'vtt',
  ],
  ['SRT (no WEBVTT header)', '1\n00:00:00,000 --> 00:00:01,000\nAnn: Hi.\n', 'srt'],
  ['SRT with dot milliseconds', '1\n00:00:00.000 --> 00:00:01.000\nAnn: Hi.\n', 'srt'],
  ['"WEBVTTX" is not a header', 'WEBVTTX\n00:00:00,000 --> 00:00:01,000\nHi.\n', 'srt'],
  ['plain', 'Ann: Hi.\nBen: Hello.\nAnn: Bye.\n', 'text'],
  ['timestamped', '[00:00:01] Ann: Hi.\n[00:00:03] Ben: Hello.\n', 'timestamped'],
  ['timestamped, bare stamps', '00:01 Ann: Hi.\n00:03 Ben: Hello.\n', 'timestamped'],
  ['plain mentioning times', 'Ann: Meet at 10:30?\nBen: 10:30 works.\nAnn: Great.\n', 'text'],
  ['otter', 'Ann  0:01\nHi.\n\nBen  0:03\nHello.\n', 'otter'],
  ['plain whose speech ends in times', 'Ann: at 3:00\nBen: or 4:00\nAnn: ok\n', 'text'],
  ['JSON array', '[{"speaker": "Ann", "text": "Hi."}]', 'json'],
  ['JSON object', '{"utterances": []}', 'json'],
  ['JSON array of strings (still JSON, to explain)', '["Ann: Hi."]', 'json'],
  ['timestamped starting with a bracket', '[00:01] Ann: Hi.\n[00:02] Ben: Yo.\n', 'timestamped'],
  ['CSV', 'speaker,text\nAnn,Hi\n', 'csv'],
  ['CSV with a missing column (still CSV, to explain)', 'name,start\nAnn,0\n', 'csv'],
  ['plain whose first line has commas', 'Ann, Ben: Hi.\nCarl: Hello.\n', 'text'],
  [
    'prose',
    'We met the buyer last week. It went fine.\nThey asked about pricing: we said it depends.\nThen we left.\n',
    undefined,
  ],
  ['a single labelled line', 'Note: call Ben tomorrow.\n', undefined],
  ['a markdown list', '- one\n- two\n- three\n', undefined],
];

describe('detectFormat', () => {
  for (const [name, text, expected] of CASES) {
    it(`${name} -> ${expected ?? 'unrecognised'}`, () =>
      assert.equal(detectFormat(text), expected));
  }
});

describe('detectFormat on long lines', () => {
  const long = (n: number) =>
    'we can go through the numbers again. '.repeat(n / 37 + 1).slice(0, n);

  it('a turn over 32 KB near the start does not hide the lines after it', () => {
    const text = `Ann: ${long(40_000)}\nBen: Send me something.\nAnn: Why now?\n`;
    assert.equal(detectFormat(text), 'text');
    assert.equal(
      detectFormat(`[00:00:01] ${text.replace(/\nBen/, '\n[00:00:09] Ben')}`),
      'timestamped',
    );
  });

  it('a 100,000-character token as the second line still reads as "Name: text"', () => {
    assert.equal(detectFormat(`Ann: Hello.\nBen: ${'a'.repeat(100_000)}\nAnn: Ok.\n`), 'text');
  });
});
