/**
 * JSON exports: an array of items, or an object holding the items under `utterances`, `turns`,
 * `segments` or `transcript`, with optional `participants` (names, or objects with `name`).
 * An item has a speaker (`speaker`, `speaker_name`, `name`, `participant`), text (`text`,
 * `transcript`, `content`, or `words` as a string) and optional times: seconds or clock strings
 * in `start`/`end` or `start_time`/`end_time`, milliseconds in `startMs`/`endMs`.
 */
import { WalkpointError } from '../core/errors.js';
import type { ParsedTranscript, Segment } from '../core/types.js';
import { cleanText } from './segments.js';
import { cleanSpeakerName } from './speaker.js';
import { MAX_SECONDS, parseTimeValue } from './time.js';

const ITEM_KEYS = ['utterances', 'turns', 'segments', 'transcript'] as const;
const SPEAKER_KEYS = ['speaker', 'speaker_name', 'speakerName', 'name', 'participant'] as const;
const TEXT_KEYS = ['text', 'transcript', 'content', 'words'] as const;
/** Time fields with the divisor that turns them into seconds. */
const START_KEYS = [
  ['start', 1],
  ['start_time', 1],
  ['startTime', 1],
  ['startMs', 1000],
  ['start_ms', 1000],
] as const;
const END_KEYS = [
  ['end', 1],
  ['end_time', 1],
  ['endTime', 1],
  ['endMs', 1000],
  ['end_ms', 1000],
] as const;

type Item = Record<string, unknown>;

/** Detection: an object, or an array that is empty or starts with an object or a string. */
export function looksLikeJson(text: string): boolean {
  const start = text.trimStart();
  if (start[0] === '{') return true;
  if (start[0] !== '[') return false;
  const next = start.slice(1).trimStart()[0];
  // Not a digit: "[00:01:05] Name: text" is a timestamped line.
  return next === '{' || next === ']' || next === '"';
}

export function parseJson(text: string, file?: string): ParsedTranscript {
  const root = parseOrExplain(text, file);
  const { items, where } = findItems(root, file);
  const participants = readParticipants(root, file);
  const lines = new LineFinder(text, items.length);
  const segments: Segment[] = [];
  let speaker: string | undefined;
  items.forEach((raw, index) => {
    const at = `${where}[${index}]`;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      throw new WalkpointError('bad-json', `${at} is not an object with speaker and text`, {
        file,
      });
    }
    const item = raw as Item;
    const text = readText(item, at, file);
    const named = readSpeaker(item);
    speaker = named ?? speaker;
    if (speaker === undefined) {
      throw new WalkpointError(
        'bad-json',
        `${at} has no "speaker" (or "speaker_name", "name", "participant"): name who speaks`,
        { file },
      );
    }
    const segment: Segment = { speaker, text, line: lines.lineOf(item) };
    const start = readTime(item, START_KEYS, at, file);
    const end = readTime(item, END_KEYS, at, file);
    if (start !== undefined) segment.start = start;
    if (end !== undefined) segment.end = end;
    if (start !== undefined && end !== undefined && end < start) {
      throw new WalkpointError('bad-timestamp', `${at} ends (${end}) before it starts (${start})`, {
        file,
      });
    }
    if (text) segments.push(segment);
  });
  return {
    format: 'json',
    segments,
    ...(participants ? { participants } : {}),
    warnings: [],
  };
}

function parseOrExplain(text: string, file?: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    // V8 quotes the text around the error: keep the message one short line whatever it holds
    const said = reason.replace(/\s+/g, ' ');
    throw new WalkpointError(
      'bad-json',
      `invalid JSON: ${said.length > 200 ? `${said.slice(0, 197)}...` : said}; fix the file or export it again`,
      {
        file,
        line: syntaxErrorLine(reason, text),
      },
    );
  }
}

/** How many characters V8 quotes before the bad token in its "... is not valid JSON" messages. */
const V8_CONTEXT_CHARS = 10;

/**
 * The line of a JSON.parse error. Newer engines say "(line 3 column 5)"; Node 20 says "at
 * position 42", or quotes the text around an unexpected token, which we find in the source.
 */
