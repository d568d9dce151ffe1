/**
 * The queue on PostgreSQL: pg-boss delivers the jobs (its `pgboss` schema in the same
 * database, through the app's own connection pool), the `jobs` table records them as on
 * SQLite. Enqueueing writes both in one transaction, and a job's effect, its row and its
 * pg-boss completion commit together, so a crash anywhere leaves the job to be delivered again
 * and never stored twice. A job whose worker died is failed by pg-boss' maintenance once it has
 * been active longer than the lease, and delivered again.
 */
import { EventEmitter } from 'node:events';
import { CompiledQuery, type Kysely } from 'kysely';
import PgBoss from 'pg-boss';
import type { Database } from '../db/schema.js';
import {
  DEFAULT_TIMING,
  type JobHandler,
  type JobQueue,
  pollingWorkers,
  type QueueTiming,
  runClaimed,
} from './queue.js';
import { getJob, insertJobs, leaseId, requeueJob, startJob } from './store.js';

/** The pg-boss queue every Walkpoint job goes through. */
const QUEUE = 'walkpoint-jobs';

/**
 * pg-boss' own retries are only delivery: the `jobs` table counts the tries and decides when a
 * job has failed for good, so pg-boss may deliver a few more times than that.
 */
const DELIVERY_RETRIES = 20;

/** pg-boss runs its SQL through Kysely: the same pool, or the caller's transaction. */
function adapter(db: Kysely<Database>): PgBoss.Db {
  return {
    executeSql: async (text, values) => {
      const r = await db.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: r.rows as unknown[] };
    },
  };
}

export function pgBossQueue(db: Kysely<Database>, timing: Partial<QueueTiming> = {}): JobQueue {
  const t: QueueTiming = { ...DEFAULT_TIMING, ...timing };
  const leaseSeconds = Math.max(1, Math.ceil(t.leaseMs / 1000));
  const boss = new PgBoss({
    db: adapter(db),
    // Maintenance finds the jobs whose worker died; it runs in whichever process is due.
    maintenanceIntervalSeconds: Math.max(1, Math.ceil(leaseSeconds / 2)),
    schedule: false,
  });
  boss.on('error', () => {
    // A failed maintenance pass (the database restarting) is tried again on the next one.
  });
  let ready: Promise<void> | undefined;
  const start = () => {
    ready ??= (async () => {
      await boss.start();
      if (!(await boss.getQueue(QUEUE))) {
        await boss.createQueue(QUEUE, {
          name: QUEUE,
          retryLimit: DELIVERY_RETRIES,
          retryDelay: Math.max(1, Math.ceil(t.backoffMs / 1000)),
          expireInSeconds: leaseSeconds,
        });
      }
    })();
    return ready;
  };
  const wake = new EventEmitter();
  wake.setMaxListeners(0);

  return {
    async enqueue(jobs) {
      await start();
      const ids = await db.transaction().execute(async (trx) => {
        const ids = await insertJobs(trx, jobs);
        const live = ids.filter((_, i) => !jobs[i].failed);
        if (live.length > 0) {
          await boss.insert(
            live.map((id) => ({ name: QUEUE, data: { jobId: id }, expireInSeconds: leaseSeconds })),
            { db: adapter(trx) },
          );
        }
        return ids;
      });
      wake.emit('job');
      return ids;
    },
    async requeue(id, payload) {
      await start();
      await db.transaction().execute(async (trx) => {
        await requeueJob(trx, id, payload);
        await boss.insert([{ name: QUEUE, data: { jobId: id }, expireInSeconds: leaseSeconds }], {
          db: adapter(trx),
        });
      });
      wake.emit('job');
    },
    work(handler: JobHandler, opts) {
      return pollingWorkers(
        db,
        async () => {
          await start();
          const [delivery] = await boss.fetch<{ jobId: number }>(QUEUE, { batchSize: 1 });
          if (!delivery) return undefined;
          const claimed = await startJob(db, delivery.data.jobId, leaseId(), t.leaseMs);
          if (!claimed) {
            // Finished already (a crash came after the commit): nothing left to do.
            await boss.complete(QUEUE, delivery.id);
            return undefined;
          }
          // The job's completion in pg-boss commits with its effect.
          const completing: JobHandler = (job) =>
            handler({
              ...job,
              finish: (effect) =>
                job.finish(async (trx) => {
                  const done = await effect(trx);
                  await boss.complete(QUEUE, delivery.id, {}, { db: adapter(trx) });
                  return done;
                }),
            });
          return {
            claimed,
            run: async (stopping) => {
              await runClaimed(db, claimed, completing, t, stopping);
              const row = await getJob(db, claimed.row.id);
              if (row?.status === 'failed') {
                await boss.complete(QUEUE, delivery.id, { failed: row.error_code });
              } else if (row?.status === 'queued') {
                // Put back (a passing failure, or a worker stopping): pg-boss delivers it again.
                await boss.fail(QUEUE, delivery.id, { retry: row.error_code });
              }
              // `running` under another lease: pg-boss already delivered it again, to another.
            },
          };
        },
        { ...opts, pollMs: t.pollMs, wake },
      );
    },
    async close() {
      if (ready) {
        await ready.catch(() => undefined);
        await boss.stop({ graceful: false, close: false, wait: true });
      }
    },
  };
}
