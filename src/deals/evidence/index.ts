import { CRITERIA, type CriterionId, pieceWords } from '../rubric/criteria.js';
import type { CriterionScore } from '../rubric/rubric.js';
import { alternatives } from './alternatives.js';
import { budget } from './budget.js';
import { compellingReason } from './compelling-reason.js';
import { decisionMaker } from './decision-maker.js';
import { decisionProcess } from './decision-process.js';
import { nextStep } from './next-step.js';
import { scanAnswers, scanCues, scanFindings } from './scan.js';
import type { CriterionFinder, EvidenceItem, LinkedCall, Proposal } from './types.js';
import { whyNow } from './why-now.js';

export type { EvidenceItem, LinkedCall, Proposal } from './types.js';

/** One finder per criterion, in rubric order. */
export const FINDERS: readonly CriterionFinder[] = [
  compellingReason,
  whyNow,
  decisionMaker,
  decisionProcess,
  budget,
  alternatives,
  nextStep,
];

/**
 * Proposes a score for each of the seven criteria from analysed calls, with the quotes and turns
 * that support it. A 2 needs every piece in the prospect's own words; anything found is a 1.
 */
export function proposeEvidence(calls: LinkedCall[]): Record<CriterionId, Proposal> {
  const out = {} as Record<CriterionId, Proposal>;
  for (const finder of FINDERS) out[finder.criterion] = propose(finder, calls);
  return out;
}

function propose(finder: CriterionFinder, calls: LinkedCall[]): Proposal {
  const { evidence: found, counter } = scanCues(calls, finder.cues);
  const evidence = dedupe([
    ...found,
    ...scanAnswers(calls, finder.questions ?? []),
    ...scanFindings(calls, finder.findingCues ?? []),
    ...(finder.extra?.(calls) ?? []),
  ]);
  const { pieces } = CRITERIA.find((c) => c.id === finder.criterion)!;
  const stated = new Set(evidence.filter((e) => e.strength === 'stated').map((e) => e.piece));
  const missing = pieces.filter((p) => !stated.has(p));
  const score = finder.score ? finder.score(evidence) : defaultScore(evidence, missing);
  return {
    criterion: finder.criterion,
    score,
    evidence,
    missing,
    counter: dedupe(counter),
    why: explain(score, evidence, missing, counter),
  };
}

function defaultScore(evidence: EvidenceItem[], missing: string[]): CriterionScore {
  if (evidence.length === 0) return 0;
  return missing.length === 0 ? 2 : 1;
}

/** One item per pattern, piece and sentence: the same sentence can match a cue only once. */
function dedupe(items: EvidenceItem[]): EvidenceItem[] {
  const seen = new Set<string>();
  return items.filter((e) => {
    const key = `${e.call}:${e.turn}:${e.span?.[0]}:${e.piece}:${e.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function explain(
  score: CriterionScore,
  evidence: EvidenceItem[],
  missing: string[],
  counter: EvidenceItem[],
): string {
  const against =
    counter.length > 0 ? `; ${counter.length} counter-signal(s): ${counter[0].note}` : '';
  if (score === 0) return `nothing on the calls${against}`;
  const best = evidence.find((e) => e.strength === 'stated') ?? evidence[0];
  if (score === 2) return `${best.note}${against}`;
  const gap =
    missing.length > 0
      ? `; not yet in the prospect's words: ${missing.map(pieceWords).join(', ')}`
      : '';
  return `${best.note}${gap}${against}`;
}
