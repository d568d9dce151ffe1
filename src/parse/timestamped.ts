/**
 * Timestamped lines: "[00:01:05] Name: text", "00:01:05 Name: text", "(01:05) Name: text",
 * "[1:05] Name: text". A stamped line without a name continues the previous speaker from that
 * time; an unstamped line continues the current segment. A bracketed stamp that does not read
 * as a time ("[00:0x]") is an error naming the line.
 */
import { WalkpointError } from '../core/errors.js';
import type { ParsedTranscript, Segment } from '../core/types.js';
import { appendText, preambleWarning } from './segments.js';
import { readSpeakerLines, splitSpeakerLine } from './speaker.js';
import { parseClock } from './time.js';

/** The longest stamp we look for inside brackets ("[100:00:00.000]"). */
const MAX_STAMP_CHARS = 16;

type Stamp = { time: number; rest: string } | 'broken' | undefined;

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** Reads a leading time stamp; `rest` is the line after it and any "-" or "|" separator. */
function readStamp(line: string): Stamp {
  const open = line[0];
  let time: number | undefined;
  let after: number;
  if (open === '[' || open === '(') {
    const close = line.indexOf(open === '[' ? ']' : ')');
    if (close < 0 || close > MAX_STAMP_CHARS) return undefined;
    const inner = line.slice(1, close).trim();
    // "[laughs]" is not a stamp; "[00:0x]" is a broken one.
    if (!isDigit(inner[0]) || !inner.includes(':')) return undefined;
    time = parseClock(inner);
    if (time === undefined) return 'broken';
    after = close + 1;
  } else if (isDigit(open)) {
    const space = line.search(/[ \t]/);
    const token = space < 0 ? line : line.slice(0, space);
    // Unbracketed, a non-time ("10:30am") is just speech.
    if (!token.includes(':') || token.length > MAX_STAMP_CHARS) return undefined;
    time = parseClock(token);
    if (time === undefined) return undefined;
    after = token.length;
  } else {
    return undefined;
  }
  let rest = line.slice(after).trimStart();
  if (rest[0] === '-' || rest[0] === '|' || rest[0] === '\u2013') rest = rest.slice(1).trimStart();
  return { time, rest };
}

/** Detection: at least two stamped "Name: text" lines, and stamps on at least 40% of lines. */
export function looksLikeTimestamped(lines: readonly string[]): boolean {
  let nonBlank = 0;
  let stamped = 0;
  let named = 0;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    nonBlank++;
    const stamp = readStamp(line);
    if (stamp === undefined || stamp === 'broken') continue;
    stamped++;
    if (splitSpeakerLine(stamp.rest)) named++;
  }
  return named >= 2 && stamped * 5 >= nonBlank * 2;
}

export function parseTimestamped(lines: readonly string[], file?: string): ParsedTranscript {
  const trimmed = lines.map((l) => l.trim());
  const stamps = trimmed.map((line, i) => {
    const stamp = readStamp(line);
    if (stamp === 'broken') {
      throw new WalkpointError(
        'bad-timestamp',
        `cannot read the time stamp in "${line.slice(0, 40)}": expected [00:01:05] or [1:05]; fix or delete it`,
        { file, line: i + 1 },
      );
    }
    return stamp;
  });
  const named = readSpeakerLines(stamps.map((s) => s?.rest ?? ''));
  const segments: Segment[] = [];
  const warnings: string[] = [];
  let current: Segment | undefined;
  trimmed.forEach((line, i) => {
    if (line === '') return;
    const stamp = stamps[i];
    const split = named[i];
    if (stamp && (split || current)) {
      const speaker = split ? split.speaker : current!.speaker;
      current = { speaker, text: '', start: stamp.time, line: i + 1 };
      segments.push(current);
      appendText(current, split ? split.text : stamp.rest);
    } else if (current) {
      appendText(current, line);
    } else {
      warnings.push(preambleWarning(i + 1, line));
    }
  });
  return { format: 'timestamped', segments: segments.filter((s) => s.text !== ''), warnings };
}
