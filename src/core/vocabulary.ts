/**
 * The product vocabulary (../shared/PRODUCT.md). These strings are a public contract: they
 * appear in JSON output, the API and the UI. Add values freely; never rename or drop one.
 */

export const TRIGGER_KINDS = ['stall', 'objection', 'brush-off', 'withholding', 'demand'] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

export const TRIGGER_SUBTYPES = {
  stall: ['info', 'think', 'later'],
  objection: ['price', 'timing', 'authority', 'incumbent', 'need', 'trust'],
  'brush-off': [],
  withholding: [],
  demand: ['free-work', 'concession', 'ultimatum'],
} as const satisfies Record<TriggerKind, readonly string[]>;

export const RESPONSE_KINDS = [
  'challenged',
  'caved',
  'gave-up',
  'walked-out',
  'pitched-through',
  'none',
] as const;
export type ResponseKind = (typeof RESPONSE_KINDS)[number];

/** Finding kinds on a single utterance: the trigger kinds plus these. */
export const UTTERANCE_KINDS = [
  'question',
  'tough-question',
  'pushback',
  'label',
  'concession',
  'give-up',
  'walk-out',
  'pitch',
  'happy-ears',
  'next-step',
] as const;
export type UtteranceKind = (typeof UTTERANCE_KINDS)[number];

export const FINDING_KINDS = [...TRIGGER_KINDS, ...UTTERANCE_KINDS] as const;
export type FindingKind = TriggerKind | UtteranceKind;

export const ROLES = ['rep', 'prospect', 'other'] as const;
export type Role = (typeof ROLES)[number];

export const TRANSCRIPT_FORMATS = [
  'vtt',
  'srt',
  'text',
  'timestamped',
  'otter',
  'json',
  'csv',
] as const;
export type TranscriptFormat = (typeof TRANSCRIPT_FORMATS)[number];

export function isTriggerKind(kind: string): kind is TriggerKind {
  return (TRIGGER_KINDS as readonly string[]).includes(kind);
}

/** Splits `objection:price` into `{ kind: 'objection', subtype: 'price' }`. */
export function splitKind(full: string): { kind: string; subtype?: string } {
  const i = full.indexOf(':');
  return i < 0 ? { kind: full } : { kind: full.slice(0, i), subtype: full.slice(i + 1) };
}

/** A finding kind in words for a sentence: `objection:price` -> "a price objection". */
const KIND_WORDS: Record<string, string> = {
  stall: 'a stall',
  'stall:info': 'a stall (asking for information)',
  'stall:think': 'a stall (wanting to think it over)',
  'stall:later': 'a stall (putting it off until later)',
  objection: 'an objection',
  'objection:price': 'a price objection',
  'objection:timing': 'a timing objection',
  'objection:authority': 'an objection that someone else decides',
  'objection:incumbent': 'an objection that they are happy with what they have',
  'objection:need': 'an objection that they do not need it',
  'objection:trust': 'an objection that they do not trust it',
  'brush-off': 'a brush-off',
  withholding: 'withholding',
  demand: 'a demand',
  'demand:free-work': 'a demand for free work',
  'demand:concession': 'a demand for a concession',
  'demand:ultimatum': 'an ultimatum',
  question: 'a question',
  'tough-question': 'a tough question',
  pushback: 'push-back',
  label: 'a label',
  concession: 'a concession',
  'give-up': 'giving up',
  'walk-out': 'walking out',
  pitch: 'a pitch',
  'happy-ears': 'happy ears',
  'next-step': 'a next step',
};

export function kindWords(full: string): string {
  const { kind } = splitKind(full);
  return KIND_WORDS[full] ?? KIND_WORDS[kind] ?? full.replace(/[-:]/g, ' ');
}

/** A probability as a person says it: 0.81 -> "81% sure". */
export function sureWords(p: number): string {
  return `${Math.round(p * 100)}% sure`;
}
