import { praise, suggest } from '../coach/index.js';
import type { ResponseKind } from '../core/vocabulary.js';
import { analyzeSession, type PracticeTurn, transcriptOf } from './grade.js';
import type { Outcome, Scenario } from './scenario.js';
import type { PracticeSession, ReplyGrade } from './session.js';

/** One walk-point of the practice call, as the debrief shows it. */
export interface DebriefMoment {
  /** Index in `turns` of the prospect line. */
  turn: number;
  prospect: string;
  trigger: { kind: string; subtype?: string };
  reply: string;
  response: ResponseKind;
  explanation: string;
  /** A nothing-to-lose reply that would have worked here (from the coach). */
  suggestion?: { text: string; why: string };
  /** What worked, for a moment handled with a challenge. */
  praise?: string;
}

/** The whole session as the CLI's `--format json` and the web app show it. */
export interface PracticeReport {
  scenario: string;
  title: string;
  difficulty: Scenario['difficulty'];
  seed: number;
  rep: string;
  prospect: string;
  finished: boolean;
  outcome: Outcome | null;
  /** The engine's 0-100 "willing to walk" score for the practice call. */
  score: number;
  turns: (PracticeTurn & { grade?: ReplyGrade })[];
  grades: ReplyGrade[];
  moments: DebriefMoment[];
  revealed: { id: string; topic: string }[];
  missed: { id: string; topic: string }[];
  openness: number;
  patience: number;
}

/**
 * A graded reply as a walk-point moment with the coach's advice, or undefined when the prospect
 * line it answers threw no trigger. Used by the debrief and for live feedback.
 */
export function momentOf(session: PracticeSession, g: ReplyGrade): DebriefMoment | undefined {
  if (!g.trigger) return undefined;
  const prospect = session.turns[g.prospectTurn].text;
  const quote = g.detected?.quote ?? prospect;
  const moment = {
    trigger: { ...g.trigger, quote },
    response: { kind: g.response, reasons: g.reasons },
  };
  const [best] = suggest(moment, 1);
  const kudos = praise(moment);
  return {
    turn: g.prospectTurn,
    prospect,
    trigger: g.trigger,
    reply: session.turns[g.turn].text,
    response: g.response,
    explanation: g.explanation,
    ...(best ? { suggestion: { text: best.text, why: best.why } } : {}),
    ...(kudos ? { praise: kudos } : {}),
  };
}

/**
 * The debrief of a session, finished or not: every walk-point with its grade and a
 * nothing-to-lose reply, the facts earned and missed, and the engine's score for the call.
 */
export function practiceReport(scenario: Scenario, session: PracticeSession): PracticeReport {
  const score = analyzeSession(session.turns, session.rep).score.willingToWalk;
  return scoredReport(scenario, session, score);
}

/**
 * The debrief with the score already known (stored when the call ended): everything else comes
 * from the session's grades, so nothing is analysed again.
 */
export function scoredReport(
  scenario: Scenario,
  session: PracticeSession,
  score: number,
): PracticeReport {
  const gradeAt = new Map(session.grades.map((g) => [g.turn, g]));
  const facts = (revealed: boolean) =>
    scenario.facts
      .filter((f) => session.revealed.includes(f.id) === revealed)
      .map((f) => ({ id: f.id, topic: f.topic }));
  return {
    scenario: scenario.name,
    title: scenario.title,
    difficulty: scenario.difficulty,
    seed: session.seed,
    rep: session.rep,
    prospect: scenario.persona.name,
    finished: session.outcome !== null,
    outcome: session.outcome,
    score,
    turns: session.turns.map((t, i) => {
      const grade = gradeAt.get(i);
      return grade ? { ...t, grade } : { ...t };
    }),
    grades: session.grades,
    moments: session.grades
      .map((g) => momentOf(session, g))
      .filter((m): m is DebriefMoment => m !== undefined),
    revealed: facts(true),
    missed: facts(false),
    openness: session.openness,
    patience: session.patience,
  };
}

/** The session as a "Name: text" transcript that `walkpoint analyze` reads. */
export function sessionTranscript(session: PracticeSession): string {
  return transcriptOf(session.turns);
}
