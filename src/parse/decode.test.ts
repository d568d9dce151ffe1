import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeTranscript, MAX_TRANSCRIPT_BYTES } from './index.js';

const TEXT = 'Alice: Héllo, ça va?\nBob: Fine.\n';

describe('decodeTranscript', () => {
  it('reads UTF-8 with and without a BOM', () => {
    assert.equal(decodeTranscript(Buffer.from(TEXT, 'utf8')), TEXT);
    assert.equal(decodeTranscript(Buffer.from(`\ufeff${TEXT}`, 'utf8')), TEXT);
  });

  it('reads UTF-16 LE and BE with a BOM', () => {
    const le = Buffer.from(`\ufeff${TEXT}`, 'utf16le');
    assert.equal(decodeTranscript(le), TEXT);
    assert.equal(decodeTranscript(Buffer.from(le).swap16()), TEXT);
  });

  it('turns CRLF and CR into LF', () => {
    assert.equal(decodeTranscript(Buffer.from('a: x\r\nb: y\rc: z\r\n')), 'a: x\nb: y\nc: z\n');
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8', () => {
    assert.equal(decodeTranscript(Buffer.from('Zoë: café\n', 'latin1')), 'Zoë: café\n');
  });

  it('refuses binary content: NUL bytes, or many control characters', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    assert.throws(() => decodeTranscript(png, 'call.png'), {
      code: 'binary',
      message: /^call\.png: .*binary.*NUL/,
    });
    const junk = Uint8Array.from({ length: 400 }, (_, i) => (i % 7 === 0 ? 0x1b : 0x41));
    assert.throws(() => decodeTranscript(junk, 'x.bin'), { code: 'binary' });
    // BOM-less UTF-16 has NULs too: refused rather than guessed.
    assert.throws(() => decodeTranscript(Buffer.from(TEXT, 'utf16le')), { code: 'binary' });
  });

  it('keeps a stray control character in otherwise normal text', () => {
    assert.equal(decodeTranscript(Buffer.from(`Alice: hi\x1b there\n${TEXT}`)).length > 0, true);
  });

  it('refuses empty and whitespace-only input', () => {
    assert.throws(() => decodeTranscript(new Uint8Array(0), 'a.vtt'), {
      code: 'empty',
      message: /^a\.vtt: the transcript is empty/,
    });
    assert.throws(() => decodeTranscript(Buffer.from('\ufeff \r\n\t\n'), 'b.txt'), {
      code: 'empty',
    });
  });

  it('refuses input over MAX_TRANSCRIPT_BYTES, naming the limit', () => {
    assert.equal(MAX_TRANSCRIPT_BYTES, 10 * 1024 * 1024);
    const big = new Uint8Array(MAX_TRANSCRIPT_BYTES + 1).fill(0x61);
    assert.throws(() => decodeTranscript(big, 'huge.txt'), {
      code: 'too-large',
      message: /^huge\.txt: .*up to 10 MiB/,
    });
    assert.doesNotThrow(() => decodeTranscript(new Uint8Array(MAX_TRANSCRIPT_BYTES).fill(0x61)));
  });
});
