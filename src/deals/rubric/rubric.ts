import type { CriterionId } from './criteria.js';

/** 0 = hoped, 1 = said but unverified, 2 = evidenced in the prospect's words. */
export type CriterionScore = 0 | 1 | 2;

export const BANDS = ['real', 'gaps', 'hope'] as const;
/** `real` 11+, `gaps` 6-10 (gaps to close), `hope` 5 or less or no compelling reason. */
export type Band = (typeof BANDS)[number];

export interface BandVerdict {
  total: number;
  band: Band;
  /** Why this band, for the report. */
  reason: string;
}

/** Totals the seven scores (0-14) and bands them (DOMAIN.md section 4). */
export function bandFor(scores: Record<CriterionId, CriterionScore>): BandVerdict {
  const total = Object.values(scores).reduce<number>((sum, s) => sum + s, 0);
  if (scores['compelling-reason'] === 0) {
    return { total, band: 'hope', reason: 'no compelling reason: hope, whatever the total' };
  }
  if (total >= 11) return { total, band: 'real', reason: `${total}/14: 11 or more is real` };
  if (total >= 6) {
    return { total, band: 'gaps', reason: `${total}/14: 6 to 10 has gaps to close` };
  }
  return { total, band: 'hope', reason: `${total}/14: 5 or less is hope` };
}
