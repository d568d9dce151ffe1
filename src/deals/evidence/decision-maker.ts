import type { CriterionScore } from '../rubric.js';
import type { CriterionFinder, EvidenceItem } from './types.js';

/** Someone else decides: the decider is known by name or title, but was not on the call. */
const SOMEONE_ELSE =
  /\b(?:final (?:call|say|decision|sign-?off)|(?:decision|call) (?:isn't|is not|wasn't) (?:mine|my)|can'?t sign off|(?:has|have|would have) to go through|run it by|take (?:it|that|this) to (?:my|our)|not my call|above my pay grade|(?:my|our|the) (?:boss|ceo|cfo|coo|board|owners?|vp|director|controller|committee) (?:decides|signs|approves|has the final|makes the call|would have to|will want)|talk to (?:my|our) (?:boss|ceo|cfo|controller|owners?|board|partner)|there'?s a committee)\b/i;

/** The person on the call says they decide or sign. */
const SELF_DECIDER =
  /\b(?:i'?m the (?:owner|ceo|cfo|coo|cto|president|founder|decision[- ]maker|one who (?:signs|decides))|(?:it'?s|it is) my (?:budget|call|decision|signature)|i (?:sign|approve|decide|make the (?:call|decision))|i own (?:the|this) (?:budget|decision)|i have final say)\b/i;

/** Conditionals and negations that turn "my call" into "not my call". */
const NOT_SELF = /\b(?:if|not|n't|only|wish)\b/i;

export const decisionMaker: CriterionFinder = {
  criterion: 'decision-maker',
  cues: [
    {
      id: 'self-decider',
      piece: 'decider-on-call',
      strength: 'stated',
      pattern: SELF_DECIDER,
      unless: NOT_SELF,
      note: 'the person on the call says they decide or hold the budget',
    },
    {
      id: 'someone-else-decides',
      piece: 'decider-named',
      strength: 'stated',
      pattern: SOMEONE_ELSE,
      note: 'the prospect says someone else decides: you know who, but have not spoken with them',
    },
  ],
  findingCues: [
    {
      id: 'authority-objection',
      piece: 'decider-named',
      strength: 'stated',
      kind: /^objection:authority$/,
      note: 'an authority objection: the decider is someone not on the call',
    },
  ],
  score: scoreDecider,
};

/**
 * 2 only when the decider spoke on a call where nobody deferred to someone else; any sign of
 * the decider (or an authority objection) is 1 at best.
 */
function scoreDecider(evidence: EvidenceItem[]): CriterionScore {
  const onCall = evidence.filter((e) => e.piece === 'decider-on-call');
  const deferred = new Set(evidence.filter((e) => e.piece === 'decider-named').map((e) => e.call));
  if (onCall.some((e) => !deferred.has(e.call))) return 2;
  return evidence.length > 0 ? 1 : 0;
}
