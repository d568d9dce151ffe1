import { WalkpointError } from '../core/errors.js';

/**
 * The largest transcript Walkpoint reads: 10 MiB. A one-hour call is about 60 KB of text, so
 * anything near this is not a single call (or not a transcript); refusing it early keeps memory
 * and time bounded.
 */
export const MAX_TRANSCRIPT_BYTES = 10 * 1024 * 1024;

/** How much of the text the binary check samples: enough to judge, cheap on big files. */
const BINARY_SAMPLE_CHARS = 8192;

const TRY_AGAIN = 'save the transcript as UTF-8 text and try again';

/**
 * Decodes transcript bytes to text: UTF-8 with or without a BOM, UTF-16 LE or BE with a BOM,
 * and (when the bytes are not valid UTF-8) Windows-1252, the usual encoding of older exports.
 * Line endings come back as `\n`. Throws a WalkpointError for binary, empty or too-large input.
 */
export function decodeTranscript(bytes: Uint8Array, file?: string): string {
  checkSize(bytes.length, file);
  let text: string;
  let legacy = false;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  } else {
    // NUL bytes never occur in UTF-8 text (and BOM-less UTF-16 is not something we guess at).
    if (bytes.indexOf(0) >= 0) throw binaryError(file, 'it contains NUL bytes');
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      text = new TextDecoder('windows-1252').decode(bytes);
      legacy = true;
    }
  }
  return normaliseText(text, file, legacy);
}

/**
 * Prepares text that is already decoded: drops a BOM, turns CRLF and CR into LF, and rejects
 * binary, empty or too-large input.
 */
export function normaliseText(text: string, file?: string, legacyDecoded = false): string {
  // Only count bytes exactly when the length alone cannot settle it.
  if (text.length * 3 > MAX_TRANSCRIPT_BYTES) checkSize(Buffer.byteLength(text, 'utf8'), file);
  let out = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (out.includes('\r')) out = out.replace(/\r\n?/g, '\n');
  if (looksBinary(out, legacyDecoded)) {
    throw binaryError(file, 'it is full of control characters');
  }
  if (out.trim().length === 0) {
    throw new WalkpointError(
      'empty',
      'the transcript is empty: export the call transcript again, with its text',
      { file },
    );
  }
  return out;
}

function checkSize(bytes: number, file?: string): void {
  if (bytes <= MAX_TRANSCRIPT_BYTES) return;
  const mib = (bytes / 1024 / 1024).toFixed(1);
  throw new WalkpointError(
    'too-large',
    `the file is ${mib} MiB; Walkpoint reads transcripts of up to ${MAX_TRANSCRIPT_BYTES / 1024 / 1024} MiB (one call is usually under 1 MiB): split it into one file per call`,
    { file },
  );
}

function binaryError(file: string | undefined, why: string): WalkpointError {
  return new WalkpointError(
    'binary',
    `this looks like a binary file, not a transcript (${why}): ${TRY_AGAIN}`,
    { file },
  );
}

/**
 * More than 1% control characters (and more than a stray two) in the first few thousand
 * characters, or any NUL. Tab, LF and form feed are text; C1 controls only count when the bytes
 * were decoded as Windows-1252, where they are what binary junk turns into.
 */
function looksBinary(text: string, legacyDecoded: boolean): boolean {
  const n = Math.min(text.length, BINARY_SAMPLE_CHARS);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 12) || c === 127) controls++;
    else if (legacyDecoded && c >= 0x80 && c <= 0x9f) controls++;
  }
  return controls > 2 && controls > n * 0.01;
}
