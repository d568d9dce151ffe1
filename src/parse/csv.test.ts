import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTranscript, toTurns } from './index.js';

function turns(text: string) {
  const parsed = parseTranscript(text, { file: 'call.csv' });
  assert.equal(parsed.format, 'csv');
  return toTurns(parsed).map((t) => [t.speaker, t.start, t.end, t.text, t.line]);
}

describe('CSV', () => {
  it('reads RFC 4180 quoting: commas, doubled quotes, newlines in quotes', () => {
    const csv = 'speaker,text\nAnn,"One, two"\nBen,"He said ""no""\nthen left"\nAnn,Three\n';
    assert.deepEqual(turns(csv), [
      ['Ann', undefined, undefined, 'One, two', 2],
      ['Ben', undefined, undefined, 'He said "no" then left', 3],
      ['Ann', undefined, undefined, 'Three', 5],
    ]);
  });

  it('reads semicolon and tab delimiters, any header case and the name/utterance aliases', () => {
    const expected = [
      ['Ann', 1, 2, 'Hi, there', 2],
      ['Ben', 65, undefined, 'Yo', 3],
    ];
    assert.deepEqual(
      turns('Name;Utterance;Start\nAnn;Hi, there;1\nBen;Yo;00:01:05\n'),
      expected.map(([s, st, , t, l]) => [s, st, undefined, t, l]),
    );
    assert.deepEqual(
      turns('NAME\tUTTERANCE\tStart Time\tEnd_Time\nAnn\tHi, there\t1\t2\nBen\tYo\t65\t\n'),
      expected,
    );
  });

  it('continues the previous speaker on an empty speaker cell and skips empty rows', () => {
    assert.deepEqual(turns('speaker,text\nAnn,One\n,Two\n,\n\nBen,Three\n'), [
      ['Ann', undefined, undefined, 'One Two', 2],
      ['Ben', undefined, undefined, 'Three', 6],
    ]);
  });

  it('refuses a missing required column, naming the columns found', () => {
    assert.throws(() => parseTranscript('speaker,start,end\nAnn,0,1\n', { file: 'call.csv' }), {
      code: 'bad-csv',
      message:
        /^call\.csv:1: the header row has no "text" \(or "utterance"\) column; columns found: "speaker", "start", "end"/,
    });
  });

  it('refuses an unclosed quote and a bad time, naming the line', () => {
    assert.throws(
      () => parseTranscript('speaker,text\nAnn,Hi\nBen,"never closed\n', { file: 'c.csv' }),
      {
        message: /^c\.csv:3: a quoted field is never closed/,
      },
    );
    assert.throws(
      () => parseTranscript('speaker,text,start\nAnn,Hi,0\nBen,Yo,soon\n', { file: 'c.csv' }),
      {
        code: 'bad-timestamp',
        message: /^c\.csv:3: the start value "soon" is not a time/,
      },
    );
  });
});
