import type { CriterionScore } from '../rubric/rubric.js';
import { dealCues, dealPhrase } from './cues.js';
import type { CriterionFinder, EvidenceItem } from './types.js';

/** "Let me run it by the team": a deferral that names nobody who decides. */
const TEAM_ONLY = dealPhrase('team-only');

export const decisionMaker: CriterionFinder = {
  criterion: 'decision-maker',
  ...dealCues('decision-maker'),
  findingCues: [
    {
      id: 'authority-objection',
      piece: 'decider-named',
      strength: 'stated',
      kind: /^objection:authority$/,
      // "let me run it by the team" defers, but names nobody who decides
      unless: TEAM_ONLY,
      note: 'an authority objection: the decider is someone not on the call',
    },
    {
      id: 'ultimatum-decider',
      piece: 'decider-on-call',
      strength: 'stated',
      kind: /^demand:ultimatum$/,
      note: 'the prospect set an ultimatum (sign or lose it): terms only the one who decides can set',
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
