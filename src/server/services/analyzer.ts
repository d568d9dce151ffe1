/**
 * Every analysis the server makes goes through an Analyzer. The server's runs on a small pool
 * of worker threads (src/pool), so the event loop keeps answering while a long or pathological
 * upload is read: each analysis gets a time budget that grows with its size, each worker a
 * memory budget, and one that runs over is stopped and answered with `analysis-too-costly` in
 * the API's error shape. The inline analyzer (same thread, no budget) is for seeding the demo
 * and tests, whose inputs are known.
 */
import { availableParallelism } from 'node:os';
import { WalkpointError } from '../../core/errors.js';
import { BudgetExceededError, PoolBusyError, WorkerPool } from '../../pool/pool.js';
import { ApiError } from '../contract/errors.js';
import {
  type Analysed,
  type AnalysisRequest,
  type AnalysisTask,
  analyzeTranscript,
  gradePracticeReply,
  type PracticeReplyRequest,
  type PracticeReplyResult,
  taskBytes,
} from './analysis-tasks.js';

export type { Analysed, AnalysisRequest, PracticeReplyRequest, PracticeReplyResult };

/** Who asked, so one user cannot hold every worker (and the queue) at once. */
export interface Requester {
  userId?: number;
}

export interface Analyzer {
  /** Decodes and analyses a transcript; engine errors (WalkpointError) come back as they are. */
  analyze(request: AnalysisRequest, by?: Requester): Promise<Analysed>;
  /** Grades a practice reply (the engine reads the whole practice call so far). */
  practiceReply(request: PracticeReplyRequest, by?: Requester): Promise<PracticeReplyResult>;
  /** Starts the workers now, so the first upload does not wait for them to load the engine. */
  warm(): void;
  close(): Promise<void>;
}

export interface AnalysisBudget {
  /** Milliseconds every input gets. */
  baseMs: number;
  /**
   * Further milliseconds per KB of input: a one-hour call (60 KB) needs under 1 ms per KB; a
   * 2.9 MB file about 3 ms per KB today (the engine is not yet linear on very long files).
   */
  perKbMs: number;
  /** The least any input gets, so a garbage collection or a busy machine fails no real call. */
  floorMs: number;
  /**
   * Each worker's heap: the loaded engine holds about 50 MB; a 5 MB transcript, the largest
   * upload, needs more than 320 MB and fits in 512.
   */
  memoryMb: number;
}

export const DEFAULT_BUDGET: AnalysisBudget = {
  baseMs: 300,
  perKbMs: 5,
  floorMs: 1000,
  memoryMb: 512,
};

/** The time an input of `bytes` may take: base + per KB, never under the floor. */
export function timeBudgetMs(bytes: number, budget: AnalysisBudget = DEFAULT_BUDGET): number {
  return Math.round(Math.max(budget.floorMs, budget.baseMs + (budget.perKbMs * bytes) / 1024));
}

export interface WorkerAnalyzerOptions {
  budget?: Partial<AnalysisBudget>;
  /** Worker threads; default one fewer than the cores (at least 1, at most 4). */
  workers?: number;
  /** Analyses that may wait while every worker is busy; more answer 503. Default 16. */
  maxQueue?: number;
  /** Analyses one user may have running or waiting; more answer 429. Default 2. */
  perUser?: number;
  /** The worker module (tests swap in a slow one). */
  entry?: URL;
}

