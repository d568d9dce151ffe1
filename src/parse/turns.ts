import type { ParsedTranscript, Segment, Turn } from '../core/types.js';
import { cleanSpeakerName } from './speaker.js';

/**
 * Merges consecutive segments of one speaker into turns: texts joined with a space, the start of
 * the first, the end of the last that has one, the line of the first. Speakers match
 * case-insensitively, and every turn of a speaker carries the name as first written. Roles are
 * 'other' here: a later stage (src/roles) assigns them.
 */
export function toTurns(parsed: ParsedTranscript): Turn[] {
  const names = new Map<string, string>();
  const turns: Turn[] = [];
  let last: { key: string; turn: Turn } | undefined;
  for (const segment of parsed.segments) {
    const text = segment.text.trim();
    if (!text) continue;
    const name = cleanSpeakerName(segment.speaker);
    const key = name.toLowerCase();
    if (!names.has(key)) names.set(key, name);
    if (last && last.key === key) {
      last.turn.text += ` ${text}`;
      if (segment.end !== undefined) last.turn.end = segment.end;
      continue;
    }
    const turn = newTurn(turns.length, names.get(key)!, text, segment);
    turns.push(turn);
    last = { key, turn };
  }
  return turns;
}

function newTurn(index: number, speaker: string, text: string, segment: Segment): Turn {
  const turn: Turn = { index, speaker, role: 'other', text, line: segment.line };
  if (segment.start !== undefined) turn.start = segment.start;
  if (segment.end !== undefined) turn.end = segment.end;
  return turn;
}
