/**
 * The job queue, behind one interface: `enqueue` records jobs, `work` runs a handler on them,
 * a few at a time, until stopped. Two backends deliver the jobs: on SQLite the `jobs` table
 * itself (workers claim a job under a lease they renew while they run it; a job whose worker
 * died is claimed again once the lease lapses), in this process or in any `walkpoint worker`
 * on the same database file; on PostgreSQL pg-boss (pg-boss.ts). Both record every job's state
 * in the `jobs` table, which is what the API and the import read.
 */
import { EventEmitter } from 'node:events';
import type { Kysely, Transaction } from 'kysely';
import { isWalkpointError } from '../../core/errors.js';
import { ApiError } from '../contract/errors.js';
import type { Database, JobRow } from '../db/schema.js';
import {
  type Claimed,
  claimJob,
  type Effect,
  failJob,
  finishJob,
  insertJobs,
  LeaseLostError,
  leaseId,
  type NewJob,
  releaseJob,
  renewLease,
  requeueJob,
  setProgress,
} from './store.js';

/** What a handler sees of the job it runs. */
export interface RunningJob {
  row: JobRow;
  payload: unknown;
  /** Records what the job is doing now (shown as its progress). */
  progress(stage: string, progress: number): Promise<void>;
  /** Runs the job's effect and marks it done, in one transaction. */
  finish(effect: (trx: Transaction<Database>) => Promise<Effect>): Promise<Effect>;
}

export type JobHandler = (job: RunningJob) => Promise<void>;

export interface WorkOptions {
  /** Jobs run at once. */
  concurrency: number;
  /**
   * How long `stop()` lets running jobs finish before giving them back to the queue (default
   * 10 s); a job given back is not counted as a try.
   */
  graceMs?: number;
}

export interface Workers {
  /** Stops claiming; lets running jobs finish within the grace, gives the rest back. */
  stop(): Promise<void>;
}

export interface JobQueue {
  /** Records the jobs and makes them available to workers; their ids, in order. */
  enqueue(jobs: NewJob[]): Promise<number[]>;
  /** Puts a failed job back with fresh tries and a fresh payload. */
  requeue(id: number, payload: unknown): Promise<void>;
  /** Runs `handler` on jobs as they come until `stop()`. */
  work(handler: JobHandler, opts: WorkOptions): Workers;
  close(): Promise<void>;
}

export interface QueueTiming {
  /** A claimed job's lease; renewed every third of it while the job runs. Default 60 s. */
  leaseMs: number;
  /** How often an idle worker looks for work (enqueues in this process wake it at once). */
  pollMs: number;
  /** A retried job waits this long times its tries so far. */
  backoffMs: number;
}

export const DEFAULT_TIMING: QueueTiming = { leaseMs: 60_000, pollMs: 500, backoffMs: 2000 };

/** A failure as the job records it, and whether another try could go better. */
export function classify(e: unknown): { code: string; message: string; retry: boolean } {
  if (e instanceof ApiError) {
    return { code: e.code, message: e.message, retry: e.status >= 500 || e.status === 429 };
  }
  if (isWalkpointError(e)) {
    // Storage trouble passes; a file the engine cannot read stays unreadable.
    return { code: e.code, message: e.message, retry: /^(db-locked|disk-full)$/.test(e.code) };
  }
  const code = String((e as { code?: unknown })?.code ?? '');
  if (/^SQLITE_BUSY|^SQLITE_LOCKED/.test(code)) {
    return {
      code: 'db-locked',
      message: 'the database was locked by another process',
      retry: true,
    };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'internal', message: `unexpected failure: ${message}`, retry: true };
}

/**
 * Runs one claimed job: renews its lease while the handler runs, and records the outcome. A
 * handler that returns without finishing the job is a bug, recorded as a failure. When
 * `stopping()` says the worker is shutting down, a failure (the analysis workers were closed
 * under it) gives the job back instead of counting a try.
 */
