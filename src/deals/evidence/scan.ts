import type { Finding, Turn } from '../../types.js';
import type { Cue, EvidenceItem, FindingCue, LinkedCall } from './types.js';

/** A sentence of a turn with its character span. */
export interface TurnSentence {
  start: number;
  end: number;
  text: string;
}

/** Splits a turn at sentence ends; speech-to-text turns without punctuation stay whole. */
export function sentencesOf(text: string): TurnSentence[] {
  const out: TurnSentence[] = [];
  const ends = /[.!?]+(?=\s|$)/g;
  let start = 0;
  for (let m = ends.exec(text); m; m = ends.exec(text)) {
    if (ABBREVIATION.test(text.slice(Math.max(0, m.index - 4), m.index))) continue;
    push(out, text, start, m.index + m[0].length);
    start = m.index + m[0].length;
  }
  push(out, text, start, text.length);
  return out;
}

/** Titles that end in a dot without ending the sentence ("Dr. Marsh"). */
const ABBREVIATION = /\b(?:dr|mr|mrs|ms|st|vs|jr|sr|inc|co)$/i;

function push(out: TurnSentence[], text: string, from: number, to: number): void {
  const raw = text.slice(from, to);
  const body = raw.trim();
  if (!body) return;
  const start = from + raw.length - raw.trimStart().length;
  out.push({ start, end: start + body.length, text: body });
}

const QUOTE_WORDS = 14;

/**
 * The quote for a match: its sentence, clipped to about fourteen words either side of the match
 * when the sentence runs long (unpunctuated speech-to-text).
 */
export function quoteAround(text: string, start: number, end: number): string {
  const before = text.slice(0, start).split(/\s+/).filter(Boolean);
  const after = text.slice(end).split(/\s+/).filter(Boolean);
  if (before.length + after.length <= QUOTE_WORDS * 2) return text;
  const head = before.slice(-QUOTE_WORDS);
  const tail = after.slice(0, QUOTE_WORDS);
  const open = head.length < before.length ? '…' : '';
  const close = tail.length < after.length ? '…' : '';
  return `${open}${[...head, text.slice(start, end), ...tail].join(' ')}${close}`;
}

function overlaps(f: Finding, turn: number, s: TurnSentence): boolean {
  return f.turn === turn && f.span[0] < s.end && f.span[1] > s.start;
}

/** Runs sentence cues over every turn of every call. Returns evidence and counter-evidence. */
export function scanCues(
  calls: LinkedCall[],
  cues: Cue[],
): { evidence: EvidenceItem[]; counter: EvidenceItem[] } {
  const evidence: EvidenceItem[] = [];
  const counter: EvidenceItem[] = [];
  calls.forEach(({ analysis }, call) => {
    for (const turn of analysis.turns) {
      const sentences = sentencesOf(turn.text);
      sentences.forEach((s, i) => {
        for (const cue of cues) {
          if (turn.role !== (cue.role ?? 'prospect')) continue;
          const hit = matchCue(cue, s, sentences[i - 1]);
          if (!hit) continue;
          const against = cue.counterFinding
            ? analysis.findings.some(
                (f) =>
                  !f.overruled && cue.counterFinding!.test(f.kind) && overlaps(f, turn.index, s),
              )
            : false;
          (against ? counter : evidence).push(item(cue, turn, call, hit));
        }
      });
    }
  });
  return { evidence, counter };
}

function matchCue(cue: Cue, s: TurnSentence, previous?: TurnSentence): string | undefined {
  const m = cue.pattern.exec(s.text);
  if (!m) return undefined;
  if (cue.unless?.test(s.text)) return undefined;
  const quote = quoteAround(s.text, m.index, m.index + m[0].length);
  if (!cue.near || cue.near.test(s.text)) return quote;
  if (previous && cue.near.test(previous.text)) return `${previous.text} ${quote}`;
  return undefined;
}

function item(cue: Cue | FindingCue, turn: Turn, call: number, quote: string): EvidenceItem {
  return {
    piece: cue.piece,
    strength: cue.strength,
    quote,
    call,
    turn: turn.index,
    speaker: turn.speaker,
    reason: cue.id,
    note: cue.note,
  };
}

/** Evidence from the engine's own findings (e.g. an incumbent objection names a competitor). */
export function scanFindings(calls: LinkedCall[], cues: FindingCue[]): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  calls.forEach(({ analysis }, call) => {
    for (const f of analysis.findings) {
      if (f.role !== 'prospect' || f.overruled) continue;
      for (const cue of cues) {
        if (!cue.kind.test(f.kind)) continue;
        const turn = analysis.turns[f.turn];
        const s = sentencesOf(turn.text).find((x) => x.start <= f.span[0] && f.span[0] < x.end);
        out.push(
          item(
            cue,
            turn,
            call,
            s ? quoteAround(s.text, f.span[0] - s.start, f.span[1] - s.start) : f.quote,
          ),
        );
      }
    }
  });
  return out;
}
