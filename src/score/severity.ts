/**
 * How bad a response is: one ranking, read by the score, the coaching queue (stored as a
 * moment's severity), the calls list and the upload page. Pure and dependency-free, so the web
 * app can import it.
 */
import type { ResponseKind } from '../core/vocabulary.js';

/** How well each response keeps the conversation alive with nothing to lose (docs/scoring.md). */
export const RESPONSE_CREDIT: Record<Exclude<ResponseKind, 'none'>, number> = {
  challenged: 1,
  'pitched-through': 0.25,
  caved: 0.2,
  'gave-up': 0.1,
  'walked-out': 0,
};

const graded = (Object.keys(RESPONSE_CREDIT) as Exclude<ResponseKind, 'none'>[]).sort(
  (a, b) => RESPONSE_CREDIT[a] - RESPONSE_CREDIT[b],
);

/**
 * Every response kind, worst first: the graded kinds by their credit in the score, lowest first,
 * with `none` (the call ended before the rep replied: nothing to coach, nothing challenged)
 * between the failures and the best grade. Walking out is worst, below caving, which at least
 * keeps the deal alive (docs/scoring.md).
 */
export const RESPONSES_WORST_FIRST: readonly ResponseKind[] = [
  ...graded.slice(0, -1),
  'none',
  ...graded.slice(-1),
];

/**
 * How bad a response is, higher is worse: 0 for the best grade, 1 for `none`, and up from there.
 * Stored with each moment (the coaching queue sorts by it), so the values must not move.
 */
export function responseSeverity(kind: ResponseKind): number {
  const i = RESPONSES_WORST_FIRST.indexOf(kind);
  return i < 0 ? 0 : RESPONSES_WORST_FIRST.length - 1 - i;
}

/** The lowest severity that is a failure (worse than the call simply ending). */
export const FAILURE_SEVERITY = responseSeverity('none') + 1;

/**
 * The worst response among counts by kind (a call's `responses`), or undefined when none has a
 * count; with `failuresOnly`, only a failure (not `none`, not a challenge) is named.
 */
export function worstResponse(
  counts: Partial<Record<string, number>>,
  options: { failuresOnly?: boolean } = {},
): ResponseKind | undefined {
  const kind = RESPONSES_WORST_FIRST.find((k) => (counts[k] ?? 0) > 0);
  if (kind === undefined) return undefined;
  return options.failuresOnly && responseSeverity(kind) < FAILURE_SEVERITY ? undefined : kind;
}
