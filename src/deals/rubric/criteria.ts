/**
 * The seven "abandon hope" criteria (../shared/DOMAIN.md section 4). Each is scored 0 (hoped),
 * 1 (said but unverified) or 2 (evidenced in the prospect's words). The pieces are what a 2
 * needs; the evidence finders report which pieces the calls show, the call plan asks for the rest.
 */
export const CRITERION_IDS = [
  'compelling-reason',
  'why-now',
  'decision-maker',
  'decision-process',
  'budget',
  'alternatives',
  'next-step',
] as const;
export type CriterionId = (typeof CRITERION_IDS)[number];

export interface Criterion {
  id: CriterionId;
  label: string;
  /** What a 2 looks like, as DOMAIN.md puts it. */
  evidenced: string;
  /** The pieces of evidence a 2 needs. */
  pieces: readonly string[];
}

export const CRITERIA: readonly Criterion[] = [
  {
    id: 'compelling-reason',
    label: 'Compelling reason',
    evidenced: 'a stated cost plus a personal impact',
    pieces: ['cost', 'personal'],
  },
  {
    id: 'why-now',
    label: 'Why now',
    evidenced: 'a date tied to an event',
    pieces: ['date', 'event'],
  },
  {
    id: 'decision-maker',
    label: 'Decision-maker access',
    evidenced: 'you have spoken with the decider',
    pieces: ['decider-named', 'decider-on-call'],
  },
  {
    id: 'decision-process',
    label: 'Decision process',
    evidenced: 'the steps, the people and the criteria are known',
    pieces: ['steps', 'people', 'criteria'],
  },
  {
    id: 'budget',
    label: 'Budget',
    evidenced: 'a range and where the money comes from',
    pieces: ['amount', 'source'],
  },
  {
    id: 'alternatives',
    label: 'Alternatives',
    evidenced: 'competitors and doing nothing are both covered',
    pieces: ['competitors', 'do-nothing'],
  },
  {
    id: 'next-step',
    label: 'Next step',
    evidenced: 'on the calendar, with an agreed purpose',
    pieces: ['date', 'purpose'],
  },
];

/** The order to ask about gaps on the next call: the reason first, the calendar last. */
export const PLAN_ORDER: readonly CriterionId[] = [
  'compelling-reason',
  'decision-process',
  'decision-maker',
  'budget',
  'why-now',
  'alternatives',
  'next-step',
];

export function criterion(id: CriterionId): Criterion {
  return CRITERIA.find((c) => c.id === id)!;
}

/** A piece of evidence in words for a sentence: `decider-on-call` -> "the decider on a call". */
export const PIECE_WORDS: Record<string, string> = {
  cost: 'what it costs them',
  personal: 'what it means to them personally',
  date: 'a date',
  event: 'the event that makes it urgent',
  'decider-named': 'who decides',
  'decider-on-call': 'the decider on a call',
  steps: 'the steps to a signature',
  people: 'who else has a say',
  criteria: 'how they will choose',
  amount: 'an amount',
  source: 'where the money comes from',
  competitors: 'who else they are looking at',
  'do-nothing': 'what doing nothing costs',
  purpose: 'what the next meeting is for',
  verify: 'a check that it is true',
};

export function pieceWords(piece: string): string {
  return PIECE_WORDS[piece] ?? piece.replace(/-/g, ' ');
}
