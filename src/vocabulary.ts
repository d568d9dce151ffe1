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
