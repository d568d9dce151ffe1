/**
 * The shapes the API returns for calls, notes and team stats: one declaration read by the
 * server (src/server/db) and by the web client (web/src/api.ts), so the two cannot drift.
 * Types only: nothing here runs.
 */
import type { Analysis } from '../../core/types.js';
import type { ResponseKind } from '../../core/vocabulary.js';

export interface CallSummary {
  id: number;
  title: string;
  /** The prospect's company, once someone has named it. */
  account: string | null;
  repUserId: number;
  repName: string;
  repSpeakers: string;
  callDate: string;
  format: string;
  score: number;
  momentCount: number;
  durationSeconds: number | null;
  repTalkShare: number;
  engineVersion: string;
  createdAt: string;
  /** Moments per response kind (the corrected reading; dismissed moments left out). */
  responses: Partial<Record<ResponseKind, number>>;
  /** The model that produced the stored analysis: `shipped` or a retrained model's id (`m3`). */
  modelVersion: string;
  /** Active (not reverted) corrections on the call. */
  corrections: number;
}

export type CorrectionAction = 'regrade' | 'retype' | 'dismiss' | 'promote';

/** A reading of one walk-point: what fired and what the rep did. */
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

/** A manager's reading of the walk-point at one prospect turn, overruling the engine's. */
export interface Correction {
  id: number;
  callId: number;
  /** The prospect's turn the walk-point is on (moments are identified by call + turn, so a correction survives `walkpoint reanalyze`). */
  turn: number;
  /** The prospect sentence (promote) or the moment's trigger quote. */
  quote: string;
  action: CorrectionAction;
  /** The engine's reading at this turn when the correction was made; null: it found none there. */
  engine: Reading | null;
  /** The manager's full reading (unchanged parts copied); null when dismissed. */
  corrected: Reading | null;
  reason: string | null;
  authorId: number;
  authorName: string;
  createdAt: string;
  revertedAt: string | null;
  revertedBy: number | null;
  replies: CorrectionReply[];
}

export interface StoredMoment {
  id: number;
  callId: number;
  /**
   * The engine's moments: their position in the analysis' `moments` array. A moment promoted by
   * a correction (origin `manager`) has none there: it numbers on after the engine's, by turn.
   */
  idx: number;
  turn: number;
  speaker: string;
  triggerKind: string;
  triggerSubtype: string | null;
  triggerQuote: string;
  responseKind: string;
  evidence: string;
  reviewed: boolean;
  reviewedBy: number | null;
  reviewedAt: string | null;
  noteCount: number;
  /** `manager`: promoted by a correction. */
  origin: 'engine' | 'manager';
  /** A correction says it is not a walk-point: still listed (to undo), counted nowhere. */
  dismissed: boolean;
  /** The engine is unsure of it (never when a correction defines it). */
  needsReview: boolean;
  /** The current engine's reading at this turn (after reanalyze: the new engine's); null: none. */
  engineReading: Reading | null;
  /** The active (latest, not reverted) correction at this turn. */
  correction: Correction | null;
}

export interface CallDetail extends CallSummary {
  analysis: Analysis;
  moments: StoredMoment[];
  /**
   * The 0-100 score with the managers' corrections counted (its components as the scorecard
   * shows them); null when no correction is in force (then it is `analysis.score`).
   */
  correctedScore: Analysis['score'] | null;
}

export interface Note {
  id: number;
  momentId: number;
  authorId: number;
  authorName: string;
  body: string;
  createdAt: string;
}

export interface QueueItem {
  momentId: number;
  /** Position of the moment in its call (the web app's `?m=`). */
  momentIdx: number;
  callId: number;
  callTitle: string;
  callDate: string;
  repUserId: number;
  repName: string;
  turn: number;
  triggerKind: string;
  triggerSubtype: string | null;
  triggerQuote: string;
  responseKind: string;
  evidence: string;
  severity: number;
  /** The engine is unsure of this moment: show "unsure: review", not `responseKind`. */
  needsReview: boolean;
  reviewed: boolean;
}

export interface RepStats {
  repUserId: number;
  repName: string;
  calls: number;
  avgScore: number;
  /** Mean share of words the rep spoke, 0..1. */
  talkShare: number;
  /** Questions per rep turn over all their calls. */
  questionRate: number;
  toughQuestionRate: number;
  responses: Record<string, number>;
  /** Mean score per week (the Monday), oldest first. */
  trend: { week: string; avgScore: number; calls: number }[];
}

export interface TeamStats {
  reps: RepStats[];
  weeks: string[];
  totals: { calls: number; moments: number; avgScore: number; responses: Record<string, number> };
}

/** What `DELETE /users/:id` did. */
export interface DeletedUser {
  id: number;
  /** The user who received the calls and deals, or null when they stay under the team. */
  reassignedTo: number | null;
  /** Calls moved to `reassignedTo`. */
  callsReassigned: number;
  /** Calls kept under the deleted user (and so their teams): all of them without `reassignTo`, else the ones `reassignedTo` already has (the same transcript). */
  callsKept: number;
  dealsReassigned: number;
  sessionsEnded: number;
  tokensRevoked: number;
}

/** A background job (an upload answered at once, a file of an import, a reanalysis). */
export interface Job {
  id: number;
  kind: 'analyze' | 'reanalyze';
  /** `queued`, `running`, `done` or `failed`. */
  status: 'queued' | 'running' | 'done' | 'failed';
  /** What it is doing now, in a word: waiting, starting, analysing, analysed, storing, done, failed. */
  stage: string;
  /** 0..1 */
  progress: number;
  file: string | null;
  importId: number | null;
  attempts: number;
  maxAttempts: number;
  /** Set once done: the stored call (for `existing`, the call that already held the file). */
  callId: number | null;
  /** Set once done: `stored`, `existing` or `reanalysed`. */
  outcome: string | null;
  /** Why it failed (the last failure while it is retried). */
  error: { code: string; message: string } | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

/** A bulk import: its files' state in counts, and the files that failed with the reason. */
export interface ImportStatus {
  id: number;
  source: string;
  total: number;
  queued: number;
  running: number;
  stored: number;
  existing: number;
  failed: number;
  finished: boolean;
  createdAt: string;
  failures: { jobId: number; file: string; code: string; reason: string }[];
}

export interface ModelEvaluationRow {
  set: 'held-out corrections' | 'shipped test split';
  measure: string;
  before: number;
  after: number;
  /** Walk-points (or turns) the measure counts. */
  n: number;
}

/** A model the engine can read with: the shipped one, or one retrained from corrections. */
export interface ModelVersion {
  /** `shipped` or e.g. `m3`. */
  id: string;
  /** `Shipped model` / `Retrained 2026-12-02 18:40 (52 corrections)`. */
  label: string;
  status: 'training' | 'ready' | 'failed';
  active: boolean;
  createdAt: string;
  /** The admin who started the training (their name); null for the shipped model. */
  createdBy: string | null;
  /** Corrections trained on. */
  corrections: number;
  /** Corrections held out for the evaluation. */
  heldOut: number;
  evaluation: ModelEvaluationRow[] | null;
  error: string | null;
  /** 0..1 while training. */
  progress: number | null;
}

/** What a manager sends to correct a walk-point (POST /calls/:id/corrections). */
export interface CorrectionInput {
  turn: number;
  action: CorrectionAction;
  quote?: string;
  triggerKind?: string;
  triggerSubtype?: string | null;
  responseKind?: string;
  reason?: string;
}
