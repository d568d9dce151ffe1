import type { CriterionFinder } from './types.js';

export const alternatives: CriterionFinder = {
  criterion: 'alternatives',
  cues: [
    {
      id: 'competitor-named',
      piece: 'competitors',
      strength: 'stated',
      pattern:
        /\b(?:(?:current|existing|other|two|our) (?:provider|vendor|broker|agency|agencies|supplier|msp|partner)s?|competitors?|cheaper|(?:two|three|other) (?:strong )?options|looked at|quotes? from|been with|come in at|go with|signing with|freelancers)\b/i,
      note: 'the prospect named another supplier they could choose',
    },
    {
      id: 'do-nothing',
      piece: 'do-nothing',
      strength: 'stated',
      pattern:
        /\b(?:do(?:ing)? nothing|status quo|fine for now|works fine|(?:built|do|handle|run) (?:it|that|most of (?:it|the \w+ \w+)|\w+ \w+)? ?(?:ourselves|in-house)|stay (?:where|as) we are|extend where we are|keep (?:doing|using)|safety stock|not (?:really )?looking to switch|over-order|spreadsheets|not sure we(?:'re going to| need))\b/i,
      note: 'the prospect mentioned staying as they are (doing nothing)',
    },
  ],
  findingCues: [
    {
      id: 'incumbent-objection',
      piece: 'competitors',
      strength: 'stated',
      kind: /^objection:incumbent$/,
      note: 'an incumbent objection names the supplier to beat',
    },
    {
      id: 'need-objection',
      piece: 'do-nothing',
      strength: 'stated',
      kind: /^objection:need$/,
      note: 'a "we are fine" objection: doing nothing is on the table',
    },
  ],
};