export async function runClaimed(
  db: Kysely<Database>,
  claimed: Claimed,
  handler: JobHandler,
  timing: QueueTiming,
  stopping: () => boolean = () => false,
): Promise<void> {
  let finished = false;
  const beat = setInterval(
    () => renewLease(db, claimed, timing.leaseMs).catch(() => undefined),
    Math.max(50, Math.floor(timing.leaseMs / 3)),
  );
  try {
    await handler({
      row: claimed.row,
      payload: JSON.parse(claimed.row.payload_json),
      progress: (stage, p) => setProgress(db, claimed, stage, p),
      finish: async (effect) => {
        const done = await finishJob(db, claimed, effect);
        finished = true;
        return done;
      },
    });
    if (!finished) {
      await failJob(
        db,
        claimed,
        { code: 'internal', message: `job ${claimed.row.id} ended without a result` },
        false,
      );
    }
  } catch (e) {
    if (e instanceof LeaseLostError) return;
    if (stopping()) {
      await releaseJob(db, claimed);
      return;
    }
    const reason = classify(e);
    await failJob(db, claimed, reason, reason.retry, timing.backoffMs);
  } finally {
    clearInterval(beat);
  }
}

/** One job taken from a backend: run it (`stopping` says the worker is shutting down). */
export interface Taken {
  claimed: Claimed;
  run(stopping: () => boolean): Promise<void>;
}

/**
 * Workers that poll: `concurrency` loops, each taking the next job from `take` and running it,
 * resting `pollMs` when there is none (a `job` event on `wake` ends the rest at once).
 */
export function pollingWorkers(
  db: Kysely<Database>,
  take: () => Promise<Taken | undefined>,
  opts: WorkOptions & { pollMs: number; wake: EventEmitter },
): Workers {
  let stopping = false;
  const running = new Set<Claimed>();
  const sleepers = new Set<() => void>();
  const nudge = () => {
    for (const wakeUp of sleepers) wakeUp();
  };
  opts.wake.on('job', nudge);
  const loop = async () => {
    while (!stopping) {
      let taken: Taken | undefined;
      try {
        taken = await take();
      } catch {
        // A locked or unreachable database: look again after the pause.
      }
      if (!taken) {
        await new Promise<void>((resolve) => {
          const wakeUp = () => {
            clearTimeout(timer);
            sleepers.delete(wakeUp);
            resolve();
          };
          const timer = setTimeout(wakeUp, opts.pollMs);
          sleepers.add(wakeUp);
        });
        continue;
      }
      running.add(taken.claimed);
      await taken.run(() => stopping).catch(() => undefined);
      running.delete(taken.claimed);
    }
  };
  const loops = Array.from({ length: Math.max(1, opts.concurrency) }, () => loop());
  return {
    async stop() {
      stopping = true;
      opts.wake.off('job', nudge);
      nudge();
      const grace = new Promise<'late'>((r) => setTimeout(r, opts.graceMs ?? 10_000, 'late'));
      const all = Promise.all(loops).then(() => 'done' as const);
      if ((await Promise.race([all, grace])) === 'late') {
        // Still running after the grace: give the jobs back so another worker takes them.
        await Promise.all([...running].map((c) => releaseJob(db, c)));
      }
    },
  };
}

/**
 * The queue on the `jobs` table alone: what SQLite runs, in-process (`npm start`) or in
 * separate `walkpoint worker` processes on the same file.
 */
export function tableQueue(db: Kysely<Database>, timing: Partial<QueueTiming> = {}): JobQueue {
  const t: QueueTiming = { ...DEFAULT_TIMING, ...timing };
  const wake = new EventEmitter();
  wake.setMaxListeners(0);
  return {
    async enqueue(jobs) {
      const ids = await insertJobs(db, jobs);
      wake.emit('job');
      return ids;
    },
    async requeue(id, payload) {
      await requeueJob(db, id, payload);
      wake.emit('job');
    },
    work(handler, opts) {
      return pollingWorkers(
        db,
        async () => {
          // a lease per claim: two loops of one process never pass for each other
          const claimed = await claimJob(db, leaseId(), t.leaseMs);
          return (
            claimed && {
              claimed,
              run: (stopping) => runClaimed(db, claimed, handler, t, stopping),
            }
          );
        },
        { ...opts, pollMs: t.pollMs, wake },
      );
    },
    close: async () => {},
  };
}
