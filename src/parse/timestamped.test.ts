import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTranscript, toTurns } from './index.js';

function turns(text: string) {
  const parsed = parseTranscript(text, { file: 'call.txt' });
  assert.equal(parsed.format, 'timestamped');
  return toTurns(parsed).map((t) => [t.speaker, t.start, t.text]);
}

describe('timestamped lines', () => {
  it('reads [hh:mm:ss], bare hh:mm:ss, (mm:ss) and [m:ss] stamps', () => {
    const text = [
      '[00:01:05] Ann: One.',
      '00:01:10 Ben: Two.',
      '(01:15) Ann: Three.',
      '[1:20] Ben: Four.',
      '[1:02:03.5] - Ann: Five.',
    ].join('\n');
    assert.deepEqual(turns(text), [
      ['Ann', 65, 'One.'],
      ['Ben', 70, 'Two.'],
      ['Ann', 75, 'Three.'],
      ['Ben', 80, 'Four.'],
      ['Ann', 3723.5, 'Five.'],
    ]);
  });

  it('continues the speaker on stamped lines without a name and on unstamped lines', () => {
    const text = '[00:00] Ann: One.\n[00:05] still me.\nand more.\n[00:09] Ben: Two.\n';
    assert.deepEqual(turns(text), [
      ['Ann', 0, 'One. still me. and more.'],
      ['Ben', 9, 'Two.'],
    ]);
  });

  it('keeps speech that starts with a time or a bracket', () => {
    const text = '[00:00] Ann: When?\n10:30am works for me.\n[laughs] Sure.\n[00:09] Ben: Good.\n';
    assert.deepEqual(turns(text), [
      ['Ann', 0, 'When? 10:30am works for me. [laughs] Sure.'],
      ['Ben', 9, 'Good.'],
    ]);
  });

  it('refuses a broken bracketed stamp, naming the file and line', () => {
    const text = '[00:00] Ann: One.\n[00:05] Ben: Two.\n[00:6x] Ann: Three.\n';
    assert.throws(() => parseTranscript(text, { file: 'call.txt' }), {
      code: 'bad-timestamp',
      message: /^call\.txt:3: cannot read the time stamp/,
    });
  });
});
