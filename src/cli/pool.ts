import { availableParallelism } from 'node:os';
import { WorkerPool } from '../pool/pool.js';
import { type ErrorReport, toErrorReport } from './errors.js';
import type { JobOptions, JobResult } from './job.js';

/** One file's outcome; `index` is its position in the input list. */
export type Outcome =
  | { index: number; file: string; ok: true; result: JobResult }
  | { index: number; file: string; ok: false; error: ErrorReport };

/**
 * Analyses `files` on min(jobs, files) worker threads (the shared pool in src/pool), each
 * handling many files. `onOutcome` fires as each file finishes (in completion order). A worker
 * that dies fails only the file it was on and is replaced.
 */
export async function analyzeInPool(
  files: string[],
  options: JobOptions,
  jobs: number = availableParallelism(),
  onOutcome: (outcome: Outcome) => void = () => {},
): Promise<Outcome[]> {
  if (files.length === 0) return [];
  const pool = new WorkerPool<string, JobResult>({
    entry: new URL('./worker.js', import.meta.url),
    size: Math.max(1, Math.min(jobs, files.length)),
    workerData: options,
  });
  try {
    return await Promise.all(
      files.map(async (file, index): Promise<Outcome> => {
        const outcome: Outcome = await pool.run(file).then(
          (result) => ({ index, file, ok: true, result }),
          (e) => ({ index, file, ok: false, error: toErrorReport(e) }),
        );
        onOutcome(outcome);
        return outcome;
      }),
    );
  } finally {
    await pool.close();
  }
}
