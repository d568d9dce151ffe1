/**
 * The parse stage: transcript bytes or text -> ParsedTranscript (format detected from the
 * content) -> Turn[].
 */
import { WalkpointError } from '../core/errors.js';
import type { ParsedTranscript } from '../core/types.js';
import type { TranscriptFormat } from '../core/vocabulary.js';
import { parseCsv } from './csv.js';
import { decodeTranscript, normaliseText } from './decode.js';
import { detectFormat } from './detect.js';
import { parseJson } from './json.js';
import { parseOtter } from './otter.js';
import { parsePlain } from './plain.js';
import { splitLines } from './segments.js';
import { parseSrt } from './srt.js';
import { parseTimestamped } from './timestamped.js';
import { parseVtt } from './vtt.js';

export { decodeTranscript, MAX_TRANSCRIPT_BYTES } from './decode.js';
export { detectFormat } from './detect.js';
export { toTurns } from './turns.js';

export interface ParseOptions {
  /** The file name, for messages. */
  file?: string;
  /** Skip detection and read the content as this format. */
  format?: TranscriptFormat;
}

const PARSERS: Record<TranscriptFormat, (text: string, file?: string) => ParsedTranscript> = {
  vtt: (text, file) => parseVtt(splitLines(text), file),
  srt: (text, file) => parseSrt(splitLines(text), file),
  text: (text) => parsePlain(splitLines(text)),
  timestamped: (text, file) => parseTimestamped(splitLines(text), file),
  otter: (text) => parseOtter(splitLines(text)),
  json: parseJson,
  csv: parseCsv,
};

const FORMAT_NAMES: Record<TranscriptFormat, string> = {
  vtt: 'WebVTT',
  srt: 'SRT',
  text: '"Name: text"',
  timestamped: 'timestamped',
  otter: 'Otter-style',
  json: 'JSON',
  csv: 'CSV',
};

/**
 * Decodes (bytes) or normalises (text) a transcript, detects its format from the content and
 * reads it into segments. Throws a WalkpointError naming the file for unreadable input: empty,
 * binary, too large, unrecognised, or malformed. A timestamp that does not parse (or a cue that
 * ends before it starts) is always an error naming the line, never skipped: dropped speech would
 * silently skew every metric downstream. `warnings` only carries harmless skips (a title before
 * the first speaker, a VTT block with no timing).
 */
export function parseTranscript(
  input: string | Uint8Array,
  options: ParseOptions = {},
): ParsedTranscript {
  const { file } = options;
  const text =
    typeof input === 'string' ? normaliseText(input, file) : decodeTranscript(input, file);
  const format = options.format ?? detectFormat(text);
  if (!format) throw unrecognised(text, file);
  const parsed = PARSERS[format](text, file);
  if (parsed.segments.length === 0) {
    throw new WalkpointError(
      'empty',
      `this ${FORMAT_NAMES[format]} transcript has no speech in it: export the call transcript again, with its text`,
      { file },
    );
  }
  return parsed;
}

function unrecognised(text: string, file?: string): WalkpointError {
  const first = text.trimStart().split('\n', 1)[0].trim();
  const shown = first.length > 50 ? `${first.slice(0, 47)}...` : first;
  return new WalkpointError(
    'unrecognised',
    `not a transcript Walkpoint can read: expected WebVTT, SRT, "Name: text" lines, timestamped lines ("[00:01:05] Name: text"), Otter-style text, JSON or CSV with speaker and text columns (the file starts "${shown}")`,
    { file },
  );
}
