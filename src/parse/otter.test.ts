import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTranscript, toTurns } from './index.js';

function turns(text: string) {
  const parsed = parseTranscript(text, { file: 'call.txt' });
  assert.equal(parsed.format, 'otter');
  return toTurns(parsed).map((t) => [t.speaker, t.start, t.text, t.line]);
}

describe('Otter-style text', () => {
  it('reads m:ss and h:mm:ss headers, with one space or more, or a tab', () => {
    const text = 'Ann Lee  0:03\nHello.\n\nBen 1:02:03\nHi.\n\nAnn Lee\t1:02:10\nBye.\n';
    assert.deepEqual(turns(text), [
      ['Ann Lee', 3, 'Hello.', 1],
      ['Ben', 3723, 'Hi.', 4],
      ['Ann Lee', 3730, 'Bye.', 7],
    ]);
  });

  it('keeps speech that ends with a time as speech', () => {
    const text = 'Ann  0:00\nCan we meet\nat 3:00\n\nBen  0:05\nSure.\n';
    assert.deepEqual(turns(text), [
      ['Ann', 0, 'Can we meet at 3:00', 1],
      ['Ben', 5, 'Sure.', 5],
    ]);
  });

  it('merges consecutive blocks of one speaker', () => {
    const text = 'Ann  0:00\nOne.\n\nAnn  0:04\nTwo.\n\nBen  0:09\nThree.\n';
    assert.deepEqual(turns(text), [
      ['Ann', 0, 'One. Two.', 1],
      ['Ben', 9, 'Three.', 7],
    ]);
  });
});
