import { dealCues } from './cues.js';
import type { CriterionFinder } from './types.js';

export const whyNow: CriterionFinder = {
  criterion: 'why-now',
  ...dealCues('why-now'),
  findingCues: [
    {
      id: 'ultimatum-deadline',
      piece: 'date',
      strength: 'vague',
      kind: /^demand:ultimatum$/,
      note: 'the prospect set a deadline (an ultimatum): urgency, but theirs to verify',
    },
  ],
};
