/**
 * Cue blocks, shared by WebVTT and SRT: an optional id line, a timing line
 * `00:00:01.200 --> 00:00:06.900` (optional cue settings after it), then text lines up to a
 * blank line. A timing line that does not parse is an error naming the line: silently dropping
 * speech would skew every metric downstream.
 */
import { WalkpointError } from '../core/errors.js';
import type { Segment } from '../core/types.js';
import { appendText, cleanText, UNKNOWN_SPEAKER } from './segments.js';
import { readSpeakerLines } from './speaker.js';
import { parseClock } from './time.js';

export interface Cue {
  start: number;
  end: number;
  /** Text lines as written (tags still in). */
  text: string[];
  /** 1-based line of the timing line. */
  line: number;
}

export interface CueOptions {
  file?: string;
  /** WebVTT: skip NOTE, STYLE and REGION blocks. */
  vtt: boolean;
}

const VTT_SKIPPED_BLOCKS = ['NOTE', 'STYLE', 'REGION'];

function startsWithWord(line: string, word: string): boolean {
  if (!line.startsWith(word)) return false;
  const next = line.charCodeAt(word.length);
  return Number.isNaN(next) || next === 32 || next === 9;
}

/** Reads the cue blocks of `lines` from index `from`; `warnings` gets blocks without timing. */
export function readCues(
  lines: readonly string[],
  from: number,
  options: CueOptions,
  warnings: string[],
): Cue[] {
  const cues: Cue[] = [];
  let i = from;
  while (i < lines.length) {
    if (lines[i].trim() === '') {
      i++;
      continue;
    }
    const blockStart = i;
    while (i < lines.length && lines[i].trim() !== '') i++;
    const first = lines[blockStart].trim();
    if (options.vtt && VTT_SKIPPED_BLOCKS.some((w) => startsWithWord(first, w))) continue;
    // The timing line is the first line, or the second after a cue id.
    let timing = blockStart;
    if (!lines[timing].includes('-->')) timing++;
    if (timing >= i || !lines[timing].includes('-->')) {
      warnings.push(
        `line ${blockStart + 1}: skipped a block with no cue timing ("${clip(first)}")`,
      );
      continue;
    }
    const { start, end } = parseTiming(lines[timing], timing + 1, options.file);
    cues.push({ start, end, text: lines.slice(timing + 1, i), line: timing + 1 });
  }
  return cues;
}

/** Parses `start --> end [settings]`; throws naming the line when it does not parse. */
function parseTiming(line: string, lineNo: number, file?: string): { start: number; end: number } {
  const arrow = line.indexOf('-->');
  const left = line.slice(0, arrow).trim();
  const right = line
    .slice(arrow + 3)
    .trim()
    .split(/[ \t]/, 1)[0];
  const start = parseClock(left);
  const end = parseClock(right);
  if (start === undefined || end === undefined) {
    throw new WalkpointError(
      'bad-timestamp',
      `cannot read the cue timing "${clip(line.trim())}": expected "00:00:01.200 --> 00:00:06.900"; fix or delete this cue`,
      { file, line: lineNo },
    );
  }
  if (end < start) {
    throw new WalkpointError(
      'bad-timestamp',
      `the cue ends (${right}) before it starts (${left}); fix or delete this cue`,
      { file, line: lineNo },
    );
  }
  return { start, end };
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/**
 * Turns cues into segments. A speaker is named by a voice tag `<v Name>` (Teams) or by
 * "Name: text" on the cue's first line (Zoom, SRT); a cue with no name continues the previous
 * speaker.
 */
export function cueSegments(cues: readonly Cue[]): Segment[] {
  const named = readSpeakerLines(cues.map((c) => plainText(c.text[0] ?? '')));
  const segments: Segment[] = [];
  let speaker = UNKNOWN_SPEAKER;
  cues.forEach((cue, c) => {
    let current: Segment | undefined;
    cue.text.forEach((raw, k) => {
      const voice = readVoiceTag(raw);
      const split = voice ?? (k === 0 ? named[c] : undefined);
      if (split) {
        speaker = split.speaker;
        current = { speaker, text: '', start: cue.start, end: cue.end, line: cue.line };
        segments.push(current);
        appendText(current, split.text);
        return;
      }
      if (!current) {
        current = { speaker, text: '', start: cue.start, end: cue.end, line: cue.line };
        segments.push(current);
      }
      appendText(current, plainText(raw));
    });
  });
  return segments.filter((s) => s.text !== '');
}

/** `<v Name>text</v>` or `<v.class Name>text` at the start of a line. */
function readVoiceTag(raw: string): { speaker: string; text: string } | undefined {
  const line = raw.trimStart();
  if (!line.startsWith('<v') || (line[2] !== ' ' && line[2] !== '.' && line[2] !== '\t')) {
    return undefined;
  }
  const close = line.indexOf('>');
  if (close < 0) return undefined;
  // Skip the classes (`.loud.fast`) up to the first space: the rest of the tag is the name.
  const inner = line.slice(2, close);
  const space = inner.search(/[ \t]/);
  const speaker = space < 0 ? '' : cleanText(inner.slice(space));
  if (!speaker) return undefined;
  return { speaker, text: plainText(line.slice(close + 1)) };
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&nbsp;': ' ',
  '&quot;': '"',
  '&apos;': "'",
  '&#39;': "'",
  '&lrm;': '',
  '&rlm;': '',
};

/** Cue text without markup (`<i>`, `<c.x>`, `</v>`, inline timestamps) and with entities decoded. */
function plainText(raw: string): string {
  let text = raw;
  if (text.includes('<')) text = stripTags(text);
  if (text.includes('&'))
    text = text.replace(/&(?:amp|lt|gt|nbsp|quot|apos|#39|lrm|rlm);/g, (e) => ENTITIES[e]);
  return cleanText(text);
}

function stripTags(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('<', i);
    if (open < 0) break;
    const close = text.indexOf('>', open);
    if (close < 0) break;
    out += text.slice(i, open);
    i = close + 1;
  }
  return out + text.slice(i);
}
