import { WalkpointError } from '../core/errors.js';
import type { Suggestion } from '../core/types.js';
import { isTriggerKind, TRIGGER_KINDS, TRIGGER_SUBTYPES } from '../core/vocabulary.js';
import { loadQuestionBank, type QuestionEntry, type Technique } from './bank.js';
import { mirrorOf, sayBack } from './fragment.js';

/** What `suggest` reads from a moment (a full `Moment` fits). */
export interface SuggestFor {
  trigger: { kind: string; subtype?: string; quote: string };
  response: { kind: string };
}

/** Every trigger a user may ask for: `stall`, `stall:info`, ... */
export function knownTriggers(): string[] {
  return TRIGGER_KINDS.flatMap((kind) => [
    kind,
    ...TRIGGER_SUBTYPES[kind].map((subtype) => `${kind}:${subtype}`),
  ]);
}

/**
 * The question bank, or the moves for one trigger: `stall` gives every stall move,
 * `objection:price` the price moves followed by the generic objection moves.
 * Throws WalkpointError for a trigger the vocabulary does not know.
 */
export function listQuestions(trigger?: string): QuestionEntry[] {
  const bank = loadQuestionBank();
  if (trigger === undefined || trigger === '') return bank;
  const key = trigger.trim().toLowerCase();
  if (!knownTriggers().includes(key)) {
    throw new WalkpointError(
      'unknown-trigger',
      `unknown trigger "${trigger}"; use one of: ${knownTriggers().join(', ')}`,
    );
  }
  const [kind, subtype] = key.split(':');
  const ofKind = bank.filter((e) => e.trigger === kind);
  if (!subtype) return ofKind;
  return [
    ...ofKind.filter((e) => e.subtype === subtype),
    ...ofKind.filter((e) => e.subtype === undefined),
  ];
}

/**
 * Techniques that answer each failure best: after a cave, moves that trade or hold ground;
 * after a walk-out, moves that stay and name what is going on; after a pitch, questions.
 */
const PREFERRED: Record<string, readonly Technique[]> = {
  caved: ['upfront-contract', 'push-back', 'tough-question'],
  'walked-out': ['label', 'mirror', 'negative-reverse'],
  'pitched-through': ['tough-question', 'mirror'],
  'gave-up': ['tough-question', 'upfront-contract', 'negative-reverse'],
};

function fitScore(e: QuestionEntry, response: string): number {
  let score = 0;
  if ((e.suits as readonly string[] | undefined)?.includes(response)) score += 2;
  if (PREFERRED[response]?.includes(e.technique)) score += 1;
  if (response === 'pitched-through' && e.text.includes('?')) score += 1;
  return score;
}

/** FNV-1a: a stable hash, so the same quote always gets the same advice. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

interface Ranked {
  entry: QuestionEntry;
  score: number;
}

/** Best fit first; ties broken by a rotation chosen by the quote, so advice varies by moment. */
function rank(tier: QuestionEntry[], response: string, seed: number): Ranked[] {
  const n = Math.max(tier.length, 1);
  return tier
    .map((entry, i) => ({ entry, score: fitScore(entry, response), turn: (i + seed) % n }))
    .sort((a, b) => b.score - a.score || a.turn - b.turn);
}

/**
 * The words that go into `{quote}`: a mirror echoes only the tail of the prospect's sentence.
 * Undefined when the move holds no `{quote}`; null when it needs words that are not there.
 */
function fill(e: QuestionEntry, said: ReturnType<typeof sayBack>): string | undefined | null {
  if (!e.quote) return undefined;
  if (said === undefined) return null;
  if (e.technique === 'mirror') return mirrorOf(said.text) ?? null;
  return said.question ? null : said.text;
}

/** Upper-cases the first letter, past any opening quote mark (a mirror starts with one). */
function capitalise(text: string): string {
  return text.replace(/^(["'“]?)([a-z])/, (_m, q: string, c: string) => q + c.toUpperCase());
}

/**
 * Two or three nothing-to-lose moves for a moment: moves for the trigger's subtype first, then
 * the generic moves for its kind; fitted to what the rep did; `{quote}` filled with a short
 * fragment of the prospect's words (moves needing a quote are skipped when none is usable).
 * Deterministic. Throws WalkpointError for a trigger kind the vocabulary does not know.
 */
export function suggest(moment: SuggestFor, count = 3): Suggestion[] {
  const { kind, subtype, quote } = moment.trigger;
  if (!isTriggerKind(kind)) {
    throw new WalkpointError(
      'unknown-trigger',
      `unknown trigger kind "${kind}"; use one of: ${TRIGGER_KINDS.join(', ')}`,
    );
  }
  if (count <= 0) return [];
  const said = sayBack(quote ?? '');
  // a move whose `{quote}` cannot be filled with a whole sentence is not used
  const usable = loadQuestionBank().filter((e) => e.trigger === kind && fill(e, said) !== null);
  const seed = hash(`${kind}:${subtype ?? ''}:${(quote ?? '').trim().toLowerCase()}`);
  const response = moment.response.kind;
  const specific = usable.filter((e) => subtype !== undefined && e.subtype === subtype);
  const generic = usable.filter((e) => e.subtype === undefined);
  // A missing or unknown subtype still gets the kind's subtype moves, after the generic ones.
  const others = specific.length
    ? []
    : usable.filter((e) => e.subtype !== undefined && e.subtype !== subtype);
  const picked: QuestionEntry[] = [];
  const take = (e: QuestionEntry) => {
    if (picked.length < count && !picked.includes(e)) picked.push(e);
  };
  for (const tier of [specific, generic, others]) {
    const ranked = rank(tier, response, seed);
    // Prefer a spread of techniques, but never at the price of a clearly worse fit.
    const floor = (ranked[0]?.score ?? 0) - 1;
    for (const { entry, score } of ranked) {
      if (score >= floor && !picked.some((p) => p.technique === entry.technique)) take(entry);
    }
    for (const { entry } of ranked) take(entry);
  }

  return picked.map((e) => ({
    id: e.id,
    text: capitalise(e.text.replaceAll('{quote}', fill(e, said) ?? '')),
    why: e.why,
  }));
}
