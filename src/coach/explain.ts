import type { Moment } from '../core/types.js';

/**
 * A moment in a coach's words: what the prospect did (their words), what the rep did (theirs),
 * and why that is the grade. The engine's own reasoning (patterns, model probabilities) stays in
 * `response.details`, for `--format json` and the details toggle.
 */

/** What the prospect did, after their name: "pushed back on the price". */
const TRIGGER_PLAIN: Record<string, string> = {
  'stall:info': 'asked for information instead of a conversation',
  'stall:think': 'put the decision off to think it over',
  'stall:later': 'pushed it to later',
  stall: 'stalled',
  'objection:price': 'pushed back on the price',
  'objection:timing': 'said the timing is wrong',
  'objection:authority': 'said someone else decides',
  'objection:incumbent': 'said they are fine with what they have',
  'objection:need': 'said they do not need it',
  'objection:trust': 'doubted they could trust it',
  objection: 'objected',
  'brush-off': 'brushed you off',
  withholding: 'would not tell you what you needed to know',
  'demand:free-work': 'asked for work for free',
  'demand:concession': 'asked you to give ground',
  'demand:ultimatum': 'set an ultimatum',
  demand: 'made a demand',
};

/** What the rep did and why that grade; `{evidence}` is the rep's words. */
const RESPONSE_PLAIN: Record<Moment['response']['kind'], { act: string; why: string }> = {
  challenged: {
    act: 'you stayed and challenged: {evidence}',
    why: 'That keeps the conversation on what is really in the way.',
  },
  caved: {
    act: 'you gave ground: {evidence}',
    why: 'Giving in before you know what the resistance is worth, and asking nothing back, teaches them to push.',
  },
  'gave-up': {
    act: 'you let it go with no next step: {evidence}',
    why: 'Letting go without a question leaves you hoping, not knowing.',
  },
  'walked-out': {
    act: 'you ended the conversation: {evidence}',
    why: 'Walking out closes the door you could have asked through.',
  },
  'pitched-through': {
    act: 'you kept presenting: {evidence}',
    why: 'The resistance was talked over, not explored.',
  },
  none: {
    act: 'the conversation ended there',
    why: 'There was no reply to grade.',
  },
};

/** Cuts text at a word boundary, never mid-word, with an ellipsis when it was cut. */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : flat.slice(0, max)).replace(/[\s,;:.]+$/, '')}…`;
}

/** The longest quote an explanation carries, in characters. */
const QUOTE_IN_TEXT = 160;

/**
 * Words quoted in a sentence of the coach's: whole when short, else cut after a sentence, with an
 * ellipsis; undefined when even the first sentence is too long (a run-on is not quoted in part).
 */
export function wholeSentences(text: string, max: number): string | undefined {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat || undefined;
  let cut = -1;
  for (const m of flat.matchAll(/[.?!]["')\]]*(?= )/g)) {
    const end = (m.index ?? 0) + m[0].length;
    if (end > max) break;
    if (!/\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Prof)\.$/.test(flat.slice(0, end))) cut = end;
  }
  return cut > 0 ? `${flat.slice(0, cut)} …` : undefined;
}

/** What the prospect did, in plain words: "pushed back on the price". */
export function triggerPlain(kind: string, subtype?: string): string {
  return TRIGGER_PLAIN[subtype ? `${kind}:${subtype}` : kind] ?? TRIGGER_PLAIN[kind] ?? 'resisted';
}

function firstName(speaker: string): string {
  return speaker.trim().split(/\s+/)[0] || 'The prospect';
}

export function explainMoment(m: Moment): string {
  const did = triggerPlain(m.trigger.kind, m.trigger.subtype);
  const plain = RESPONSE_PLAIN[m.response.kind];
  const said = m.response.evidence ? wholeSentences(m.response.evidence, QUOTE_IN_TEXT) : undefined;
  const evidence = said ? `"${said}"` : undefined;
  const quote = wholeSentences(m.trigger.quote, QUOTE_IN_TEXT);
  const they = `${firstName(m.speaker)} ${did}${quote ? ` ("${quote}")` : ''}`;
  // a grade the engine does not believe is not stated
  if (m.needsReview) {
    return `${they}. Unsure what your reply did${evidence ? ` (${evidence})` : ''}: review it before coaching on it.`;
  }
  const act = evidence
    ? plain.act.replace('{evidence}', evidence)
    : plain.act.replace(/: \{evidence\}$/, '');
  return `${they}; ${act}. ${plain.why}`;
}
