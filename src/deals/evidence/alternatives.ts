import { dealCues } from './cues.js';
import type { CriterionFinder } from './types.js';

export const alternatives: CriterionFinder = {
  criterion: 'alternatives',
  ...dealCues('alternatives'),
  findingCues: [
    {
      id: 'incumbent-objection',
      piece: 'competitors',
      strength: 'stated',
      kind: /^objection:incumbent$/,
      note: 'an incumbent objection names the supplier to beat',
    },
  ],
};
