/**
 * The analyses the server makes, as plain data in and out, so they can run on a worker thread
 * (analysis-worker.ts) or, for the demo seed, on the calling thread: a transcript (decoded
 * there too: normalising line ends of a crafted 5 MB file takes half a second), and a practice
 * reply (graded in the context of the whole practice call, which grows with it).
 */

import type { Analysis } from '../../core/types.js';
import { analyze } from '../../engine/analyze.js';
import { type ModelChoice, withModel } from '../../model/shipped.js';
import { decodeTranscript } from '../../parse/decode.js';
import {
  loadScenario,
  type PracticeSession,
  practiceReport,
  submitReply,
} from '../../practice/index.js';

export interface AnalysisRequest {
  /** The file's bytes, or its text (already decoded, or sent as JSON text). */
  content: Uint8Array | string;
  /** The file name, for messages and `source.file`. */
  file: string;
  rep?: string[];
  /** The retrained model to read with (the active one); the shipped model when absent. */
  model?: ModelChoice;
}

export interface Analysed {
  /** The decoded text (UTF-8, LF line ends): what is stored and hashed. */
  text: string;
  analysis: Analysis;
  /** The model that read it: `shipped` (also when the chosen one failed to load) or its id. */
  modelVersion: string;
}

export interface PracticeReplyRequest {
  scenario: string;
  session: PracticeSession;
  text: string;
}

export interface PracticeReplyResult {
  session: PracticeSession;
  /** The engine's score for the practice call, once it has ended. */
  score: number | null;
}

export type AnalysisTask =
  | { kind: 'transcript'; request: AnalysisRequest }
  | { kind: 'practice-reply'; request: PracticeReplyRequest };

/** Decodes (UTF-8, UTF-16, Windows-1252; refusing binary) and analyses. */
export function analyzeTranscript({ content, file, rep, model }: AnalysisRequest): Analysed {
  const text = decodeTranscript(typeof content === 'string' ? Buffer.from(content) : content, file);
  const read = withModel(model, () => analyze(text, { file, rep }));
  return { text, analysis: read.result, modelVersion: read.model };
}

export function gradePracticeReply(r: PracticeReplyRequest): PracticeReplyResult {
  const sc = loadScenario(r.scenario);
  const session = submitReply(sc, r.session, r.text);
  return { session, score: session.outcome ? practiceReport(sc, session).score : null };
}

export function runAnalysisTask(task: AnalysisTask): Analysed | PracticeReplyResult {
  return task.kind === 'transcript'
    ? analyzeTranscript(task.request)
    : gradePracticeReply(task.request);
}

/** The size an analysis is budgeted by: the text the engine reads. */
export function taskBytes(task: AnalysisTask): number {
  if (task.kind === 'transcript') {
    const { content } = task.request;
    return typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
  }
  const turns = task.request.session.turns.reduce((n, t) => n + Buffer.byteLength(t.text) + 1, 0);
  return turns + Buffer.byteLength(task.request.text);
}
