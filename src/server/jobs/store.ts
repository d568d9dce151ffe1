/**
 * The `jobs` table: what every queue backend records about a job (state, progress, the reason
 * it failed, what it stored). Claiming by lease lives here too, for the backend that has no
 * other engine (SQLite); PostgreSQL hands out jobs through pg-boss and records them here alike.
 * Every state change after a claim names the lease holder, so a worker that lost its lease (it
 * stalled, and another worker took the job) can change nothing.
 */
import { hostname } from 'node:os';
import {
  type ExpressionBuilder,
  type Kysely,
  PostgresAdapter,
  sql,
  type Transaction,
} from 'kysely';
import type { Job } from '../contract/shapes.js';
import type { Database, JobRow, JobStatus } from '../db/schema.js';
import type { Viewer } from '../db/scope.js';
import { nowIso } from '../db/time.js';

export type { JobRow, JobStatus };

/** What a job does: analyse a transcript (an upload, a file of an import), or redo a stored call. */
export const JOB_KINDS = ['analyze', 'reanalyze'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export interface NewJob {
  kind: JobKind;
  payload: unknown;
  ownerId: number;
  file?: string;
  importId?: number;
  /** Tries before the job fails for good (a crash or a lapsed lease counts as one). Default 3. */
  maxAttempts?: number;
  /** Recorded as failed from the start (an import's file that could not be read). */
  failed?: { code: string; message: string };
}

export const DEFAULT_MAX_ATTEMPTS = 3;

/** A job a worker holds: its row as claimed, and the lease it holds it under. */
export interface Claimed {
  row: JobRow;
  lease: string;
}

/** An id for one worker's leases: host and process, so an operator can tell who holds a job. */
export function leaseId(): string {
  return `${hostname()}/${process.pid}/${Math.random().toString(36).slice(2, 8)}`;
}

const later = (ms: number) => new Date(Date.now() + ms).toISOString();

export const isPostgres = (db: Kysely<Database>) =>
  db.getExecutor().adapter instanceof PostgresAdapter;

function jobValues(job: NewJob, now: string) {
  return {
    kind: job.kind,
    status: job.failed ? ('failed' as const) : ('queued' as const),
    stage: job.failed ? 'failed' : 'waiting',
    progress: job.failed ? 1 : 0,
    error_code: job.failed?.code ?? null,
    error: job.failed?.message ?? null,
    finished_at: job.failed ? now : null,
    file: job.file ?? null,
    payload_json: JSON.stringify(job.payload),
    owner_id: job.ownerId,
    import_id: job.importId ?? null,
    max_attempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    run_after: now,
    created_at: now,
    updated_at: now,
  };
}

/** Records new jobs (in one statement per chunk) and returns their ids in order. */
export async function insertJobs(db: Kysely<Database>, jobs: NewJob[]): Promise<number[]> {
  const now = nowIso();
  const ids: number[] = [];
  for (let i = 0; i < jobs.length; i += 200) {
    const rows = await db
      .insertInto('jobs')
      .values(jobs.slice(i, i + 200).map((j) => jobValues(j, now)))
      .returning('id')
      .execute();
    ids.push(...rows.map((r) => r.id).sort((a, b) => a - b));
  }
  return ids;
}

export async function getJob(db: Kysely<Database>, id: number): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A job taken by a worker: running under its lease, one more try counted. */
const takeOver =
  (lease: string, leaseMs: number, now: string) => (eb: ExpressionBuilder<Database, 'jobs'>) => ({
    status: 'running' as const,
    stage: 'starting',
    progress: 0.05,
    attempts: eb('attempts', '+', 1),
    locked_by: lease,
    locked_until: later(leaseMs),
    updated_at: now,
  });

/** Waiting and due, or running under a lease that has lapsed. */
const claimable = (now: string) => (eb: ExpressionBuilder<Database, 'jobs'>) =>
  eb.or([
    eb.and([eb('status', '=', 'queued'), eb('run_after', '<=', now)]),
    eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
  ]);

/**
 * Fails, with the reason, the lapsed jobs (all, or job `id`) that have used all their tries: a
 * job whose worker keeps dying on it is not handed out for ever.
 */
async function failExhausted(db: Kysely<Database>, now: string, id?: number): Promise<void> {
  let q = db
    .updateTable('jobs')
    .set({
      status: 'failed',
      stage: 'failed',
      error_code: 'worker-lost',
      error: sql<string>`'The worker analysing it stopped ' || attempts || ' times (it crashed or was killed); it was not tried again.'`,
      locked_by: null,
      locked_until: null,
      payload_json: '{}',
      finished_at: now,
      updated_at: now,
    })
    .where('status', '=', 'running')
    .where('locked_until', '<', now)
    .whereRef('attempts', '>=', 'max_attempts');
  if (id !== undefined) q = q.where('id', '=', id);
  await q.execute();
}

/**
 * Claims the oldest job that is waiting, or whose worker let its lease lapse, in one statement
 * (atomic on SQLite; on PostgreSQL the outer conditions are checked again on the locked row, so
 * two workers never both win). A lapsed job that has used all its tries fails instead, with the
 * reason.
 */
export async function claimJob(
  db: Kysely<Database>,
  lease: string,
  leaseMs: number,
): Promise<Claimed | undefined> {
  const now = nowIso();
  await failExhausted(db, now);
  const next = db.selectFrom('jobs').select('id').where(claimable(now)).orderBy('id').limit(1);
  const row = await db
    .updateTable('jobs')
    .set(takeOver(lease, leaseMs, now))
    .where('id', '=', next)
    .where(claimable(now))
    .returningAll()
    .executeTakeFirst();
  return row ? { row, lease } : undefined;
}

/**
 * Marks a job this worker was handed (by pg-boss) as running under `lease`, counting the try.
 * Undefined when the job has already finished (a retry after a crash that came after the
 * commit): there is nothing left to do.
 */
export async function startJob(
  db: Kysely<Database>,
  id: number,
  lease: string,
  leaseMs: number,
): Promise<Claimed | undefined> {
  const now = nowIso();
  await failExhausted(db, now, id);
  const row = await db
    .updateTable('jobs')
    .set(takeOver(lease, leaseMs, now))
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .returningAll()
    .executeTakeFirst();
  return row ? { row, lease } : undefined;
}

/** Renews the lease; false when it was lost (the job is someone else's now, or gone). */
export async function renewLease(
  db: Kysely<Database>,
  job: Claimed,
  leaseMs: number,
): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({ locked_until: later(leaseMs) })
    .where('id', '=', job.row.id)
    .where('locked_by', '=', job.lease)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setProgress(
  db: Kysely<Database>,
  job: Claimed,
  stage: string,
  progress: number,
): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ stage, progress, updated_at: nowIso() })
    .where('id', '=', job.row.id)
    .where('locked_by', '=', job.lease)
    .execute();
}

