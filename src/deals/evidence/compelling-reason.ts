import { QUANTITY } from './patterns.js';
import type { CriterionFinder } from './types.js';

/** Words that make a number a cost of the problem, not just a size. */
const COST_WORDS =
  /\b(?:cost(?:s|ing)?|lost|lose|losing|loss|fines?|fined|penalt\w*|overtime|spends?|expedite|churn\w*|wast\w*|revenue|shut(?:s)? down|downtime|premium|over current|chargebacks?|shorted|missed|back wages|spend(?:ing)? more|paying (?:for|more)|behind|contract|up (?:about )?\w+ percent)\b/i;

/** Pain in the prospect's words without a figure: said, but not yet measured. */
const PAIN_WORDS =
  /\b(?:a mess|nightmare|disaster|drowning|killing us|brutal|burned|tanked|hurting|slipping|failed|complaint|re-typing|short (?:two|three|four|\d+) \w+|pulling (?:my|his|her) hair)\b/i;

/** Personal stakes: the boss, the job, the evenings. */
const PERSONAL =
  /\b(?:my (?:boss|director|plant director|vp|ceo|manager|job|evenings|weekends|nights|bonus|neck)|boss's|on me|off my back|gets? (?:people |me )?fired|i'?m the one|pulled into|(?:nine|ten|eleven|midnight) at night|brings it up|remembers it|not happy with me|asked me twice)\b/i;

export const compellingReason: CriterionFinder = {
  criterion: 'compelling-reason',
  cues: [
    {
      id: 'cost-figure',
      piece: 'cost',
      strength: 'stated',
      pattern: QUANTITY,
      near: COST_WORDS,
      note: 'the prospect put a number on what the problem costs',
    },
    {
      id: 'pain-words',
      piece: 'cost',
      strength: 'vague',
      pattern: PAIN_WORDS,
      note: 'the prospect named the pain but not what it costs',
    },
    {
      id: 'personal-stakes',
      piece: 'personal',
      strength: 'stated',
      pattern: PERSONAL,
      note: 'the prospect said what the problem means for them personally',
    },
  ],
};
