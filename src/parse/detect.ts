/**
 * Which format a transcript is in, judged from its content only (never the file name). The
 * order matters: unmistakable headers first (WEBVTT, JSON brackets, SRT timing lines, a CSV
 * header row), then the line formats from the most specific (stamped lines) to the least
 * ("Name: text").
 */
import type { TranscriptFormat } from '../core/vocabulary.js';
import { looksLikeCsv } from './csv.js';
import { looksLikeJson } from './json.js';
import { looksLikeOtter } from './otter.js';
import { looksLikePlain } from './plain.js';
import { looksLikeSrt } from './srt.js';
import { looksLikeTimestamped } from './timestamped.js';
import { looksLikeVtt } from './vtt.js';

/** How much text the line-format checks read: plenty to judge, bounded on big files. */
const SAMPLE_CHARS = 32 * 1024;

/**
 * How much of each line the line-format checks read. Every check judges a line by its start
 * (a speaker name of at most 48 characters, a time stamp, a cue timing): a longer line counts as
 * its first MAX_LINE_CHARS characters, so that one long turn near the start (a monologue, a
 * pasted document) cannot crowd every other line out of the sample.
 */
const MAX_LINE_CHARS = 1024;

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

/**
 * The lines that end within the first SAMPLE_CHARS characters, counting each line as at most
 * MAX_LINE_CHARS long (and cut to that). The first line is always in, cut if need be.
 */
function sampleLines(text: string): string[] {
  const lines: string[] = [];
  let used = 0;
  let from = 0;
  while (from <= text.length) {
    const nl = text.indexOf('\n', from);
    const end = nl < 0 ? text.length : nl;
    const length = Math.min(end - from, MAX_LINE_CHARS);
    if (lines.length > 0 && used + length > SAMPLE_CHARS) break;
    lines.push(text.slice(from, from + length));
    used += length + 1;
    if (nl < 0) break;
    from = nl + 1;
  }
  return lines;
}
