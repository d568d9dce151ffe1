import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTranscript, toTurns } from './index.js';

function read(text: string) {
  const parsed = parseTranscript(text, { file: 'call.txt' });
  assert.equal(parsed.format, 'text');
  return { turns: toTurns(parsed).map((t) => [t.speaker, t.text, t.line]), parsed };
}

describe('plain "Name: text"', () => {
  it('joins continuation lines, ignores blank lines, keeps the first line number', () => {
    const { turns } = read('Ann: Hello\nthere.\n\nBen: Hi.\n\n\nAnn: Bye.\n');
    assert.deepEqual(turns, [
      ['Ann', 'Hello there.', 1],
      ['Ben', 'Hi.', 4],
      ['Ann', 'Bye.', 7],
    ]);
  });

  it('does not spawn speakers from labels or colons inside speech', () => {
    const text = [
      'Ann: We agreed on three things.',
      'Note: we said 3 things, not 4.',
      'Ben: Here is the list: price, scope, time.',
      'The link is https://example.com/a:b',
      'so basically: no.',
      'It starts at 10:30 sharp.',
      'Ann: Okay.',
    ].join('\n');
    assert.deepEqual(read(text).turns, [
      ['Ann', 'We agreed on three things. Note: we said 3 things, not 4.', 1],
      [
        'Ben',
        'Here is the list: price, scope, time. The link is https://example.com/a:b so basically: no. It starts at 10:30 sharp.',
        3,
      ],
      ['Ann', 'Okay.', 7],
    ]);
  });

  it('accepts names with titles, initials, digits and extra spaces', () => {
    const { turns } = read("Dr. J. Smith: Hi.\nSpeaker  2: Hello.\nMary-Kate O'Neil: Hey.\n");
    assert.deepEqual(
      turns.map((t) => t[0]),
      ['Dr. J. Smith', 'Speaker 2', "Mary-Kate O'Neil"],
    );
  });

  it('refuses long or sentence-like names', () => {
    const { turns } = read(
      'Ann: Start.\nThe thing I want to say is: nothing.\nWhy not?: because.\nBen: End.\n',
    );
    assert.deepEqual(
      turns.map((t) => t[0]),
      ['Ann', 'Ben'],
    );
  });

  it('skips a title before the first speaker, with a warning', () => {
    const { turns, parsed } = read('Discovery call, 5 March\nAnn: Hi.\nBen: Hello.\n');
    assert.equal(turns.length, 2);
    assert.deepEqual(parsed.warnings, [
      'line 1: skipped text before the first speaker ("Discovery call, 5 March")',
    ]);
  });

  it('merges the same speaker written in different case', () => {
    const { turns } = read('Ann Lee: One.\nann lee: Two.\nBen: Three.\nANN LEE: Four.\n');
    assert.deepEqual(turns, [
      ['Ann Lee', 'One. Two.', 1],
      ['Ben', 'Three.', 3],
      ['Ann Lee', 'Four.', 4],
    ]);
  });
});
