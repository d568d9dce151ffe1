/**
 * Which format a transcript is in, judged from its content only (never the file name). The
 * order matters: unmistakable headers first (WEBVTT, JSON brackets, SRT timing lines, a CSV
 * header row), then the line formats from the most specific (stamped lines) to the least
 * ("Name: text").
 */
import type { TranscriptFormat } from '../vocabulary.js';
import { looksLikeCsv } from './csv.js';
import { looksLikeJson } from './json.js';
import { looksLikeOtter } from './otter.js';
import { looksLikePlain } from './plain.js';
import { splitLines } from './segments.js';
import { looksLikeSrt } from './srt.js';
import { looksLikeTimestamped } from './timestamped.js';
import { looksLikeVtt } from './vtt.js';

/** How much text the line-format checks read: plenty to judge, bounded on big files. */
const SAMPLE_CHARS = 32 * 1024;

export function detectFormat(text: string): TranscriptFormat | undefined {
  const head = text.trimStart();
  if (looksLikeVtt(head)) return 'vtt';
  if (looksLikeJson(head)) return 'json';
  const lines = sampleLines(head);
  if (looksLikeSrt(lines)) return 'srt';
  if (looksLikeCsv(head)) return 'csv';
  if (looksLikeTimestamped(lines)) return 'timestamped';
  if (looksLikeOtter(lines)) return 'otter';
  if (looksLikePlain(lines)) return 'text';
  return undefined;
}

/** The whole lines within the first SAMPLE_CHARS characters. */
function sampleLines(text: string): string[] {
  if (text.length <= SAMPLE_CHARS) return splitLines(text);
  const cut = text.lastIndexOf('\n', SAMPLE_CHARS);
  return splitLines(text.slice(0, cut > 0 ? cut : SAMPLE_CHARS));
}
