/**
 * Otter-style text: a header line "Name  0:03" (the name, spaces, then m:ss or h:mm:ss), then
 * the speech on the following lines until the next header. A header with a single space before
 * the time only counts at the start of a block (after a blank line), so that speech ending in
 * a time ("let's meet at 3:00") stays speech.
 */
import type { ParsedTranscript, Segment } from '../core/types.js';
import { appendText, preambleWarning } from './segments.js';
import { cleanSpeakerName, isSpeakerName } from './speaker.js';
import { parseClock } from './time.js';

interface OtterHeader {
  speaker: string;
  time: number;
  /** Two or more spaces (or a tab) between the name and the time. */
  wide: boolean;
}

function readOtterHeader(raw: string): OtterHeader | undefined {
  const line = raw.trimEnd();
  const gap = Math.max(line.lastIndexOf(' '), line.lastIndexOf('\t'));
  if (gap <= 0) return undefined;
  const tail = line.slice(gap + 1);
  if (!tail.includes(':')) return undefined;
  const time = parseClock(tail);
  if (time === undefined) return undefined;
  const head = line.slice(0, gap).trimEnd();
  const speaker = cleanSpeakerName(head);
  if (!isSpeakerName(speaker)) return undefined;
  const wide = gap - head.length >= 1 || line[gap] === '\t';
  return { speaker, time, wide };
}

/** Detection: the first non-blank line is a header, with at least two headers making up 20%+ of lines. */
export function looksLikeOtter(lines: readonly string[]): boolean {
  let nonBlank = 0;
  let headers = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    nonBlank++;
    const header = readOtterHeader(line.trim());
    if (nonBlank === 1 && !header) return false;
    if (header) headers++;
  }
  return headers >= 2 && headers * 5 >= nonBlank;
}

export function parseOtter(lines: readonly string[]): ParsedTranscript {
  const segments: Segment[] = [];
  const warnings: string[] = [];
  let current: Segment | undefined;
  let afterBlank = true;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') {
      afterBlank = true;
      return;
    }
    const header = readOtterHeader(line);
    if (header && (header.wide || afterBlank || !current)) {
      current = { speaker: header.speaker, text: '', start: header.time, line: i + 1 };
      segments.push(current);
    } else if (current) {
      appendText(current, line);
    } else {
      warnings.push(preambleWarning(i + 1, line));
    }
    afterBlank = false;
  });
  return { format: 'otter', segments: segments.filter((s) => s.text !== ''), warnings };
}
