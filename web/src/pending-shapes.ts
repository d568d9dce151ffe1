/**
 * The corrections contract (issue 11) until corr-api lands it in src/server/api/shapes.ts:
 * then this file goes and api.ts re-exports the shared declarations. Types only.
 */
import type {
  CallDetail as BaseDetail,
  StoredMoment as BaseMoment,
  CallSummary as BaseSummary,
} from '../../src/server/api/shapes.js';

export type CorrectionAction = 'regrade' | 'retype' | 'dismiss' | 'promote';

export interface Reading {
  triggerKind: string;
  triggerSubtype: string | null;
  responseKind: string;
}

export interface CorrectionReply {
  id: number;
  correctionId: number;
  authorId: number;
  authorName: string;
  body: string;
  createdAt: string;
}

export interface Correction {
  id: number;
  callId: number;
  turn: number;
  quote: string;
  action: CorrectionAction;
  engine: Reading | null;
  corrected: Reading | null;
  reason: string | null;
  authorId: number;
  authorName: string;
  createdAt: string;
  revertedAt: string | null;
  revertedBy: number | null;
  replies: CorrectionReply[];
}

export interface StoredMoment extends BaseMoment {
  origin: 'engine' | 'manager';
  dismissed: boolean;
  needsReview: boolean;
  engineReading: Reading | null;
  correction: Correction | null;
}

export interface CallSummary extends BaseSummary {
  modelVersion: string;
  corrections: number;
}

export interface CallDetail extends Omit<BaseDetail, 'moments'>, CallSummary {
  moments: StoredMoment[];
}

export interface ModelEvaluationRow {
  set: 'held-out corrections' | 'shipped test split';
  measure: string;
  before: number;
  after: number;
  n: number;
}

export interface ModelVersion {
  id: string;
  label: string;
  status: 'training' | 'ready' | 'failed';
  active: boolean;
  createdAt: string;
  createdBy: string | null;
  corrections: number;
  heldOut: number;
  evaluation: ModelEvaluationRow[] | null;
  error: string | null;
  progress: number | null;
}
