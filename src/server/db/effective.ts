/**
 * The effective reading of a call: the engine's moments with the managers' active corrections
 * applied (the latest not reverted correction at a turn defines the moment there). Pure: the
 * moment rows, the call's score and the deal review are all derived from it, so they agree.
 */
import { praise, suggest } from '../../coach/index.js';
import type { Analysis, Moment } from '../../core/types.js';
import { RESPONSE_KINDS, type ResponseKind, type TriggerKind } from '../../core/vocabulary.js';
import { computeScore, responseSeverity } from '../../score/index.js';
import type { Reading } from '../contract/shapes.js';

/** How bad a response is, for the coaching queue: higher is worse (src/score/severity.ts). */
export const SEVERITY = Object.fromEntries(
  RESPONSE_KINDS.map((k) => [k, responseSeverity(k)]),
) as Record<ResponseKind, number>;

/** What the effective reading needs of a correction. */
export interface ActiveCorrection {
  id: number;
  turn: number;
  quote: string;
  /** Null when dismissed. */
  corrected: Reading | null;
}

export interface EffectiveMoment {
  turn: number;
  /** Position in the analysis' moments; promoted moments number on after them, by turn. */
  idx: number;
  speaker: string;
  quote: string;
  origin: 'engine' | 'manager';
  dismissed: boolean;
  engine: Reading | null;
  /** What counts (the engine's reading when nothing corrects it; when dismissed, the last one). */
  reading: Reading;
  responseTurn: number | null;
  evidence: string;
  needsReview: boolean;
  correctionId: number | null;
  /** The engine's moment at the turn, if any. */
  moment?: Moment;
}

export function engineReading(m: Moment): Reading {
  return {
    triggerKind: m.trigger.kind,
    triggerSubtype: m.trigger.subtype ?? null,
    responseKind: m.response.kind,
  };
}

/** The latest correction per turn, from corrections oldest first (reverted ones left out). */
export function latestByTurn<C extends { turn: number }>(active: C[]): Map<number, C> {
  const out = new Map<number, C>();
  for (const c of active) out.set(c.turn, c);
  return out;
}

/** The rep's first turn after a prospect turn, up to the prospect's next turn. */
function replyTurn(analysis: Analysis, turn: number) {
  for (const t of analysis.turns) {
    if (t.index <= turn) continue;
    if (t.role === 'rep') return t;
    if (t.role === 'prospect') return undefined;
  }
  return undefined;
}

/** Every moment of the call, engine's and promoted, with corrections applied; in turn order. */
export function effectiveMoments(
  analysis: Analysis,
  active: ActiveCorrection[],
): EffectiveMoment[] {
  const byTurn = latestByTurn(active);
  const out: EffectiveMoment[] = [];
  analysis.moments.forEach((m, idx) => {
    const c = byTurn.get(m.turn);
    const engine = engineReading(m);
    out.push({
      turn: m.turn,
      idx,
      speaker: m.speaker,
      quote: m.trigger.quote,
      origin: 'engine',
      dismissed: c !== undefined && c.corrected === null,
      engine,
      reading: c?.corrected ?? engine,
      responseTurn: m.response.turn ?? null,
      evidence: m.response.evidence,
      needsReview: c ? false : m.needsReview,
      correctionId: c?.id ?? null,
      moment: m,
    });
  });
  const engineTurns = new Set(analysis.moments.map((m) => m.turn));
  let next = analysis.moments.length;
  for (const c of [...byTurn.values()].sort((a, b) => a.turn - b.turn)) {
    // a dismissal where the engine (now) finds nothing leaves nothing to list
    if (engineTurns.has(c.turn) || !c.corrected) continue;
    const turn = analysis.turns.find((t) => t.index === c.turn);
    const reply = replyTurn(analysis, c.turn);
    out.push({
      turn: c.turn,
      idx: next++,
      speaker: turn?.speaker ?? '',
      quote: c.quote,
      origin: 'manager',
      dismissed: false,
      engine: null,
      reading: c.corrected,
      responseTurn: reply?.index ?? null,
      evidence: reply?.text.slice(0, 300) ?? '',
      needsReview: false,
      correctionId: c.id,
    });
  }
  return out.sort((a, b) => a.turn - b.turn);
}

/** An effective moment as the engine's Moment shape, coached for its (corrected) reading. */
function asMoment(e: EffectiveMoment): Moment {
  const base: Moment = e.moment ?? {
    turn: e.turn,
    speaker: e.speaker,
    trigger: { kind: 'stall', span: [0, 0], quote: e.quote, confidence: 1, reason: 'correction' },
    response: {
      kind: 'none',
      ...(e.responseTurn !== null ? { turn: e.responseTurn } : {}),
      evidence: e.evidence,
      reasons: ['correction'],
      explanation: 'Graded by a manager.',
      confidence: 1,
    },
    suggestions: [],
    confidence: 1,
    needsReview: false,
  };
  if (e.correctionId === null) return base;
  const m: Moment = {
    ...base,
    trigger: {
      ...base.trigger,
      kind: e.reading.triggerKind as TriggerKind,
      ...(e.reading.triggerSubtype ? { subtype: e.reading.triggerSubtype } : {}),
    },
    response: { ...base.response, kind: e.reading.responseKind as ResponseKind },
    needsReview: false,
    confidence: 1,
  };
  if (!e.reading.triggerSubtype) delete m.trigger.subtype;
  delete m.reviewReason;
  delete m.praise;
  if (m.response.kind === 'challenged') m.praise = praise(m);
  else m.suggestions = suggest(m);
  return m;
}

/**
 * The analysis as the managers read it: dismissed moments left out, corrected and promoted ones
 * in, the moment counts and the score recomputed. The engine's own analysis is not changed.
 */
export function effectiveAnalysis(analysis: Analysis, active: ActiveCorrection[]): Analysis {
  return effectiveWithIdx(analysis, active).analysis;
}

/**
 * `effectiveAnalysis`, with each of its moments' stored `idx` (the call page's `?m=`), which
 * differs from the position once a moment is dismissed or promoted.
 */
export function effectiveWithIdx(
  analysis: Analysis,
  active: ActiveCorrection[],
): { analysis: Analysis; idx: number[] } {
  if (active.length === 0) return { analysis, idx: analysis.moments.map((_, i) => i) };
  const kept = effectiveMoments(analysis, active).filter((e) => !e.dismissed);
  const moments = kept.map(asMoment);
  const metrics = {
    ...analysis.metrics,
    momentsByResponse: Object.fromEntries(
      Object.keys(analysis.metrics.momentsByResponse).map((k) => [k, 0]),
    ) as Analysis['metrics']['momentsByResponse'],
    momentsByTrigger: Object.fromEntries(
      Object.keys(analysis.metrics.momentsByTrigger).map((k) => [k, 0]),
    ) as Analysis['metrics']['momentsByTrigger'],
  };
  for (const m of moments) {
    metrics.momentsByResponse[m.response.kind] =
      (metrics.momentsByResponse[m.response.kind] ?? 0) + 1;
    metrics.momentsByTrigger[m.trigger.kind] = (metrics.momentsByTrigger[m.trigger.kind] ?? 0) + 1;
  }
  return {
    analysis: { ...analysis, moments, metrics, score: computeScore(metrics, moments) },
    idx: kept.map((e) => e.idx),
  };
}
