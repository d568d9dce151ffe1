import type { Moment } from '../core/types.js';

/** How far the cards shown during a call agreed with the batch analysis of the whole call. */
export interface Agreement {
  /** Cards that stood at the end of the call. */
  cards: number;
  /** Walk-points in the batch analysis. */
  moments: number;
  /** Same turn, same trigger, same grade. */
  matched: number;
  /** Same turn and trigger kind, another grade. */
  gradeDiffers: number;
  /** Same turn, another trigger kind or subtype. */
  triggerDiffers: number;
  /** Batch walk-points no card showed. */
  missed: number;
  /** Cards at turns the batch analysis has no walk-point. */
  extra: number;
  /** The first differences, in words, for a person to read. */
  differences: string[];
}

const SHOWN_DIFFERENCES = 20;

const triggerOf = (m: Moment) =>
  `${m.trigger.kind}${m.trigger.subtype ? `:${m.trigger.subtype}` : ''}`;

export function agreement(cards: readonly Moment[], moments: readonly Moment[]): Agreement {
  const byTurn = new Map(moments.map((m) => [m.turn, m]));
  const carded = new Set(cards.map((c) => c.turn));
  const out: Agreement = {
    cards: cards.length,
    moments: moments.length,
    matched: 0,
    gradeDiffers: 0,
    triggerDiffers: 0,
    missed: 0,
    extra: 0,
    differences: [],
  };
  const note = (text: string) => {
    if (out.differences.length < SHOWN_DIFFERENCES) out.differences.push(text);
  };
  for (const c of cards) {
    const m = byTurn.get(c.turn);
    if (!m) {
      out.extra++;
      note(`turn ${c.turn}: a ${triggerOf(c)} card; no walk-point in the call's analysis`);
    } else if (triggerOf(m) !== triggerOf(c)) {
      out.triggerDiffers++;
      note(`turn ${c.turn}: card ${triggerOf(c)}, analysis ${triggerOf(m)}`);
    } else if (m.response.kind !== c.response.kind) {
      out.gradeDiffers++;
      note(`turn ${c.turn}: card graded ${c.response.kind}, analysis ${m.response.kind}`);
    } else out.matched++;
  }
  for (const m of moments) {
    if (carded.has(m.turn)) continue;
    out.missed++;
    note(`turn ${m.turn}: the analysis has a ${triggerOf(m)} walk-point no card showed`);
  }
  return out;
}
