import { dealCues } from './cues.js';
import type { CriterionFinder } from './types.js';

/** Phrase cues and questions: data/deals/compelling-reason.json. */
export const compellingReason: CriterionFinder = {
  criterion: 'compelling-reason',
  ...dealCues('compelling-reason'),
};
