import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTranscript, toTurns } from './index.js';

function turns(text: string) {
  const parsed = parseTranscript(text, { file: 'call.vtt' });
  assert.equal(parsed.format, 'vtt');
  return toTurns(parsed).map((t) => [t.speaker, t.start, t.end, t.text]);
}

describe('WebVTT', () => {
  it('skips NOTE, STYLE and REGION blocks and header metadata', () => {
    const vtt = `WEBVTT - Zoom meeting
Kind: captions

NOTE this is a note
that spans two lines

STYLE
::cue { color: red }

REGION
id:fred width:40%

1
00:00:01.000 --> 00:00:02.000
Ann: Hello.

NOTE
another note

2
00:00:02.000 --> 00:00:03.000
Ben: Hi.
`;
    assert.deepEqual(turns(vtt), [
      ['Ann', 1, 2, 'Hello.'],
      ['Ben', 2, 3, 'Hi.'],
    ]);
  });

  it('ignores cue settings, reads mm:ss.ttt and hh:mm:ss.ttt, and cues without ids', () => {
    const vtt = `WEBVTT

00:01.500 --> 00:04.000 align:start position:0%
Ann: Short times.

01:00:00.250 --> 01:00:02.000 line:90% size:50%
Ben: Long times.
`;
    assert.deepEqual(turns(vtt), [
      ['Ann', 1.5, 4, 'Short times.'],
      ['Ben', 3600.25, 3602, 'Long times.'],
    ]);
  });

  it('joins multi-line cues, and a cue without a name continues the previous speaker', () => {
    const vtt = `WEBVTT

1
00:00:00.000 --> 00:00:02.000
Ann: First line
second line

2
00:00:02.000 --> 00:00:03.000
and a third cue.

3
00:00:03.000 --> 00:00:04.000
Ben: Done.
`;
    assert.deepEqual(turns(vtt), [
      ['Ann', 0, 3, 'First line second line and a third cue.'],
      ['Ben', 3, 4, 'Done.'],
    ]);
  });

  it('reads Teams voice tags with GUID cue ids, classes, markup and entities', () => {
    const vtt = `WEBVTT

3f1c2d1e-aaaa-bbbb-cccc-1234567890ab/7-0
00:00:00.000 --> 00:00:02.000
<v.loud Ann  Lee>We <i>really</i> need R&amp;D &lt;now&gt;.</v>

3f1c2d1e-aaaa-bbbb-cccc-1234567890ab/7-1
00:00:02.000 --> 00:00:03.000
<v Ben>Why?
Tell me more.</v>
`;
    assert.deepEqual(turns(vtt), [
      ['Ann Lee', 0, 2, 'We really need R&D <now>.'],
      ['Ben', 2, 3, 'Why? Tell me more.'],
    ]);
  });

  it('keeps a colon inside speech as speech', () => {
    const vtt = `WEBVTT

1
00:00:00.000 --> 00:00:02.000
Ann: Three things matter: price, scope and time.

2
00:00:02.000 --> 00:00:03.000
Note: we said three.
`;
    assert.deepEqual(turns(vtt), [
      ['Ann', 0, 3, 'Three things matter: price, scope and time. Note: we said three.'],
    ]);
  });

  it('names a speaker for captions without names', () => {
    const vtt = 'WEBVTT\n\n00:00.000 --> 00:01.000\nhello there\n';
    assert.deepEqual(turns(vtt), [['Unknown speaker', 0, 1, 'hello there']]);
  });

  it('warns about a block with no timing and reads the rest', () => {
    const parsed = parseTranscript('WEBVTT\n\nstray words\n\n00:00.000 --> 00:01.000\nAnn: Hi.\n');
    assert.deepEqual(parsed.warnings, [
      'line 3: skipped a block with no cue timing ("stray words")',
    ]);
    assert.equal(parsed.segments.length, 1);
  });

  it('refuses a broken timing line, naming the file and line', () => {
    const vtt =
      'WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000\nAnn: Hi.\n\n2\n00:00:xx --> 00:00:05.000\nBen: Yo.\n';
    assert.throws(() => parseTranscript(vtt, { file: 'call.vtt' }), {
      code: 'bad-timestamp',
      line: 8,
      message: /^call\.vtt:8: cannot read the cue timing "00:00:xx --> 00:00:05.000"/,
    });
  });

  it('refuses a cue that ends before it starts', () => {
    const vtt = 'WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nAnn: Hi.\n';
    assert.throws(() => parseTranscript(vtt, { file: 'c.vtt' }), {
      code: 'bad-timestamp',
      message: /^c\.vtt:3: the cue ends \(00:00:01\.000\) before it starts/,
    });
  });
});
