import {
  type EvidenceItem,
  type LinkedCall,
  type Proposal,
  proposeEvidence,
} from './evidence/index.js';
import { callPlan, type PlanStep } from './plan.js';
import { CRITERIA, type CriterionId } from './rubric/criteria.js';
import { type Band, bandFor, type CriterionScore } from './rubric/rubric.js';
import type { Deal, ManualScore } from './schema.js';

/** One rubric line: what the calls propose, what the user confirmed, and the score that counts. */
export interface RubricLine {
  criterion: CriterionId;
  label: string;
  proposed: Proposal;
  confirmed?: ManualScore;
  score: CriterionScore;
  source: 'confirmed' | 'proposed';
  /** The user's score differs from the calls' proposal. */
  corrected: boolean;
}

export interface DealReview {
  deal: Omit<Deal, 'calls' | 'scores'>;
  calls: { label: string; turns: number; moments: number; nextStep: boolean }[];
  rubric: RubricLine[];
  total: number;
  band: Band;
  bandReason: string;
  plan: PlanStep[];
  warnings: string[];
}

/**
 * Reviews a deal: proposes scores from its analysed calls, lets the deal file's manual scores
 * override them, totals and bands the result, and plans the questions for the next call.
 */
export function reviewDeal(deal: Deal, calls: LinkedCall[], warnings: string[] = []): DealReview {
  const proposals = proposeEvidence(calls);
  withDealNextStep(deal, proposals['next-step']);
  const rubric: RubricLine[] = CRITERIA.map(({ id, label }) => {
    const proposed = proposals[id];
    const confirmed = deal.scores[id];
    return {
      criterion: id,
      label,
      proposed,
      ...(confirmed ? { confirmed } : {}),
      score: confirmed ? confirmed.score : proposed.score,
      source: confirmed ? 'confirmed' : 'proposed',
      corrected: confirmed !== undefined && confirmed.score !== proposed.score,
    };
  });
  const scores = Object.fromEntries(rubric.map((r) => [r.criterion, r.score])) as Record<
    CriterionId,
    CriterionScore
  >;
  const { total, band, reason } = bandFor(scores);
  const { calls: _c, scores: _s, ...summary } = deal;
  return {
    deal: summary,
    calls: calls.map(({ label, analysis }) => ({
      label,
      turns: analysis.turns.length,
      moments: analysis.moments.length,
      nextStep: analysis.metrics.endsWithNextStep,
    })),
    rubric,
    total,
    band,
    bandReason: reason,
    plan: callPlan(
      rubric.map((r) => ({
        criterion: r.criterion,
        score: r.score,
        missing: r.proposed.missing,
        fill: fillFrom(r.proposed, deal),
      })),
    ),
    warnings,
  };
}

const TITLE =
  '(?:our|my|the)\\s+(?:ceo|cfo|coo|controller|board|owners?|vp|director|committee|boss)';

/** Who the prospect said decides ("go through Dr. Marsh", "talk to our controller"). */
const DECIDER = new RegExp(
  `\\b(?:go through|talk to|take (?:it|that|this) to|run it by|(?:call|decision) is with|approved by)\\s+(${TITLE}|(?:Dr\\.?\\s+)?[A-Z][a-z]+(?:\\s[A-Z][a-z]+)?)`,
  'i',
);
/** A title ("our controller"); with a capitalised name, the only deciders taken ("the whole thing" is neither). */
const DECIDER_WORDS = new RegExp(`^${TITLE}$`, 'i');

/** Two significant figures: a bracket, not a quote. */
function roughly(n: number, currency: string | undefined): string {
  const digits = Math.max(0, Math.floor(Math.log10(n)) - 1);
  const round = Math.round(n / 10 ** digits) * 10 ** digits;
  return currency
    ? round.toLocaleString('en-US', { style: 'currency', currency, maximumFractionDigits: 0 })
    : round.toLocaleString('en-US');
}

/** The budget bracket the plan asks about: the deal's value, a fifth either side. */
function bracket(deal: Pick<Deal, 'value' | 'currency'>): Record<string, string> | undefined {
  if (!(deal.value > 0)) return undefined;
  return {
    low: roughly(deal.value * 0.8, deal.currency),
    high: roughly(deal.value * 1.2, deal.currency),
  };
}

function fillFrom(
  proposal: Proposal,
  deal: Pick<Deal, 'value' | 'currency'>,
): Record<string, string> | undefined {
  if (proposal.criterion === 'budget') return bracket(deal);
  if (proposal.criterion !== 'decision-maker') return undefined;
  for (const e of proposal.evidence) {
    const m = DECIDER.exec(e.quote);
    if (m && (/^[A-Z]/.test(m[1]) || DECIDER_WORDS.test(m[1])))
      return { decider: m[1].replace(/^(?:my|our)\s/i, 'your ') };
  }
  return undefined;
}

/**
 * The next step written in the deal file is the owner's word, not the prospect's: with no
 * evidence from the calls it makes the next step a 1 (said but unverified), never a 2.
 */
function withDealNextStep(deal: Deal, proposal: Proposal): void {
  if (!deal.nextStep || proposal.score > 0) return;
  const item = (piece: string, quote: string): EvidenceItem => ({
    piece,
    strength: 'vague',
    quote,
    call: -1,
    turn: -1,
    speaker: deal.owner,
    reason: 'deal-file-next-step',
    note: 'in the deal file, not yet heard from the prospect on a call',
  });
  proposal.evidence.push(item('date', deal.nextStep.date), item('purpose', deal.nextStep.purpose));
  proposal.score = 1;
  proposal.why = 'the deal file names a next step, but no call shows the prospect agreeing to it';
}
