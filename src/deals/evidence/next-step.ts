import type { Turn } from '../../core/types.js';
import { dealCues, dealPhrase } from './cues.js';
import { MEETING_SLOT, MEETING_TIME } from './patterns.js';
import { item, sentenceAt } from './scan.js';
import type { CriterionFinder, EvidenceItem, LinkedCall } from './types.js';

/** What the meeting is for: a review, a demo, a decision, bring the numbers. */
const PURPOSE = dealPhrase('meeting-purpose');

/** The prospect accepting a proposed time. */
const ACCEPT = dealPhrase('accept-time');

/** A reply that opens with a yes: after a slot was asked about, it takes the slot. */
const YES = dealPhrase('yes-reply');

/**
 * The prospect's yes to a time in the window: their own time with an accepting word ("Thursday
 * works"), or a reply accepting (or opening with a yes) right after a turn that named a slot
 * ("tuesday at ten then" / "ten works"). The last one wins; `time` is the turn that named it.
 */
function acceptance(window: Turn[]): { yes: Turn; time: Turn } | undefined {
  for (let i = window.length - 1; i >= 0; i--) {
    const t = window[i];
    if (t.role !== 'prospect') continue;
    if (MEETING_TIME.test(t.text) && ACCEPT.test(t.text)) return { yes: t, time: t };
    const before = window[i - 1];
    if (!before || !MEETING_SLOT.test(before.text)) continue;
    // a bare yes takes a slot that was asked about ("Thursday at ten?"), not one mentioned
    if (ACCEPT.test(t.text) || (YES.test(t.text) && /\?\s*$/.test(before.text))) {
      return { yes: t, time: before };
    }
  }
  return undefined;
}

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
    // a slot named and taken is a next step even where the engine saw no next-step finding
    for (const t of analysis.turns) if (MEETING_SLOT.test(t.text)) anchors.add(t.index);
    if (analysis.metrics.nextStep) anchors.add(analysis.metrics.nextStep.turn);
    const seen = new Set<string>();
    for (const anchor of [...anchors].sort((a, b) => a - b)) {
      const lo = Math.max(0, anchor - WINDOW);
      const window = analysis.turns.slice(lo, anchor + WINDOW + 1);
      const taken = acceptance(window);
      // a time nobody accepted is not a next step (the labelled calls score it 0)
      if (!taken) continue;
      const accepted = taken.yes;
      // The purpose must come before (or with) the prospect's yes to count as agreed.
      const agenda = window.filter((t) => t.index <= accepted.index);
      /** The sentence of `turn` where `re` matches, as evidence for the cue. */
      const push = (cue: Parameters<typeof item>[0], turn: Turn, re: RegExp) => {
        const key = `${cue.piece}:${turn.index}`;
        if (!seen.has(key))
          out.push(item(cue, turn, call, sentenceAt(turn.text, re.exec(turn.text)!.index)));
        seen.add(key);
      };
      const dated = {
        id: 'date-accepted',
        piece: 'date',
        strength: 'stated',
        note: 'the prospect said or accepted a day and time',
      } as const;
      push(dated, taken.time, taken.time === accepted ? MEETING_TIME : MEETING_SLOT);
      if (taken.time !== accepted) push(dated, accepted, /\S/);
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
