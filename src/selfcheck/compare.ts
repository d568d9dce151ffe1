import type { Analysis, Moment } from '../core/types.js';
import { RESPONSE_KINDS, type ResponseKind } from '../core/vocabulary.js';
import { loadSelfCheck } from './items.js';
import type { SelfCheckResult } from './score.js';

/** How a self-rating compares with the rep's moments on calls. */
export type GapKind = 'overrates' | 'underrates' | 'consistent' | 'too-few';

export interface BehaviourGap {
  item: number;
  answer: number;
  kind: GapKind;
  /** Moments of the item's triggers that this rep answered. */
  moments: number;
  challenged: number;
  byResponse: Partial<Record<ResponseKind, number>>;
  /** One sentence a coach can read. */
  text: string;
}

export interface CallsComparison {
  rep: string;
  calls: number;
  moments: number;
  /** The rep's response mix over all their moments. */
  mix: Record<ResponseKind, number>;
  gaps: BehaviourGap[];
}

/** Fewer moments than this say nothing either way. */
const MIN_MOMENTS = 2;

/**
 * Sets the self-check beside the rep's real response mix on analysed calls. For each item linked
 * to a behaviour: a rep who rates themselves well (scored 2 or less) but challenged under half of
 * those moments `overrates`; one who rates themselves poorly (4 or more) yet challenged three in
 * four `underrates`. Either gap is a coaching topic.
 */
export function compareWithCalls(
  result: SelfCheckResult,
  calls: Analysis[],
  rep: string,
): CallsComparison {
  const moments = calls.flatMap((a) => a.moments.filter((m) => answeredBy(a, m, rep)));
  const mix = Object.fromEntries(RESPONSE_KINDS.map((k) => [k, 0])) as Record<ResponseKind, number>;
  for (const m of moments) mix[m.response.kind]++;
  const gaps: BehaviourGap[] = [];
  for (const item of loadSelfCheck().items) {
    const scored = result.items[item.n - 1];
    if (!item.behaviour || scored.answer === null || scored.scored === null) continue;
    const own = moments.filter((m) => matches(m, item.behaviour!.triggers));
    const byResponse: Partial<Record<ResponseKind, number>> = {};
    for (const m of own) byResponse[m.response.kind] = (byResponse[m.response.kind] ?? 0) + 1;
    const challenged = byResponse.challenged ?? 0;
    const kind = gapKind(scored.scored, challenged, own.length);
    gaps.push({
      item: item.n,
      answer: scored.answer,
      kind,
      moments: own.length,
      challenged,
      byResponse,
      text: describe(
        kind,
        item.n,
        scored.answer,
        item.behaviour!,
        own.length,
        challenged,
        byResponse,
      ),
    });
  }
  return { rep, calls: calls.length, moments: moments.length, mix, gaps };
}

function gapKind(scored: number, challenged: number, total: number): GapKind {
  if (total < MIN_MOMENTS) return 'too-few';
  const share = challenged / total;
  if (scored <= 2 && share < 0.5) return 'overrates';
  if (scored >= 4 && share >= 0.75) return 'underrates';
  return 'consistent';
}

function describe(
  kind: GapKind,
  n: number,
  answer: number,
  b: { claim: string; moments: string },
  total: number,
  challenged: number,
  byResponse: Partial<Record<ResponseKind, number>>,
): string {
  const rated = `(item ${n}, answered ${answer})`;
  if (kind === 'too-few')
    return `item ${n}: only ${total} ${b.moments} on these calls; too few to compare`;
  const worst = Object.entries(byResponse)
    .filter(([k]) => k !== 'challenged')
    .sort((x, y) => (y[1] ?? 0) - (x[1] ?? 0))[0];
  if (kind === 'overrates') {
    const what = worst
      ? `${verb(worst[0] as ResponseKind)} ${worst[1]} of ${total}`
      : `challenged ${challenged} of ${total}`;
    return `${b.claim} ${rated}, yet ${what} ${b.moments} (challenged ${challenged})`;
  }
  if (kind === 'underrates') {
    return `rates themselves weak here ${rated}, yet challenged ${challenged} of ${total} ${b.moments}: better on calls than they think`;
  }
  return `self-rating ${rated} matches the calls: challenged ${challenged} of ${total} ${b.moments}`;
}

function verb(kind: ResponseKind): string {
  const verbs: Record<ResponseKind, string> = {
    challenged: 'challenged',
    caved: 'caved on',
    'gave-up': 'gave up on',
    'walked-out': 'walked out on',
    'pitched-through': 'pitched through',
    none: 'let the call end on',
  };
  return verbs[kind];
}

function matches(m: Moment, triggers: string[]): boolean {
  return triggers.some((t) => {
    const [kind, subtype] = t.split(':');
    return m.trigger.kind === kind && (!subtype || m.trigger.subtype === subtype);
  });
}

/** A name matches a speaker by full name or by first name, case-insensitively. */
export function sameRep(speaker: string, rep: string): boolean {
  const a = speaker.trim().toLowerCase();
  const b = rep.trim().toLowerCase();
  return a === b || a.split(/\s+/)[0] === b || b.split(/\s+/)[0] === a;
}

/**
 * The moment is this rep's: they gave the graded response, or (a call ending on the trigger)
 * they are the only salesperson on the call.
 */
function answeredBy(a: Analysis, m: Moment, rep: string): boolean {
  if (m.response.turn !== undefined) return sameRep(a.turns[m.response.turn].speaker, rep);
  const reps = a.speakers.filter((s) => s.role === 'rep');
  return reps.length === 1 && sameRep(reps[0].name, rep);
}
