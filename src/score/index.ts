import { quoteSentences } from '../annotate/index.js';
import type { AnnotatedTurn, Finding, Metrics, Moment, Score, Speaker } from '../core/types.js';
import {
  RESPONSE_KINDS,
  type ResponseKind,
  splitKind,
  TRIGGER_KINDS,
  type TriggerKind,
} from '../core/vocabulary.js';
import { RESPONSE_CREDIT } from './severity.js';

export {
  FAILURE_SEVERITY,
  RESPONSE_CREDIT,
  RESPONSES_WORST_FIRST,
  responseSeverity,
  worstResponse,
} from './severity.js';

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * From the first start to the last end. A loop, not Math.max(...ends): spreading 100,000+
 * turns into arguments overflows the stack. Times are finite and at most 10^10 s (the parse
 * stage refuses others), so the duration is too.
 */
function duration(turns: readonly AnnotatedTurn[]): number | undefined {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const t of turns) {
    if (t.start !== undefined) first = Math.min(first, t.start);
    const end = t.end ?? t.start;
    if (end !== undefined) last = Math.max(last, end);
  }
  if (first === Number.POSITIVE_INFINITY || last === Number.NEGATIVE_INFINITY) return undefined;
  const d = last - first;
  return d > 0 ? d : undefined;
}

function seconds(turn: AnnotatedTurn): number | undefined {
  return turn.start !== undefined && turn.end !== undefined
    ? round(turn.end - turn.start, 1)
    : undefined;
}

function longest(turns: readonly AnnotatedTurn[], role: string): Metrics['longestRepMonologue'] {
  let best: AnnotatedTurn | undefined;
  for (const t of turns) if (t.role === role && (!best || t.words > best.words)) best = t;
  if (!best) return null;
  const s = seconds(best);
  return { turn: best.index, words: best.words, ...(s !== undefined ? { seconds: s } : {}) };
}

/** The sentence the next step was agreed in, not the cue word alone ("work"). */
function nextStepQuote(turns: readonly AnnotatedTurn[], f: Finding): string {
  const turn = turns.find((t) => t.index === f.turn);
  return (turn && quoteSentences(turn, f.span, 200)) ?? f.quote;
}

export function computeMetrics(
  turns: readonly AnnotatedTurn[],
  speakers: Speaker[],
  findings: Finding[],
  moments: Moment[],
): Metrics {
  const repTurns = turns.filter((t) => t.role === 'rep');
  const repFindings = findings.filter((f) => f.role === 'rep');
  const count = (kind: string) => repFindings.filter((f) => splitKind(f.kind).kind === kind).length;
  // one question per sentence at most: a tough question is also a question
  const questions = count('question');
  const tough = count('tough-question');
  const durationSeconds = duration(turns);
  const per10 = (n: number) => (durationSeconds ? round((n / durationSeconds) * 600) : undefined);

  const momentsByResponse = Object.fromEntries(RESPONSE_KINDS.map((k) => [k, 0])) as Record<
    ResponseKind,
    number
  >;
  const momentsByTrigger = Object.fromEntries(TRIGGER_KINDS.map((k) => [k, 0])) as Record<
    TriggerKind,
    number
  >;
  for (const m of moments) {
    momentsByResponse[m.response.kind]++;
    momentsByTrigger[m.trigger.kind]++;
  }

  // The call ends with a next step when one is agreed in the last few turns.
  const tail = turns.slice(-6).map((t) => t.index);
  const nextSteps = findings.filter(
    (f) => splitKind(f.kind).kind === 'next-step' && tail.includes(f.turn),
  );
  const last = nextSteps[nextSteps.length - 1];

  const metrics: Metrics = {
    repTalkShare: round(
      speakers.filter((s) => s.role === 'rep').reduce((a, s) => a + s.talkShare, 0),
      3,
    ),
    repTurns: repTurns.length,
    prospectTurns: turns.filter((t) => t.role === 'prospect').length,
    questions,
    toughQuestions: tough,
    questionsPerRepTurn: repTurns.length ? round(questions / repTurns.length) : 0,
    toughQuestionsPerRepTurn: repTurns.length ? round(tough / repTurns.length) : 0,
    longestRepMonologue: longest(turns, 'rep'),
    longestProspectStretch: longest(turns, 'prospect'),
    momentsByResponse,
    momentsByTrigger,
    happyEars: count('happy-ears'),
    endsWithNextStep: last !== undefined,
    ...(last ? { nextStep: { turn: last.turn, quote: nextStepQuote(turns, last) } } : {}),
  };
  if (durationSeconds !== undefined) {
    metrics.durationSeconds = round(durationSeconds, 1);
    metrics.questionsPer10Min = per10(questions);
    metrics.toughQuestionsPer10Min = per10(tough);
  }
  return metrics;
}

/** The 0-100 "willing to walk" score; every point is explained (docs/scoring.md). */
export function computeScore(metrics: Metrics, moments: Moment[]): Score {
  const graded = moments.filter((m) => m.response.kind !== 'none');
  const handling = graded.length
    ? graded.reduce(
        (a, m) => a + RESPONSE_CREDIT[m.response.kind as Exclude<ResponseKind, 'none'>],
        0,
      ) / graded.length
    : 0.5;
  const toughRate = metrics.toughQuestionsPerRepTurn;
  const share = metrics.repTalkShare;
  const components: Score['components'] = [
    {
      id: 'moments',
      label: 'Walk-points handled with a challenge',
      points: round(handling * 55, 1),
      max: 55,
      detail: graded.length
        ? `${metrics.momentsByResponse.challenged} of ${graded.length} graded moments challenged`
        : 'no graded walk-points in this call: half credit',
    },
    {
      id: 'tough-questions',
      label: 'Tough questions asked',
      points: round(Math.min(1, toughRate / 0.15) * 15, 1),
      max: 15,
      detail: `${metrics.toughQuestions} tough questions in ${metrics.repTurns} rep turns (full credit at 0.15 per turn)`,
    },
    {
      id: 'talk-share',
      label: 'Let the prospect talk',
      points: round(Math.max(0, Math.min(1, (0.75 - share) / 0.3)) * 10, 1),
      max: 10,
      detail: `rep talk share ${Math.round(share * 100)}% (full credit at 45% or less, none at 75%)`,
    },
    {
      id: 'no-happy-ears',
      label: 'No happy ears',
      points: Math.max(0, 10 - metrics.happyEars * 5),
      max: 10,
      detail: `${metrics.happyEars} happy ears statement${metrics.happyEars === 1 ? '' : 's'} (5 points off each)`,
    },
    {
      id: 'next-step',
      label: 'Ends with a concrete next step',
      points: metrics.endsWithNextStep ? 10 : 0,
      max: 10,
      detail: metrics.endsWithNextStep
        ? `"${metrics.nextStep?.quote}"`
        : 'no dated next step near the end of the call',
    },
  ];
  const total = components.reduce((a, c) => a + c.points, 0);
  return { willingToWalk: Math.round(Math.max(0, Math.min(100, total))), components };
}
