/**
 * Presentation helpers shared by every renderer. They only read an Analysis and format it;
 * no judgement about the call is made here.
 */
import type { Analysis, Moment, Speaker, Turn } from '../core/types.js';
import type { ResponseKind } from '../core/vocabulary.js';

/** How a grade is shown: the colour family every renderer uses for it. */
export type Tone = 'good' | 'warn' | 'bad' | 'dim';

export const RESPONSE_TONE: Record<ResponseKind, Tone> = {
  challenged: 'good',
  caved: 'warn',
  'gave-up': 'warn',
  'walked-out': 'bad',
  'pitched-through': 'bad',
  none: 'dim',
};

/** What a renderer shows for a moment's grade: never a grade the engine does not believe. */
export const UNSURE = 'unsure: review';

export function shownGrade(m: Moment): { label: string; tone: Tone } {
  // an analysis stored before moments carried needsReview has no such field: it is believed
  return m.needsReview
    ? { label: UNSURE, tone: 'dim' }
    : { label: m.response.kind, tone: RESPONSE_TONE[m.response.kind] };
}

/** Seconds as m:ss (or h:mm:ss past an hour). */
export function formatTime(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${String(m).padStart(2, '0')}:${s}`;
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** `objection:price`, or just `brush-off` when there is no subtype. */
export function triggerLabel(m: Moment): string {
  return m.trigger.subtype ? `${m.trigger.kind}:${m.trigger.subtype}` : m.trigger.kind;
}

/** A moment's trigger in words for a heading: `Objection: price`, `Demand: free work`. */
export function triggerTitle(m: Moment): string {
  const kind = m.trigger.kind.charAt(0).toUpperCase() + m.trigger.kind.slice(1);
  return m.trigger.subtype ? `${kind}: ${m.trigger.subtype.replace(/-/g, ' ')}` : kind;
}

export function speakerSummary(s: Speaker): string {
  return `${s.name} (${s.role}, role confidence ${percent(s.roleConfidence)}, talk ${percent(s.talkShare)})`;
}

/** Turn label: `[12:34] Name` or `Name` when the format has no times. */
export function turnHeading(t: Turn): string {
  return t.start === undefined ? t.speaker : `[${formatTime(t.start)}] ${t.speaker}`;
}

/** Most turns shown for one moment: a long exchange shows its first and last turns. */
const MAX_CONTEXT_TURNS = 4;

/**
 * The turns a reader needs to see a moment: the trigger turn through the rep turn the grade
 * rests on (or the next turn when there is none).
 */
export function momentTurns(a: Analysis, m: Moment): Turn[] {
  const last = m.response.turn ?? Math.min(m.turn + 1, a.turns.length - 1);
  const span = a.turns.slice(m.turn, Math.max(m.turn, last) + 1);
  if (span.length <= MAX_CONTEXT_TURNS) return span;
  return [...span.slice(0, MAX_CONTEXT_TURNS - 1), span[span.length - 1]];
}

/** A piece of turn text; `mark` is the index of the span that covers it, if any. */
export interface Piece {
  text: string;
  mark?: number;
}

/**
 * Cuts `text` into plain and marked pieces. Spans are clipped to the text and to each other
 * (an overlapping later span starts where the earlier one ends) so every character appears once.
 */
export function splitBySpans(text: string, spans: [number, number][]): Piece[] {
  const order = spans.map((s, i) => ({ s, i })).sort((x, y) => x.s[0] - y.s[0]);
  const pieces: Piece[] = [];
  let at = 0;
  for (const { s, i } of order) {
    const start = Math.max(at, Math.min(s[0], text.length));
    const end = Math.max(start, Math.min(s[1], text.length));
    if (end === start) continue;
    if (start > at) pieces.push({ text: text.slice(at, start) });
    pieces.push({ text: text.slice(start, end), mark: i });
    at = end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at) });
  return pieces;
}

/**
 * A window of at most `max` characters of `text`, centred on `span` when given, with ellipses
 * where text was cut. Returns the window and the span's offsets inside it.
 */
export function excerpt(
  text: string,
  span?: [number, number],
  max = 360,
): { text: string; span?: [number, number] } {
  if (text.length <= max) return { text, span };
  const [s, e] = span ?? [0, 0];
  const room = Math.max(0, max - (e - s));
  let from = Math.max(0, s - Math.floor(room / 2));
  const to = Math.min(text.length, Math.max(e, from + max));
  from = Math.max(0, Math.min(from, to - max));
  const head = from > 0 ? '…' : '';
  const tail = to < text.length ? '…' : '';
  const shifted: [number, number] | undefined = span
    ? [s - from + head.length, e - from + head.length]
    : undefined;
  return { text: head + text.slice(from, to) + tail, span: shifted };
}

/** The rep names of a call, for tables and headers. */
export function repNames(a: Analysis): string {
  const reps = a.speakers.filter((s) => s.role === 'rep').map((s) => s.name);
  return reps.length > 0 ? reps.join(', ') : '(none)';
}

/** Metric rows of the scorecard as label/value pairs, in reading order. */
export function metricRows(a: Analysis): [string, string][] {
  const m = a.metrics;
  const rows: [string, string][] = [];
  if (m.durationSeconds !== undefined) rows.push(['Duration', formatTime(m.durationSeconds)]);
  rows.push(['Rep talk share', percent(m.repTalkShare)]);
  rows.push(['Turns (rep / prospect)', `${m.repTurns} / ${m.prospectTurns}`]);
  rows.push(['Questions (tough)', `${m.questions} (${m.toughQuestions})`]);
  rows.push([
    'Questions per rep turn (tough)',
    `${m.questionsPerRepTurn.toFixed(2)} (${m.toughQuestionsPerRepTurn.toFixed(2)})`,
  ]);
  if (m.questionsPer10Min !== undefined) {
    const tough = m.toughQuestionsPer10Min?.toFixed(1) ?? '-';
    rows.push(['Questions per 10 min (tough)', `${m.questionsPer10Min.toFixed(1)} (${tough})`]);
  }
  if (m.longestRepMonologue) rows.push(['Longest rep monologue', stretch(m.longestRepMonologue)]);
  if (m.longestProspectStretch) {
    rows.push(['Longest prospect stretch', stretch(m.longestProspectStretch)]);
  }
  rows.push(['Happy ears', String(m.happyEars)]);
  rows.push([
    'Ends with a next step',
    m.endsWithNextStep ? `yes${m.nextStep ? `: "${m.nextStep.quote}"` : ''}` : 'no',
  ]);
  return rows;
}

function stretch(s: { turn: number; words: number; seconds?: number }): string {
  const time = s.seconds === undefined ? '' : `, ${formatTime(s.seconds)}`;
  return `${s.words} words (turn ${s.turn + 1}${time})`;
}

/** Non-zero counts as `challenged 2, caved 1`, or `none` when there were no moments. */
export function countsLine(counts: Record<string, number>): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}
