import type { AnnotatedTurn, Finding } from '../core/types.js';
import type { ReportInput } from '../cues/types.js';

/**
 * Builds every finding: the only place a Finding is made, so turn, span, quote, confidence,
 * reason and explanation are uniform whatever detector fired.
 */
export function report(turn: AnnotatedTurn, detector: string, input: ReportInput): Finding {
  const span: [number, number] =
    input.span ??
    (input.sentence ? [input.sentence.start, input.sentence.end] : [0, turn.text.length]);
  const confidence = Math.round(Math.max(0, Math.min(1, input.confidence)) * 100) / 100;
  return {
    turn: turn.index,
    kind: input.kind,
    span,
    quote: turn.text.slice(span[0], span[1]),
    confidence,
    reason: input.reason,
    detector,
    explanation: input.explanation,
    role: turn.role,
  };
}
