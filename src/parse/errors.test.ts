/** Every user mistake is a WalkpointError naming the file (and the line where it helps). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WalkpointError } from '../core/errors.js';
import { parseTranscript } from './index.js';

function error(input: string | Uint8Array, file = 'call.txt'): WalkpointError {
  try {
    parseTranscript(input, { file });
  } catch (e) {
    assert.ok(e instanceof WalkpointError, `not a WalkpointError: ${e}`);
    return e;
  }
  assert.fail('expected a WalkpointError');
}

describe('parse errors', () => {
  it('empty', () => {
    const e = error('  \n\n');
    assert.equal(e.code, 'empty');
    assert.match(e.message, /^call\.txt: the transcript is empty/);
  });

  it('a transcript with structure but no speech', () => {
    const e = error('WEBVTT\n\nNOTE nothing here\n', 'call.vtt');
    assert.equal(e.code, 'empty');
    assert.match(e.message, /^call\.vtt: this WebVTT transcript has no speech/);
  });

  it('binary', () => {
    const e = error(Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0, 8, 0]), 'call.zip');
    assert.equal(e.code, 'binary');
    assert.match(e.message, /^call\.zip: this looks like a binary file/);
  });

  it('unrecognised prose names the file and the formats expected', () => {
    const e = error(
      'Dear team,\nthe call went well and they want a proposal.\nBest, Ann\n',
      'notes.txt',
    );
    assert.equal(e.code, 'unrecognised');
    assert.match(
      e.message,
      /^notes\.txt: not a transcript Walkpoint can read: expected WebVTT, SRT, "Name: text" lines, .*\(the file starts "Dear team,"\)$/,
    );
  });

  it('a broken timestamp names the file and line', () => {
    const e = error(
      '1\n00:00:00,000 --> 00:00:01,000\nAnn: Hi.\n\n2\n00:00:xx --> 00:00:02,000\nBen: Yo.\n',
      'call.srt',
    );
    assert.equal(e.code, 'bad-timestamp');
    assert.equal(e.file, 'call.srt');
    assert.equal(e.line, 6);
    assert.match(e.message, /^call\.srt:6: /);
  });

  it('a CSV without its text column names the columns found', () => {
    const e = error('speaker;when\nAnn;0\n', 'call.csv');
    assert.equal(e.code, 'bad-csv');
    assert.match(e.message, /columns found: "speaker", "when"/);
  });

  it('bad JSON names the file and line', () => {
    const e = error(
      '{\n  "utterances": [\n    {"speaker": "Ann", "text": "Hi."},\n  ]\n}',
      'call.json',
    );
    assert.equal(e.code, 'bad-json');
    assert.equal(e.line, 4);
    assert.match(e.message, /^call\.json:4: invalid JSON/);
  });

  it('an absurd timestamp is refused, naming the file and the line or field', () => {
    const hours = '9'.repeat(400);
    const vtt = error(
      `WEBVTT\n\n00:00.000 --> 00:01.000\nAnn: Hi.\n\n${hours}:00:00.000 --> ${hours}:00:01.000\nBen: Yo.\n`,
      'call.vtt',
    );
    assert.equal(vtt.code, 'bad-timestamp');
    assert.match(vtt.message, /^call\.vtt:6: cannot read the cue timing/);
    const stamped = error(
      '[00:00:01] Ann: Hi.\n[00:00:02] Ben: Yo.\n[99999999999:00] Ben: Yo.\n',
      'call.txt',
    );
    assert.match(stamped.message, /^call\.txt:3: cannot read the time stamp/);
    for (const start of [1e308, '1'.repeat(400), 2e10]) {
      const json = error(
        JSON.stringify([
          { speaker: 'Ann', text: 'Hi.', start: 0 },
          { speaker: 'Ben', text: 'Yo.', start },
        ]),
        'call.json',
      );
      assert.equal(json.code, 'bad-timestamp');
      assert.match(
        json.message,
        /^call\.json: item\[1\]\.start is .{1,40}: expected seconds .* at most 10000000000 seconds/,
      );
    }
    const multiline = error('speaker,text,end\nAnn,Hi,"67.5\nBen"\n', 'call.csv');
    assert.match(multiline.message, /^call\.csv:2: the end value "67\.5 Ben" is not a time/);
    const csv = error(`speaker,text,start\nAnn,Hi,0\nBen,Yo,${'9'.repeat(400)}\n`, 'call.csv');
    assert.match(csv.message, /^call\.csv:3: the start value "9{37}\.\.\." is not a time/);
  });
});
