/**
 * Which queue a database gets, and the settings from the environment: the one place that
 * knows the backends apart.
 */
import type { Kysely } from 'kysely';
import { WalkpointError } from '../../core/errors.js';
import type { Database } from '../db/schema.js';
import { type Analyzer, analyzerOptionsFromEnv, workerAnalyzer } from '../services/analyzer.js';
import { analysisJobs } from './analysis-jobs.js';
import { pgBossQueue } from './pg-boss.js';
import { type JobQueue, type QueueTiming, tableQueue } from './queue.js';
import { isPostgres } from './store.js';

/** The queue for `db`: pg-boss on PostgreSQL, the `jobs` table itself on SQLite. */
export function openQueue(db: Kysely<Database>, timing: Partial<QueueTiming> = {}): JobQueue {
  return isPostgres(db) ? pgBossQueue(db, timing) : tableQueue(db, timing);
}

function count(env: NodeJS.ProcessEnv, name: string, min: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    throw new WalkpointError('bad-config', `${name}=${raw}: use a whole number of at least ${min}`);
  }
  return n;
}

/** WALKPOINT_JOB_LEASE_MS and WALKPOINT_JOB_POLL_MS, when set. */
export function timingFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<QueueTiming> {
  const t: Partial<QueueTiming> = {};
  const lease = count(env, 'WALKPOINT_JOB_LEASE_MS', 300);
  const poll = count(env, 'WALKPOINT_JOB_POLL_MS', 10);
  if (lease !== undefined) t.leaseMs = lease;
  if (poll !== undefined) t.pollMs = poll;
  return t;
}

/** WALKPOINT_WORKERS: jobs a web server runs itself (0: it only enqueues); unset: the default. */
export function serverWorkersFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  return count(env, 'WALKPOINT_WORKERS', 0);
}

/** Test-only: WALKPOINT_TEST_JOB_PAUSE_MS, the pause between analysing and storing a job. */
export function testPauseFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  return count(env, 'WALKPOINT_TEST_JOB_PAUSE_MS', 0);
}

export interface AnalysisWorkers {
  /** Jobs finished by these workers so far: done, and failed (or put back for a retry). */
  tally: { done: number; failed: number };
  /** Stops taking jobs, lets running ones finish (or gives them back), closes the threads. */
  stop(): Promise<void>;
}

/**
 * Runs `concurrency` jobs at a time from `queue`, each analysed on its own worker thread (the
 * Analyzer's pool, with the budget from WALKPOINT_ANALYSIS_*): what `npm start`, `walkpoint
 * worker` and `walkpoint import` each start.
 */
export function startAnalysisWorkers(
  db: Kysely<Database>,
  queue: JobQueue,
  opts: { concurrency: number; analyzer?: Analyzer; pauseMs?: number },
): AnalysisWorkers {
  const own = opts.analyzer === undefined;
  const analyzer =
    opts.analyzer ??
    workerAnalyzer({
      ...analyzerOptionsFromEnv(),
      workers: opts.concurrency,
      maxQueue: opts.concurrency,
    });
  analyzer.warm();
  const handler = analysisJobs(db, analyzer, { pauseMs: opts.pauseMs });
  const tally = { done: 0, failed: 0 };
  const workers = queue.work(
    (job) =>
      handler(job).then(
        () => void tally.done++,
        (e) => {
          tally.failed++;
          throw e;
        },
      ),
    { concurrency: opts.concurrency },
  );
  return {
    tally,
    async stop() {
      await workers.stop();
      if (own) await analyzer.close();
    },
  };
}
