import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as parse from './index.js';

describe('src/parse public exports', () => {
  it('exports exactly the stage API', () => {
    assert.deepEqual(Object.keys(parse).sort(), [
      'MAX_TRANSCRIPT_BYTES',
      'decodeTranscript',
      'detectFormat',
      'parseTranscript',
      'toTurns',
    ]);
  });

  it('reads a forced format even when detection would refuse the content', () => {
    assert.equal(parse.detectFormat('Ann: Hi.\n'), undefined);
    const parsed = parse.parseTranscript('Ann: Hi.\n', { format: 'text' });
    assert.deepEqual(
      parsed.segments.map((s) => [s.speaker, s.text]),
      [['Ann', 'Hi.']],
    );
  });

  it('refuses a string over the limit too', () => {
    const big = 'a'.repeat(parse.MAX_TRANSCRIPT_BYTES + 1);
    assert.throws(() => parse.parseTranscript(big, { file: 'big.txt' }), { code: 'too-large' });
  });
});
