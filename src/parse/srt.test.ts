import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTranscript, toTurns } from './index.js';

function turns(text: string) {
  const parsed = parseTranscript(text, { file: 'call.srt' });
  assert.equal(parsed.format, 'srt');
  return toTurns(parsed).map((t) => [t.speaker, t.start, t.end, t.text]);
}

describe('SRT', () => {
  it('reads numbered blocks, comma milliseconds and basic tags', () => {
    const srt = `1
00:00:01,200 --> 00:00:06,900
Ann: <i>Hello</i> <font color="red">there</font>.

2
00:00:07,000 --> 00:00:08,000
Ben: Hi.
`;
    assert.deepEqual(turns(srt), [
      ['Ann', 1.2, 6.9, 'Hello there.'],
      ['Ben', 7, 8, 'Hi.'],
    ]);
  });

  it('continues the previous speaker in a cue without a name', () => {
    const srt =
      '1\n00:00:00,000 --> 00:00:01,000\nAnn: One\ntwo\n\n2\n00:00:01,000 --> 00:00:02,000\nthree\n';
    assert.deepEqual(turns(srt), [['Ann', 0, 2, 'One two three']]);
  });

  it('is detected even without cue numbers, and without a WEBVTT header', () => {
    const srt =
      '00:00:00,000 --> 00:00:01,000\nAnn: One.\n\n00:00:01,000 --> 00:00:02,000\nBen: Two.\n';
    assert.deepEqual(turns(srt), [
      ['Ann', 0, 1, 'One.'],
      ['Ben', 1, 2, 'Two.'],
    ]);
  });

  it('refuses a broken timing line, naming the file and line', () => {
    const srt =
      '1\n00:00:00,000 --> 00:00:01,000\nAnn: Hi.\n\n2\n00:00:01,000 --> later\nBen: Yo.\n';
    assert.throws(() => parseTranscript(srt, { file: 'call.srt' }), {
      code: 'bad-timestamp',
      message: /^call\.srt:6: cannot read the cue timing/,
    });
  });
});
