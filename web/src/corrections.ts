/**
 * Corrections in words: what a manager's correction changed, and the sentences a manager can
 * promote. Pure, so the words are tested without a browser (test/web/corrections-words.test.ts).
 */

import type { Turn } from '../../src/core/types.js';
// the shapes straight from their declaration, not through api.ts (which needs a browser)
import type { Correction, Reading } from '../../src/server/contract/shapes.js';
import { responseWord, triggerWord } from './vocab.js';

export function sameTrigger(a: Reading, b: Reading): boolean {
  return (
    a.triggerKind === b.triggerKind && (a.triggerSubtype ?? null) === (b.triggerSubtype ?? null)
  );
}

export function sameReading(a: Reading | null, b: Reading | null): boolean {
  if (!a || !b) return a === b;
  return sameTrigger(a, b) && a.responseKind === b.responseKind;
}

/** "objection (price), caved": a whole reading in a sentence. */
export function readingWords(r: Reading): string {
  return `${triggerWord(r.triggerKind, r.triggerSubtype)}, ${responseWord(r.responseKind)}`;
}

/**
 * What a correction changed, in a sentence: "Corrected by Morgan Lee: caved (was: challenged)".
 * `was` is the reading it overruled (the engine's, or an earlier correction's); only the parts
 * that changed are named, so a regrade reads as a regrade.
 */
export function correctionHeadline(c: Correction, was: Reading | null = c.engine): string {
  const who = c.authorName;
  if (c.action === 'dismiss') {
    return was
      ? `Dismissed by ${who}: not a walk-point (it read ${readingWords(was)})`
      : `Dismissed by ${who}: not a walk-point`;
  }
  const now = c.corrected;
  if (!now) return `Corrected by ${who}`;
  if (!was) return `Marked as a walk-point by ${who}: ${readingWords(now)}; the engine found none`;
  const parts: [string, string][] = [];
  if (!sameTrigger(now, was)) {
    parts.push([
      triggerWord(now.triggerKind, now.triggerSubtype),
      triggerWord(was.triggerKind, was.triggerSubtype),
    ]);
  }
  if (now.responseKind !== was.responseKind) {
    parts.push([responseWord(now.responseKind), responseWord(was.responseKind)]);
  }
  if (parts.length === 0) return `Confirmed by ${who}: ${readingWords(now)}`;
  const lead = c.action === 'promote' ? 'Marked as a walk-point by' : 'Corrected by';
  // "was:" keeps every grade word readable ("caved (was: gave up)"), whatever its grammar
  return `${lead} ${who}: ${parts.map(([now, old]) => `${now} (was: ${old})`).join('; ')}`;
}

/**
 * The reading a correction overruled: the latest earlier correction at its turn still in force
 * when it was made, else the engine's.
 */
export function overruledReading(c: Correction, history: Correction[]): Reading | null {
  const before = history.filter(
    (h) =>
      h.turn === c.turn &&
      (h.createdAt < c.createdAt || (h.createdAt === c.createdAt && h.id < c.id)) &&
      (!h.revertedAt || h.revertedAt > c.createdAt),
  );
  const last = before.at(-1);
  return last ? last.corrected : c.engine;
}

/** A sentence of a prospect turn, as a manager picks it to promote. */
export interface Sentence {
  turn: number;
  start: number;
  end: number;
  text: string;
}

/**
 * A turn's sentences, split after . ? ! (the server only asks that a promoted sentence be the
 * prospect's words in that turn, so a rough split is enough).
 */
export function sentencesOf(turn: Turn): Sentence[] {
  const out: Sentence[] = [];
  for (const m of turn.text.matchAll(/[^.!?]+(?:[.!?]+["'”’)\]]*|$)/g)) {
    const lead = m[0].length - m[0].trimStart().length;
    const text = m[0].trim();
    if (!/[\p{L}\p{N}]/u.test(text)) continue;
    const start = (m.index ?? 0) + lead;
    out.push({ turn: turn.index, start, end: start + text.length, text });
  }
  return out;
}
