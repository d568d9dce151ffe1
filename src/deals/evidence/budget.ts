import { MONEY } from './patterns.js';
import { sentenceAt } from './scan.js';
import type { CriterionFinder, EvidenceItem, LinkedCall } from './types.js';

/** Words that make a sum a budget rather than a price or a loss. */
const BUDGET_WORDS =
  /\b(?:budget\w*|approved|allocated|set aside|earmarked|invest\w*|afford|spend(?:ing)?|(?:i|we) have (?:about |around |roughly )?(?:\$|\w+ (?:thousand|grand|million|k)\b)|for this (?:year|project)|funding|funded)\b/i;

/** Where the money comes from: an approval, an owner of the budget, a line. */
const SOURCE =
  /\b(?:(?:already )?approved|allocated|set aside|earmarked|funded|comes? (?:out of|from)|budget line|capex|opex|(?:my|our|their|his|her) budget|grant)\b/i;

/** The prospect confirming a range the rep put forward. */
const CONFIRMS =
  /\b(?:yes|yeah|yep|neighbou?rhood|ballpark|about right|close|in that range|upper end|lower end|that'?s (?:fair|about it|right))\b/i;

export const budget: CriterionFinder = {
  criterion: 'budget',
  cues: [
    {
      id: 'budget-figure',
      piece: 'amount',
      strength: 'stated',
      pattern: MONEY,
      near: BUDGET_WORDS,
      unless: /\b(?:what|how much) (?:does|would|will)\b/i,
      note: 'the prospect stated a figure they can spend',
    },
    {
      id: 'budget-source',
      piece: 'source',
      strength: 'stated',
      pattern: SOURCE,
      near: new RegExp(`${MONEY.source}|\\bbudget\\b`, 'i'),
      unless: /\b(?:not|n't|no)\b.*\bbudget\b/i,
      note: 'the prospect said where the money comes from',
    },
    {
      id: 'budget-mentioned',
      piece: 'amount',
      strength: 'vague',
      pattern: /\bbudget\b/i,
      unless: /\b(?:don'?t|not|n't) (?:\w+ ){0,5}(?:get into|share|talk about|discuss)\b/i,
      note: 'the prospect talked about budget without a figure',
    },
  ],
  extra: confirmedRanges,
};

/**
 * A range the rep offered ("clients usually invest A to B") that the prospect's next turn
 * confirms: said, but in the rep's words, so 1 at best.
 */
function confirmedRanges(calls: LinkedCall[]): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  calls.forEach(({ analysis }, call) => {
    const { turns } = analysis;
    turns.forEach((turn, i) => {
      const next = turns[i + 1];
      if (turn.role !== 'rep' || next?.role !== 'prospect') return;
      const money = MONEY.exec(turn.text);
      const yes = CONFIRMS.exec(next.text);
      if (!money || !yes || !turn.text.includes('?')) return;
      const yesSentence = sentenceAt(next.text, yes.index);
      out.push({
        piece: 'amount',
        strength: 'vague',
        quote: `${sentenceAt(turn.text, money.index).text} / ${yesSentence.text}`,
        call,
        turn: next.index,
        speaker: next.speaker,
        span: [yesSentence.start, yesSentence.end],
        reason: 'range-confirmed',
        note: 'the prospect confirmed a range the rep offered (their words would make it a 2)',
      });
    });
  });
  return out;
}
