import { sentenceAt } from '../annotate/index.js';
import { triggerPlain } from '../coach/explain.js';
import { suggest } from '../coach/index.js';
import type { Analysis, AnnotatedTurn, Finding, Moment, Suggestion } from '../core/types.js';
import type { ResponseKind, Role, TriggerKind } from '../core/vocabulary.js';
import type { Agreement } from './agree.js';

/**
 * What a live session says, one JSON object per event (the wire format of `walkpoint live
 * --format json` and of /api/v1/live; see docs/live.md). Fields are a contract: add, never rename.
 */

/** A walk-point as the prospect said it: what they did, their words, the moves to make now. */
export interface LiveCard {
  type: 'card';
  /** The prospect turn: the card's id. A later card for the same turn replaces it. */
  turn: number;
  speaker: string;
  /** Seconds from the start of the call, when the captions have times. */
  start?: number;
  /** Read from a partial caption: it may change or be retracted when the caption is final. */
  provisional: boolean;
  trigger: {
    kind: TriggerKind;
    subtype?: string;
    /** What the prospect did, in plain words: "pushed back on the price". */
    plain: string;
    /** The words that made it a walk-point. */
    quote: string;
    confidence: number;
    /** The cue or model feature that fired, and its detector. */
    reason: string;
    detector?: string;
    /** Why it fired, in a manager's words. */
    explanation?: string;
  };
  /** The prospect's sentence holding the trigger. */
  words: string;
  /** Two or three nothing-to-lose questions fitted to the trigger. */
  questions: Suggestion[];
}

/** A quick grade of the rep's reply to a card's walk-point. */
export interface LiveGrade {
  type: 'grade';
  turn: number;
  /** The prospect has moved on: this grade will not change. */
  final: boolean;
  response: { kind: ResponseKind; turn?: number; evidence: string; reasons: string[] };
  /** The engine is unsure of the grade: show "unsure: review", not the grade. */
  needsReview: boolean;
  reviewReason?: string;
  /** One line for the rep: "you accepted the stall: ask ...". */
  line: string;
  /** The moment in a coach's words (as in the call's analysis). */
  explanation: string;
  praise?: string;
  suggestions: Suggestion[];
}

/** A card shown from a partial caption that the final caption (or a role change) undid. */
export interface LiveRetract {
  type: 'retract';
  turn: number;
  reason: string;
}

/** Who is the rep changed (inferred roles firm up as the call goes on). */
export interface LiveRoles {
  type: 'roles';
  speakers: { name: string; role: Role }[];
}

export type LiveEvent = LiveCard | LiveGrade | LiveRetract | LiveRoles;

/** The end of the call: the batch analysis of everything said, and how the cards agreed. */
export interface LiveSummary {
  type: 'summary';
  utterances: number;
  partials: number;
  /** A partial caption was never confirmed by a final one, so it is not in the analysis. */
  droppedPartial: boolean;
  analysis?: Analysis;
  agreement?: Agreement;
  /** Why there is no analysis (one speaker only, a --rep name nobody used...). */
  error?: string;
}

/** The trigger, as a short noun for the grade line: "the price objection". */
function triggerNoun(kind: TriggerKind, subtype?: string): string {
  if (kind === 'objection' && subtype) return `the ${subtype} objection`;
  if (kind === 'withholding') return 'the withholding';
  return `the ${kind}`;
}

const DID: Record<ResponseKind, string> = {
  challenged: 'you challenged',
  caved: 'you gave in to',
  'gave-up': 'you let go at',
  'walked-out': 'you walked out at',
  'pitched-through': 'you pitched through',
  none: 'no reply to',
};

export function cardOf(
  m: Moment,
  turn: AnnotatedTurn,
  finding: Finding | undefined,
  provisional: boolean,
): LiveCard {
  const { kind, subtype, quote, confidence, reason } = m.trigger;
  return {
    type: 'card',
    turn: m.turn,
    speaker: m.speaker,
    ...(turn.start !== undefined ? { start: turn.start } : {}),
    provisional,
    trigger: {
      kind,
      ...(subtype ? { subtype } : {}),
      plain: triggerPlain(kind, subtype),
      quote,
      confidence,
      reason,
      ...(finding ? { detector: finding.detector, explanation: finding.explanation } : {}),
    },
    words: sentenceAt(turn, m.trigger.span[0])?.text ?? quote,
    questions: suggest({ trigger: m.trigger, response: { kind: 'none' } }),
  };
}

/** The one line a rep reads after replying; `m` is coached (praise or suggestions). */
export function gradeLine(m: Moment): string {
  const noun = triggerNoun(m.trigger.kind, m.trigger.subtype);
  const next = m.suggestions[0] ? `ask "${m.suggestions[0].text}"` : 'ask what is behind it';
  if (m.needsReview) return `unsure what your reply to ${noun} did: review it, or ${next}`;
  const kind = m.response.kind;
  if (kind === 'challenged') return `${DID[kind]} ${noun}: ${m.praise ?? 'keep asking'}`;
  const did = m.response.reasons.includes('accepted') ? 'you accepted' : DID[kind];
  return `${did} ${noun}: ${next}`;
}

export function gradeOf(m: Moment, final: boolean): LiveGrade {
  const { kind, turn, evidence, reasons } = m.response;
  return {
    type: 'grade',
    turn: m.turn,
    final,
    response: { kind, ...(turn !== undefined ? { turn } : {}), evidence, reasons },
    needsReview: m.needsReview,
    ...(m.reviewReason ? { reviewReason: m.reviewReason } : {}),
    line: gradeLine(m),
    explanation: m.response.explanation,
    ...(m.praise ? { praise: m.praise } : {}),
    suggestions: m.suggestions,
  };
}
