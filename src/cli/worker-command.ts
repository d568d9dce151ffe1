import { availableParallelism } from 'node:os';
import { DEFAULT_DB_PATH, openDb } from '../server/db/connect.js';
import {
  openQueue,
  startAnalysisWorkers,
  testPauseFromEnv,
  timingFromEnv,
} from '../server/jobs/runtime.js';
import type { Io } from './main.js';

/** The first SIGTERM or SIGINT from now; `dispose` stops listening. */
export function onSignal(): { signalled: Promise<string>; dispose(): void } {
  let on: (s: NodeJS.Signals) => void = () => {};
  const signalled = new Promise<string>((resolve) => {
    on = (s) => resolve(s);
  });
  process.once('SIGTERM', on);
  process.once('SIGINT', on);
  return {
    signalled,
    dispose() {
      process.off('SIGTERM', on);
      process.off('SIGINT', on);
    },
  };
}

/**
 * `walkpoint worker`: runs queued jobs (uploads, imports, reanalyses) against WALKPOINT_DB
 * until SIGTERM or SIGINT, then lets the running jobs finish (or gives them back to the queue)
 * and exits. It holds no state of its own: any number may run, on any machine that reaches the
 * database (for SQLite, the same machine).
 */
export async function workerCommand(
  opts: { concurrency?: number; db?: string },
  io: Io,
): Promise<number> {
  const concurrency = opts.concurrency ?? availableParallelism();
  const db = await openDb(opts.db ?? process.env.WALKPOINT_DB ?? DEFAULT_DB_PATH);
  const queue = openQueue(db.db, timingFromEnv());
  const workers = startAnalysisWorkers(db.db, queue, {
    concurrency,
    pauseMs: testPauseFromEnv(),
  });
  io.out.write(
    `Walkpoint worker: ${concurrency} job${concurrency === 1 ? '' : 's'} at a time on ${db.path}; waiting for jobs (SIGTERM stops it).\n`,
  );
  const { signalled, dispose } = onSignal();
  const signal = await signalled;
  dispose();
  io.out.write(`${signal}: letting running jobs finish…\n`);
  await workers.stop();
  await queue.close();
  await db.close();
  io.out.write(
    `Stopped after ${workers.tally.done} job${workers.tally.done === 1 ? '' : 's'} (${workers.tally.failed} failed or put back for a retry).\n`,
  );
  return 0;
}
