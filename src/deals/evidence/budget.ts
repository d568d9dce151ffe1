import { dealCues, dealPhrase } from './cues.js';
import { MONEY } from './patterns.js';
import { sentenceAt } from './scan.js';
import type { CriterionFinder, EvidenceItem, LinkedCall } from './types.js';

/** The prospect confirming a range the rep put forward. */
const CONFIRMS = dealPhrase('range-confirmed');

export const budget: CriterionFinder = {
  criterion: 'budget',
  ...dealCues('budget'),
  findingCues: [
    {
      id: 'price-objection',
      piece: 'amount',
      strength: 'vague',
      kind: /^objection:price$/,
      note: 'the prospect reacted to the price: where it sits against what they can pay is said, not yet the budget',
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
