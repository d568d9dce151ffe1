import { WalkpointError } from '../core/errors.js';
import { loadSelfCheck } from './items.js';

/** An answer 1-5, or null when the item was left unanswered. */
export type Answer = number | null;

export interface ItemResult {
  n: number;
  text: string;
  subscale: string;
  reverse: boolean;
  answer: Answer;
  /** The answer as it counts toward the subscale (6 - answer for reverse items). */
  scored: number | null;
}

export interface SubscaleResult {
  id: string;
  label: string;
  /** Mean of the answered items, rounded to 2 places; null when none was answered. */
  score: number | null;
  band: string | null;
  answered: number;
  items: number;
  /** Every item of the subscale was answered. */
  complete: boolean;
}

export interface SelfCheckResult {
  items: ItemResult[];
  subscales: SubscaleResult[];
  /** Item numbers left unanswered (reported, never scored as zero). */
  unanswered: number[];
}

/**
 * Scores the self-check (DOMAIN.md section 5): reverse items count 6 - answer, each subscale is
 * the mean of its answered items and is banded low / watch / coach. Unanswered items are left
 * out of the mean and listed. Throws WalkpointError for a wrong count or an answer out of range.
 */
export function scoreSelfCheck(answers: Answer[]): SelfCheckResult {
  const data = loadSelfCheck();
  const { min, max } = data.scale;
  if (answers.length !== data.items.length) {
    throw new WalkpointError(
      'selfcheck-answers',
      `expected ${data.items.length} answers (one per statement; leave one blank or "-" to skip it), got ${answers.length}`,
    );
  }
  const items: ItemResult[] = data.items.map((item, i) => {
    const answer = answers[i];
    if (answer !== null && (!Number.isInteger(answer) || answer < min || answer > max)) {
      throw new WalkpointError(
        'selfcheck-answers',
        `answer ${i + 1} is ${answer}; answers are whole numbers ${min}-${max} (or blank/"-" to skip)`,
      );
    }
    const scored = answer === null ? null : item.reverse ? min + max - answer : answer;
    return {
      n: item.n,
      text: item.text,
      subscale: item.subscale,
      reverse: item.reverse,
      answer,
      scored,
    };
  });
  const subscales = data.subscales.map(({ id, label }): SubscaleResult => {
    const own = items.filter((it) => it.subscale === id);
    const values = own.map((it) => it.scored).filter((v): v is number => v !== null);
    const score =
      values.length > 0 ? round2(values.reduce((a, b) => a + b, 0) / values.length) : null;
    return {
      id,
      label,
      score,
      band: score === null ? null : bandOf(score),
      answered: values.length,
      items: own.length,
      complete: values.length === own.length,
    };
  });
  return {
    items,
    subscales,
    unanswered: items.filter((it) => it.answer === null).map((it) => it.n),
  };
}

/** low below 2.5, watch below 3.5, coach from 3.5 (DOMAIN.md section 5). */
export function bandOf(score: number): string {
  const band = loadSelfCheck().bands.find((b) => b.below === null || score < b.below)!;
  return band.id;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/**
 * Reads answers written as "5,4,2,,-,3,...": blanks and "-" are unanswered. Throws
 * WalkpointError naming the position of anything that is not a number 1-5.
 */
export function parseAnswers(text: string, source = '--answers'): Answer[] {
  // Commas separate when present (so a blank between two commas is a skip); else whitespace.
  const parts = text.includes(',') ? text.trim().split(',') : text.trim().split(/\s+/);
  return parts.map((raw, i) => {
    const v = raw.trim();
    if (v === '' || v === '-') return null;
    const n = Number(v);
    if (!Number.isInteger(n)) {
      throw new WalkpointError(
        'selfcheck-answers',
        `${source}: answer ${i + 1} is "${v}"; give a number 1-5, or blank/"-" to skip`,
      );
    }
    return n;
  });
}
