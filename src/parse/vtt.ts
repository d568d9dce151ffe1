/**
 * WebVTT as Zoom writes it (numeric cue ids, "Name: text") and as Teams writes it (GUID cue
 * ids, `<v Name>text</v>`). NOTE, STYLE and REGION blocks are skipped; times may be mm:ss.ttt
 * or hh:mm:ss.ttt; cue settings after the end time are ignored.
 */
import type { ParsedTranscript } from '../core/types.js';
import { cueSegments, readCues } from './cues.js';

/** The first line of the file is `WEBVTT`, alone or followed by a space and a title. */
export function looksLikeVtt(text: string): boolean {
  if (!text.startsWith('WEBVTT')) return false;
  const next = text.charCodeAt(6);
  return Number.isNaN(next) || next === 10 || next === 32 || next === 9;
}

export function parseVtt(lines: readonly string[], file?: string): ParsedTranscript {
  // The header block (WEBVTT and any metadata lines) ends at the first blank line.
  let i = 0;
  while (i < lines.length && lines[i].trim() === '') i++;
  while (i < lines.length && lines[i].trim() !== '') i++;
  const warnings: string[] = [];
  const cues = readCues(lines, i, { file, vtt: true }, warnings);
  return { format: 'vtt', segments: cueSegments(cues), warnings };
}
