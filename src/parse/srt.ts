/**
 * SubRip (SRT): numbered blocks, `00:00:01,200 --> 00:00:06,900`, "Name: text" on the first
 * text line (a cue with no name continues the previous speaker). Basic tags (`<i>`, `<font>`)
 * are dropped.
 */
import type { ParsedTranscript } from '../core/types.js';
import { cueSegments, readCues } from './cues.js';

/**
 * A timing line among the first lines, with no WEBVTT header (checked first by the caller):
 * the first block is a number then a timing line, or a timing line alone.
 */
export function looksLikeSrt(lines: readonly string[]): boolean {
  let seen = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    if (line.includes('-->')) return true;
    if (++seen === 2) return false;
  }
  return false;
}

export function parseSrt(lines: readonly string[], file?: string): ParsedTranscript {
  const warnings: string[] = [];
  const cues = readCues(lines, 0, { file, vtt: false }, warnings);
  return { format: 'srt', segments: cueSegments(cues), warnings };
}
