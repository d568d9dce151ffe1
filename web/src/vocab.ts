/** Display names and colours of the product vocabulary (the lists come from the engine). */
import {
  kindWords,
  RESPONSE_KINDS,
  TRIGGER_KINDS,
  TRIGGER_SUBTYPES,
} from '../../src/core/vocabulary.js';

/** Which response is worst: the engine's ranking (src/score/severity.ts), not a copy. */
export { worstResponse } from '../../src/score/severity.js';
export { kindWords, RESPONSE_KINDS, TRIGGER_KINDS, TRIGGER_SUBTYPES };

export const RESPONSE_LABEL: Record<string, string> = {
  challenged: 'Challenged',
  caved: 'Caved',
  'gave-up': 'Gave up',
  'walked-out': 'Walked out',
  'pitched-through': 'Pitched through',
  none: 'No response',
};

/** One tone per response family: green good, amber soft failure, red hard failure, grey none. */
export const RESPONSE_TONE: Record<string, 'good' | 'soft' | 'hard' | 'none'> = {
  challenged: 'good',
  caved: 'soft',
  'gave-up': 'soft',
  'walked-out': 'hard',
  'pitched-through': 'hard',
  none: 'none',
};

/** Chart colours per response kind (two shades per tone so stacked bars stay readable). */
export const RESPONSE_COLOR: Record<string, string> = {
  challenged: '#16a34a',
  caved: '#f59e0b',
  'gave-up': '#d97706',
  'walked-out': '#dc2626',
  'pitched-through': '#f87171',
  none: '#9ca3af',
};

export const TRIGGER_LABEL: Record<string, string> = {
  stall: 'Stall',
  objection: 'Objection',
  'brush-off': 'Brush-off',
  withholding: 'Withholding',
  demand: 'Demand',
};

export function triggerName(kind: string, subtype?: string | null): string {
  const base = TRIGGER_LABEL[kind] ?? kind;
  return subtype ? `${base}: ${subtype.replace(/-/g, ' ')}` : base;
}

export const TECHNIQUE_LABEL: Record<string, string> = {
  'tough-question': 'Tough question',
  'push-back': 'Push-back',
  label: 'Label',
  mirror: 'Mirror',
  'upfront-contract': 'Up-front contract',
  'negative-reverse': 'Negative reverse',
};

/** `m:ss` or `h:mm:ss` from seconds. */
export function clock(seconds: number | undefined | null): string {
  if (seconds === undefined || seconds === null || Number.isNaN(seconds)) return '';
  const s = Math.floor(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

export function scoreTone(score: number): 'good' | 'soft' | 'hard' {
  return score >= 70 ? 'good' : score >= 45 ? 'soft' : 'hard';
}

/** Curly quotes around a line, unless it already carries its own quotation. */
export function quoted(text: string): string {
  return /^["“]/.test(text.trim()) ? text : `“${text}”`;
}

/**
 * The tone a moment is shown in: a grade the engine is unsure of (needsReview) is shown as
 * "unsure: review", never in the grade's colour.
 */
export function momentTone(m: { needsReview?: boolean; response: { kind: string } }): string {
  return m.needsReview ? 'none' : (RESPONSE_TONE[m.response.kind] ?? 'none');
}

/** A grade inside a sentence: "caved", "gave up", "no response". */
export function responseWord(kind: string): string {
  return (RESPONSE_LABEL[kind] ?? kind).toLowerCase();
}

/** A trigger inside a sentence: "objection (price)", "brush-off". */
export function triggerWord(kind: string, subtype?: string | null): string {
  const base = (TRIGGER_LABEL[kind] ?? kind).toLowerCase();
  return subtype ? `${base} (${subtype.replace(/-/g, ' ')})` : base;
}

/** Every trigger a manager can choose, as `kind` or `kind:subtype`, grouped by kind. */
export const TRIGGER_CHOICES: { kind: string; values: string[] }[] = TRIGGER_KINDS.map((kind) => ({
  kind,
  values: [kind, ...TRIGGER_SUBTYPES[kind].map((s) => `${kind}:${s}`)],
}));