function syntaxErrorLine(message: string, text: string): number | undefined {
  const line = /\bline (\d+)/.exec(message);
  if (line) return Number(line[1]);
  const offset = syntaxErrorOffset(message, text);
  if (offset === undefined) return undefined;
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function syntaxErrorOffset(message: string, text: string): number | undefined {
  const position = /\bposition (\d+)/.exec(message);
  if (position) return Number(position[1]);
  if (message.includes('end of JSON input')) return text.length;
  // `Unexpected token ']', ..."text around it"... is not valid JSON`
  const quoted = /^Unexpected token '(.)', (\.\.\.)?"([\s\S]*)"(?:\.\.\.)? is not valid JSON$/.exec(
    message,
  );
  if (!quoted) return undefined;
  const [, token, cut, snippet] = quoted;
  const cutBefore = cut !== undefined;
  const at = text.indexOf(snippet);
  if (at < 0) return undefined;
  return at + (cutBefore ? V8_CONTEXT_CHARS : Math.max(0, snippet.indexOf(token)));
}

function findItems(root: unknown, file?: string): { items: unknown[]; where: string } {
  if (Array.isArray(root)) return { items: root, where: 'item' };
  if (root !== null && typeof root === 'object') {
    for (const key of ITEM_KEYS) {
      const value = (root as Item)[key];
      if (Array.isArray(value)) return { items: value, where: key };
    }
  }
  throw new WalkpointError(
    'bad-json',
    `expected an array of utterances, or an object with an "utterances", "turns", "segments" or "transcript" array`,
    { file },
  );
}

function readParticipants(root: unknown, file?: string): string[] | undefined {
  if (Array.isArray(root) || root === null || typeof root !== 'object') return undefined;
  const list = (root as Item).participants;
  if (list === undefined) return undefined;
  if (!Array.isArray(list)) {
    throw new WalkpointError('bad-json', '"participants" must be an array of names', { file });
  }
  return list.map((p, i) => {
    const name = typeof p === 'string' ? p : readSpeaker((p ?? {}) as Item);
    if (!name) {
      throw new WalkpointError(
        'bad-json',
        `participants[${i}] is neither a name nor an object with "name"`,
        { file },
      );
    }
    return cleanSpeakerName(name);
  });
}

function readSpeaker(item: Item): string | undefined {
  for (const key of SPEAKER_KEYS) {
    const value = item[key];
    if (typeof value === 'string' && value.trim()) return cleanSpeakerName(value);
    // Diarisation exports number their speakers (0, 1, ...).
    if (typeof value === 'number') return `Speaker ${value}`;
    if (value && typeof value === 'object' && typeof (value as Item).name === 'string') {
      return cleanSpeakerName((value as Item).name as string);
    }
  }
  return undefined;
}

function readText(item: Item, at: string, file?: string): string {
  for (const key of TEXT_KEYS) {
    const value = item[key];
    if (typeof value === 'string') return cleanText(value);
  }
  throw new WalkpointError(
    'bad-json',
    `${at} has no "text" (or "transcript", "content", "words" as a string): every utterance needs its words`,
    { file },
  );
}

/** A value as quoted in a message: a 400-digit "time" is shown by its start. */
function shown(value: unknown): string {
  const s = JSON.stringify(value) ?? String(value);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

function readTime(
  item: Item,
  keys: readonly (readonly [string, number])[],
  at: string,
  file?: string,
): number | undefined {
  for (const [key, scale] of keys) {
    const value = item[key];
    if (value === undefined || value === null) continue;
    const seconds = parseTimeValue(value, scale);
    if (seconds === undefined) {
      throw new WalkpointError(
        'bad-timestamp',
        `${at}.${key} is ${shown(value)}: expected seconds (65.2) or a time ("00:01:05"), at most ${MAX_SECONDS} seconds; fix the time or remove it`,
        { file },
      );
    }
    return seconds;
  }
  return undefined;
}

/**
 * Finds roughly where each item sits in the source, for line numbers: items come in order, so
 * we look for each item's text after the previous one. When the text was escaped differently
 * than JSON.stringify writes it, the previous line is kept. The search only looks a few items
 * ahead: an unbounded search that fails scans the rest of the file, and a file whose texts all
 * fail to match (every "/" written "\/", say) would cost the square of its size.
 */
class LineFinder {
  private cursor = 0;
  private line = 1;
  /** How far past the cursor a text is looked for: several average items, at least 4 KB. */
  private readonly reach: number;
  private readonly escapesSlashes: boolean;
  constructor(
    private readonly source: string,
    items: number,
  ) {
    this.reach = Math.max(4096, Math.ceil((8 * source.length) / Math.max(1, items)));
    this.escapesSlashes = source.includes('\\/');
  }

  lineOf(item: Item): number {
    const raw = firstString(item);
    if (!raw) return this.line;
    const quoted = JSON.stringify(raw);
    // Some exporters escape every "/" (PHP's json_encode does by default): look for that
    // spelling first in a file that uses it.
    const escaped = raw.includes('/') ? quoted.replace(/\//g, '\\/') : quoted;
    const [first, second] = this.escapesSlashes ? [escaped, quoted] : [quoted, escaped];
    let found = this.find(first);
    if (found < 0 && second !== first) found = this.find(second);
    if (found < 0) return this.line;
    for (let i = this.source.indexOf('\n', this.cursor); i >= 0 && i < found; ) {
      this.line++;
      i = this.source.indexOf('\n', i + 1);
    }
    this.cursor = found;
    return this.line;
  }

  private find(needle: string): number {
    const window = this.source.slice(this.cursor, this.cursor + this.reach + needle.length);
    const at = window.indexOf(needle);
    return at < 0 ? -1 : this.cursor + at;
  }
}

function firstString(item: Item): string | undefined {
  for (const key of TEXT_KEYS) {
    const value = item[key];
    if (typeof value === 'string' && value) return value;
  }
  return undefined;
}
