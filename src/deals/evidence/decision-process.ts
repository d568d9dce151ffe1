import { dealCues } from './cues.js';
import { scanCues } from './scan.js';
import type { CriterionFinder, EvidenceItem, LinkedCall } from './types.js';

/** Phrase cues and questions: data/deals/decision-process.json. */
export const decisionProcess: CriterionFinder = {
  criterion: 'decision-process',
  ...dealCues('decision-process'),
  findingCues: [
    {
      id: 'terms-demanded',
      piece: 'criteria',
      strength: 'stated',
      kind: /^demand/,
      note: 'the prospect set terms the choice turns on (a test, a price to beat, a deadline)',
    },
  ],
  extra: decidersInProcess,
};

/**
 * The decider the prospect named ("I take it to the COO and the CFO") is one of the people in
 * the process: the decision-maker cues say it, so they are not written twice.
 */
function decidersInProcess(calls: LinkedCall[]): EvidenceItem[] {
  const named = dealCues('decision-maker').cues.filter((c) => c.piece === 'decider-named');
  return scanCues(calls, named).evidence.map((e) => ({
    ...e,
    piece: 'people',
    reason: `decider-named:${e.reason}`,
    note: 'the prospect named who decides: one of the people in the process',
  }));
}