/** The worker no longer holds the job; whatever it was about to do was not done. */
export class LeaseLostError extends Error {
  constructor(id: number) {
    super(`job ${id}: the lease lapsed and another worker took the job over`);
    this.name = 'LeaseLostError';
  }
}

export interface Effect {
  callId?: number;
  /** `stored`, `existing` (the same transcript was already a call), `reanalysed`. */
  outcome: string;
}

/**
 * Runs the job's effect (storing the call) and marks the job done in one transaction, so a
 * crash leaves either both or neither: a retry never stores a second copy. The job row is
 * written first: on SQLite that takes the write lock before the effect reads anything, so two
 * workers storing the same transcript run one after the other and the second sees the first.
 */
export async function finishJob(
  db: Kysely<Database>,
  job: Claimed,
  effect: (trx: Transaction<Database>) => Promise<Effect>,
): Promise<Effect> {
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const held = await trx
      .updateTable('jobs')
      .set({ stage: 'storing', progress: 0.9, updated_at: now })
      .where('id', '=', job.row.id)
      .where('locked_by', '=', job.lease)
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (Number(held.numUpdatedRows) !== 1) throw new LeaseLostError(job.row.id);
    const done = await effect(trx);
    await trx
      .updateTable('jobs')
      .set({
        status: 'done',
        stage: 'done',
        progress: 1,
        call_id: done.callId ?? null,
        outcome: done.outcome,
        payload_json: '{}',
        locked_by: null,
        locked_until: null,
        error_code: null,
        error: null,
        finished_at: now,
        updated_at: now,
      })
      .where('id', '=', job.row.id)
      .execute();
    return done;
  });
}

