import type { Turn } from '../../core/types.js';
import { dealCues } from './cues.js';
import { MEETING_TIME } from './patterns.js';
import { item, sentenceAt } from './scan.js';
import type { CriterionFinder, EvidenceItem, LinkedCall } from './types.js';

/** What the meeting is for: a review, a demo, a decision, bring the numbers. */
const PURPOSE =
  /\b(?:review|walk (?:you |them )?through|go (?:over|through)|yes or no|look at|demo|show|bring|decide|decision|tell me if|worth a test|test|present|meet (?:with|denise|the)|plan|pricing|price them|numbers|data|proposal)\b/i;

/** The prospect accepting a proposed time. */
const ACCEPT =
  /\b(?:works|work for|sounds good|see you|open|free|i'?ll put a hold|booked|calendar)\b/i;

/** How many turns either side of a next-step finding to look for the date and the purpose. */
const WINDOW = 3;

export const nextStep: CriterionFinder = {
  criterion: 'next-step',
  ...dealCues('next-step'),
  extra: agreedNextSteps,
};

/**
 * Built on the engine's `next-step` findings (and metrics.nextStep): a date the prospect said or
 * accepted near one is stated; a purpose in the rep's proposal the prospect then accepted counts
 * as agreed. A time nobody accepted is no evidence.
 */
function agreedNextSteps(calls: LinkedCall[]): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  calls.forEach(({ analysis }, call) => {
    const anchors = new Set(
      analysis.findings.filter((f) => f.kind === 'next-step').map((f) => f.turn),
    );
    if (analysis.metrics.nextStep) anchors.add(analysis.metrics.nextStep.turn);
    const seen = new Set<string>();
    for (const anchor of [...anchors].sort((a, b) => a - b)) {
      const lo = Math.max(0, anchor - WINDOW);
      const window = analysis.turns.slice(lo, anchor + WINDOW + 1);
      const accepted = window.findLast(
        (t) => t.role === 'prospect' && MEETING_TIME.test(t.text) && ACCEPT.test(t.text),
      );
      // a time nobody accepted is not a next step (the labelled calls score it 0)
      if (!accepted) continue;
      // The purpose must come before (or with) the prospect's yes to count as agreed.
      const agenda = window.filter((t) => t.index <= accepted.index);
      /** The sentence of `turn` where `re` matches, as evidence for the cue. */
      const push = (cue: Parameters<typeof item>[0], turn: Turn, re: RegExp) => {
        const key = `${cue.piece}:${turn.index}`;
        if (!seen.has(key))
          out.push(item(cue, turn, call, sentenceAt(turn.text, re.exec(turn.text)!.index)));
        seen.add(key);
      };
      push(
        {
          id: 'date-accepted',
          piece: 'date',
          strength: 'stated',
          note: 'the prospect said or accepted a day and time',
        },
        accepted,
        MEETING_TIME,
      );
      const purpose = agenda.findLast((t) => PURPOSE.test(t.text));
      if (purpose) {
        push(
          {
            id: 'purpose-agreed',
            piece: 'purpose',
            strength: 'stated',
            note: 'the meeting has a purpose the prospect then agreed to',
          },
          purpose,
          PURPOSE,
        );
      }
    }
  });
  return out;
}
