import { ENGINE_VERSION } from '../engine/analyze.js';
import { SHIPPED_MODEL } from '../model/shipped.js';
import { callsToReanalyze } from '../server/db/calls.js';
import { openDb } from '../server/db/connect.js';
import { openQueue, startAnalysisWorkers, timingFromEnv } from '../server/jobs/runtime.js';
import type { Analyzer } from '../server/services/analyzer.js';
import { activeModel } from '../server/services/models.js';
import type { Io } from './main.js';

/**
 * `walkpoint reanalyze`: re-runs the engine over stored calls made by another engine version or
 * another model than the active one (or all of them with --all), keeping notes, review marks
 * and corrections (moments are kept by turn; corrections are applied again over the new reading).
 * Each call is a `reanalyze` job, run here on one worker within the server's budget
 * (WALKPOINT_ANALYSIS_*) and by any `walkpoint worker` on the same database, so one
 * pathological stored call is reported and kept as it was instead of stalling the run.
 */
export async function reanalyzeCommand(
  opts: { all: boolean; db?: string; analyzer?: Analyzer },
  io: Io,
): Promise<number> {
  const db = await openDb(opts.db ?? process.env.WALKPOINT_DB);
  const queue = openQueue(db.db, timingFromEnv());
  let workers: ReturnType<typeof startAnalysisWorkers> | undefined;
  try {
    const model = await activeModel(db.db);
    const modelId = model?.id ?? SHIPPED_MODEL;
    const calls = await callsToReanalyze(db.db, ENGINE_VERSION, opts.all, modelId);
    const ids = await queue.enqueue(
      calls.map((c) => ({
        kind: 'reanalyze' as const,
        payload: { callId: c.id },
        ownerId: c.owner_id,
        file: c.title,
      })),
    );
    workers = startAnalysisWorkers(db.db, queue, { concurrency: 1, analyzer: opts.analyzer });
    let jobs = await jobsOf(db.db, ids);
    while (jobs.some((j) => j.status === 'queued' || j.status === 'running')) {
      await new Promise((r) => setTimeout(r, 100));
      jobs = await jobsOf(db.db, ids);
    }
    const failed = jobs.filter((j) => j.status === 'failed');
    const callOf = new Map(ids.map((id, i) => [id, calls[i]]));
    for (const j of failed) {
      const call = callOf.get(j.id);
      io.err.write(`walkpoint: call ${call?.id} (${call?.title}): ${j.error}\n`);
    }
    io.out.write(
      `Reanalysed ${calls.length - failed.length} of ${calls.length} call${calls.length === 1 ? '' : 's'} with engine ${ENGINE_VERSION} (model ${modelId}).\n`,
    );
    return failed.length > 0 ? 2 : 0;
  } finally {
    await workers?.stop();
    await queue.close();
    await db.close();
  }
}

/** This run's jobs: one enqueue's ids are one range (no list of 100,000 parameters). */
async function jobsOf(db: Parameters<typeof callsToReanalyze>[0], ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('jobs')
    .select(['id', 'status', 'error'])
    .where('kind', '=', 'reanalyze')
    .where('id', '>=', ids[0])
    .where('id', '<=', ids[ids.length - 1])
    .orderBy('id')
    .execute();
}