/**
 * Records a failure. `retry` (a passing trouble: a locked database, a worker that crashed)
 * puts the job back after `backoffMs` while it has tries left; otherwise, or when they are
 * used up, the job fails for good with the reason and its transcript is dropped.
 */
export async function failJob(
  db: Kysely<Database>,
  job: Claimed,
  reason: { code: string; message: string },
  retry: boolean,
  backoffMs = 1000,
): Promise<JobStatus> {
  const now = nowIso();
  const again = retry && job.row.attempts < job.row.max_attempts;
  await db
    .updateTable('jobs')
    .set({
      status: again ? 'queued' : 'failed',
      stage: again ? 'waiting' : 'failed',
      progress: again ? 0 : 1,
      error_code: reason.code,
      error: reason.message,
      locked_by: null,
      locked_until: null,
      run_after: again ? later(backoffMs * job.row.attempts) : now,
      ...(again ? {} : { payload_json: '{}', finished_at: now }),
      updated_at: now,
    })
    .where('id', '=', job.row.id)
    .where('locked_by', '=', job.lease)
    .execute();
  return again ? 'queued' : 'failed';
}

/** Gives a job back untouched (a worker shutting down): the try is not counted. */
export async function releaseJob(db: Kysely<Database>, job: Claimed): Promise<void> {
  await db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'queued',
      stage: 'waiting',
      progress: 0,
      attempts: eb('attempts', '-', 1),
      locked_by: null,
      locked_until: null,
      run_after: nowIso(),
      updated_at: nowIso(),
    }))
    .where('id', '=', job.row.id)
    .where('locked_by', '=', job.lease)
    .where('status', '=', 'running')
    .execute();
}

/** Puts a failed job back in the queue with fresh tries (and a fresh payload). */
export async function requeueJob(
  db: Kysely<Database>,
  id: number,
  payload: unknown,
): Promise<void> {
  const now = nowIso();
  await db
    .updateTable('jobs')
    .set({
      status: 'queued',
      stage: 'waiting',
      progress: 0,
      attempts: 0,
      payload_json: JSON.stringify(payload),
      error_code: null,
      error: null,
      run_after: now,
      finished_at: null,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .execute();
}

/** A job as the API shows it. */
type JobViewRow = Omit<
  JobRow,
  'payload_json' | 'owner_id' | 'run_after' | 'locked_by' | 'locked_until'
>;

export function jobView(r: JobViewRow): Job {
  return {
    id: r.id,
    kind: r.kind as Job['kind'],
    status: r.status,
    stage: r.stage,
    progress: r.progress,
    file: r.file,
    importId: r.import_id,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    callId: r.call_id,
    outcome: r.outcome,
    error: r.error ? { code: r.error_code ?? 'failed', message: r.error } : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    finishedAt: r.finished_at,
  };
}

/** Jobs the viewer may see: their own; an admin's, everyone's. */
export async function listJobs(
  db: Kysely<Database>,
  viewer: Viewer,
  f: { id?: number; status?: JobStatus; importId?: number; limit?: number },
): Promise<Job[]> {
  let q = db
    .selectFrom('jobs')
    .select([
      'id',
      'kind',
      'status',
      'stage',
      'progress',
      'file',
      'import_id',
      'attempts',
      'max_attempts',
      'call_id',
      'outcome',
      'error_code',
      'error',
      'created_at',
      'updated_at',
      'finished_at',
    ]);
  if (viewer.role !== 'admin') q = q.where('owner_id', '=', viewer.id);
  if (f.id !== undefined) q = q.where('id', '=', f.id);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.importId !== undefined) q = q.where('import_id', '=', f.importId);
  const rows = await q
    .orderBy('id', 'desc')
    .limit(f.limit ?? 20)
    .execute();
  return rows.map(jobView);
}
