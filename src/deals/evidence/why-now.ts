import { DATE } from './patterns.js';
import type { CriterionFinder } from './types.js';

/** Events that make a date matter: a renewal, an audit, a go-live, a board meeting. */
const EVENT =
  /\b(?:renew\w*|lease|expir\w*|audit|deadline|live|launch\w*|go-live|board|inspect\w*|peak|season|hiring|opening|move|moving|review\w*|contract|up in|bid|signed|sign|pours?|clean year|meet|fiscal|starts?)\b/i;

/** A stall or timing objection: a date that is a reason to wait, not a reason to act. */
const WAIT = /^(?:stall|objection:timing)/;

/** Booking the next meeting is not a reason to buy now. */
const SCHEDULING =
  /\b(?:works|is open|(?:i'?m|he'?s|she'?s) (?:usually )?free|see you|calendar)\b/i;

export const whyNow: CriterionFinder = {
  criterion: 'why-now',
  cues: [
    {
      id: 'date-with-event',
      piece: 'date',
      strength: 'stated',
      pattern: DATE,
      near: EVENT,
      unless: SCHEDULING,
      counterFinding: WAIT,
      note: 'the prospect tied a date to an event',
    },
    {
      id: 'event-with-date',
      piece: 'event',
      strength: 'stated',
      pattern: EVENT,
      near: DATE,
      unless: SCHEDULING,
      counterFinding: WAIT,
      note: 'the prospect tied an event to a date',
    },
    {
      id: 'date-only',
      piece: 'date',
      strength: 'vague',
      pattern: /\b(?:this month|this quarter|asap|right away|land this|by (?:the )?end of)\b/i,
      counterFinding: WAIT,
      note: 'the prospect named a time but no event behind it',
    },
  ],
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
