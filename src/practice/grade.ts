import type { Analysis, Finding, MomentResponse, MomentTrigger } from '../core/types.js';
import { analyzeInDepth } from '../engine/analyze.js';
import { responseAt } from '../moments/index.js';

/** A turn of a practice call: the prospect (the scenario persona) or the trainee (the rep). */
export interface PracticeTurn {
  speaker: string;
  role: 'prospect' | 'rep';
  text: string;
  /** The trigger the scenario meant this prospect line to throw. */
  trigger?: { kind: string; subtype?: string };
  /** Hidden facts this prospect line gives away. */
  revealed?: string[];
}

/** The call so far as a "Name: text" transcript, the format `walkpoint analyze` reads. */
export function transcriptOf(turns: readonly PracticeTurn[]): string {
  return turns.map((t) => `${t.speaker}: ${t.text}\n`).join('');
}

/** What the engine made of the trainee's latest reply, read in the context of the whole call. */
export interface ReplyReading {
  response: MomentResponse;
  /** The trigger the engine found in the prospect line the reply answers, if any. */
  detected?: MomentTrigger;
  /** The engine's findings on the reply itself. */
  findings: Finding[];
}

/**
 * Grades the last turn (the trainee's reply) with the real engine: the session is analysed as a
 * transcript with the trainee as the rep, and the response is graded at the prospect line
 * before it, exactly as a walk-point on a real call would be.
 */
export function readReply(turns: readonly PracticeTurn[], rep: string): ReplyReading {
  const { analysis, annotated } = analyzeInDepth(transcriptOf(turns), { rep: [rep] });
  if (annotated.length !== turns.length) {
    // Names or text the parser merged differently would misplace the grade: fail loudly.
    throw new Error(`practice transcript read as ${annotated.length} turns, not ${turns.length}`);
  }
  const replyTurn = turns.length - 1;
  const prospectTurn = replyTurn - 1;
  const response = responseAt(annotated, analysis.findings, undefined, prospectTurn);
  const detected = analysis.moments.find((m) => m.turn === prospectTurn)?.trigger;
  return {
    response,
    ...(detected ? { detected } : {}),
    findings: analysis.findings.filter((f) => f.turn === replyTurn),
  };
}

/** The whole session through the engine: the score and moments a real call would get. */
export function analyzeSession(turns: readonly PracticeTurn[], rep: string): Analysis {
  return analyzeInDepth(transcriptOf(turns), { rep: [rep] }).analysis;
}

/** The reply only accepts the prospect's no (a give-up the engine credits after a challenge). */
export function acceptsTheEnd(response: MomentResponse): boolean {
  return response.reasons.length > 0 && response.reasons.every((r) => r.startsWith('give-up/'));
}

/** The reply proposes a dated next step. */
export function proposesNextStep(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.kind === 'next-step');
}