/** The server's analysis threads unless told: one fewer than the cores, at least 1, at most 4. */
export function defaultAnalysisWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/** Analyses on worker threads, within the budget; failures become ApiErrors. */
export function workerAnalyzer(opts: WorkerAnalyzerOptions = {}): Analyzer {
  const budget: AnalysisBudget = { ...DEFAULT_BUDGET, ...opts.budget };
  const pool = new WorkerPool<AnalysisTask, unknown>({
    entry: opts.entry ?? new URL('./analysis-worker.js', import.meta.url),
    size: opts.workers ?? defaultAnalysisWorkers(),
    maxQueue: opts.maxQueue ?? 16,
    resourceLimits: { maxOldGenerationSizeMb: budget.memoryMb },
  });
  const perUser = opts.perUser ?? 2;
  const inFlight = new Map<number, number>();
  const run = async (task: AnalysisTask, subject: Subject, by: Requester = {}) => {
    const { userId } = by;
    const mine = userId === undefined ? 0 : (inFlight.get(userId) ?? 0);
    if (userId !== undefined && mine >= perUser) {
      throw new ApiError(
        429,
        'too-many-analyses',
        `You already have ${mine} analyses running; send the next one when one of them has finished.`,
        undefined,
        5,
      );
    }
    if (userId !== undefined) inFlight.set(userId, mine + 1);
    const bytes = taskBytes(task);
    try {
      return await pool.run(task, { timeoutMs: timeBudgetMs(bytes, budget) });
    } catch (e) {
      throw explain(e, subject, bytes);
    } finally {
      if (userId !== undefined) {
        const left = (inFlight.get(userId) ?? 1) - 1;
        if (left > 0) inFlight.set(userId, left);
        else inFlight.delete(userId);
      }
    }
  };
  return {
    analyze: async (request, by) =>
      (await run({ kind: 'transcript', request }, transcriptSubject(request.file), by)) as Analysed,
    practiceReply: async (request, by) =>
      (await run({ kind: 'practice-reply', request }, PRACTICE_SUBJECT, by)) as PracticeReplyResult,
    warm: () => pool.warm(),
    close: () => pool.close(),
  };
}

/** Analyses on the calling thread, without a budget: for the demo seed and tests. */
export function inlineAnalyzer(): Analyzer {
  return {
    analyze: async (request) => analyzeTranscript(request),
    practiceReply: async (request) => gradePracticeReply(request),
    warm: () => {},
    close: async () => {},
  };
}

/** What was analysed, for the message when it runs over: its name, and what to do. */
interface Subject {
  name: string;
  doing: string;
  advice: string;
}

const transcriptSubject = (file: string): Subject => ({
  name: file,
  doing: 'analysing it',
  advice:
    'A call transcript of this size analyses well within that; check that the file is a transcript (speakers and their words, not one very long line or thousands of speakers), or split a very long call into parts.',
});

const PRACTICE_SUBJECT: Subject = {
  name: 'Your reply',
  doing: 'grading it (the engine reads the whole practice call so far)',
  advice: 'This practice call has grown too long to grade; start a new session.',
};

/** A pool failure in words a user can act on; engine errors (WalkpointError) pass through. */
function explain(e: unknown, subject: Subject, bytes: number): unknown {
  const size =
    bytes >= 1024 * 1024
      ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
      : `${Math.ceil(bytes / 1024)} KB`;
  if (e instanceof BudgetExceededError) {
    const over =
      e.kind === 'time'
        ? `took longer than the ${(e.limit / 1000).toFixed(1)} s this server allows for ${size}`
        : `needed more than the ${e.limit} MB of memory this server allows`;
    return new ApiError(
      422,
      'analysis-too-costly',
      `${subject.name}: ${subject.doing} ${over}, so it was stopped and nothing was stored. ${subject.advice}`,
    );
  }
  if (e instanceof PoolBusyError) {
    return new ApiError(
      503,
      'analysis-busy',
      `The server is busy with ${e.waiting} other analyses; try again in a minute.`,
      undefined,
      30,
    );
  }
  return e;
}

/** Budget, workers and queue from WALKPOINT_ANALYSIS_* environment variables. */
export function analyzerOptionsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): WorkerAnalyzerOptions {
  const num = (name: string, min: number): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min) {
      throw new WalkpointError('bad-config', `${name}=${raw}: use a number of at least ${min}`);
    }
    return n;
  };
  const budget: Partial<AnalysisBudget> = {};
  const set = (key: keyof AnalysisBudget, name: string, min: number) => {
    const n = num(name, min);
    if (n !== undefined) budget[key] = n;
  };
  set('baseMs', 'WALKPOINT_ANALYSIS_BASE_MS', 0);
  set('perKbMs', 'WALKPOINT_ANALYSIS_MS_PER_KB', 0);
  set('floorMs', 'WALKPOINT_ANALYSIS_FLOOR_MS', 100);
  set('memoryMb', 'WALKPOINT_ANALYSIS_MEMORY_MB', 128);
  return {
    budget,
    workers: num('WALKPOINT_ANALYSIS_WORKERS', 1),
    maxQueue: num('WALKPOINT_ANALYSIS_QUEUE', 0),
    perUser: num('WALKPOINT_ANALYSIS_PER_USER', 1),
  };
}
