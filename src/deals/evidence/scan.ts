import type { Finding, Turn } from '../../core/types.js';
import { dealPhrase } from './cues.js';
import type { Cue, EvidenceItem, FindingCue, LinkedCall, QuestionCue } from './types.js';

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

/** The sentence of a turn that holds the character at `index` (the last one if past the end). */
export function sentenceAt(text: string, index: number): TurnSentence {
  const sentences = sentencesOf(text);
  return (
    sentences.find((s) => index < s.end) ??
    sentences.at(-1) ?? { start: 0, end: text.length, text: text.trim() }
  );
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
          if (!matchCue(cue, s, sentences[i - 1])) continue;
          const against = cue.counterFinding
            ? analysis.findings.some(
                (f) =>
                  !f.overruled && cue.counterFinding!.test(f.kind) && overlaps(f, turn.index, s),
              )
            : false;
          (against ? counter : evidence).push(item(cue, turn, call, s));
        }
      });
    }
  });
  return { evidence, counter };
}

/** The cue fires on the sentence; its `near` words may sit in the sentence before. */
function matchCue(cue: Cue, s: TurnSentence, previous?: TurnSentence): boolean {
  if (!cue.pattern.test(s.text) || cue.unless?.test(s.text)) return false;
  return (
    !cue.near || cue.near.test(s.text) || (previous !== undefined && cue.near.test(previous.text))
  );
}

/** Evidence quotes the whole sentence and keeps its span in the turn. */
export function item(
  cue: Pick<Cue, 'id' | 'piece' | 'strength' | 'note'>,
  turn: Turn,
  call: number,
  s: TurnSentence,
): EvidenceItem {
  return {
    piece: cue.piece,
    strength: cue.strength,
    quote: s.text,
    call,
    turn: turn.index,
    speaker: turn.speaker,
    span: [s.start, s.end],
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
        const s = sentenceAt(turn.text, f.span[0]);
        if (cue.sentence && !cue.sentence.test(s.text)) continue;
        if (cue.unless?.test(s.text)) continue;
        out.push(item(cue, turn, call, s));
      }
    }
  });
  return out;
}

/** The engine read the answer as a dodge: it answers nothing. */
const DODGE = /^(?:withholding|brush-off|stall)/;

/** Sentences that only hold the floor ("Yeah.", "Well,", "Honestly?"): not the answer yet. */
const FILLER = dealPhrase('filler');

/**
 * Answers to the criterion's questions: a rep question (the engine's `question` finding, or a
 * question mark) matching a question cue, then the first sentence of the prospect's next turn
 * that says something.
 */
export function scanAnswers(calls: LinkedCall[], questions: QuestionCue[]): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  if (questions.length === 0) return out;
  calls.forEach(({ analysis }, call) => {
    const { turns, findings } = analysis;
    turns.forEach((turn, i) => {
      const answer = turns[i + 1];
      if (turn.role !== 'rep' || answer?.role !== 'prospect') return;
      const asked = sentencesOf(turn.text).filter(
        (s) =>
          s.text.endsWith('?') ||
          findings.some((f) => f.kind === 'question' && overlaps(f, turn.index, s)),
      );
      const first = sentencesOf(answer.text).find((s) => !FILLER.test(s.text));
      if (!first) return;
      if (
        findings.some((f) => DODGE.test(f.kind) && !f.overruled && overlaps(f, answer.index, first))
      )
        return;
      const said = sentencesOf(turn.text);
      for (const q of questions) {
        const question = (q.statement ? said : asked).findLast(
          (s) => q.pattern.test(s.text) && !q.unless?.test(s.text),
        );
        if (!question || (q.answer && !q.answer.test(first.text))) continue;
        if (q.quoteQuestion) out.push({ ...item(q, turn, call, question), strength: 'vague' });
        out.push(item(q, answer, call, first));
      }
    });
  });
  return out;
}
