import { dealCues } from './cues.js';
import type { CriterionFinder } from './types.js';

/** Phrase cues and questions: data/deals/decision-process.json. */
export const decisionProcess: CriterionFinder = {
  criterion: 'decision-process',
  ...dealCues('decision-process'),
};
