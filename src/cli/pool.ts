import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type ErrorReport, toErrorReport } from './errors.js';
import type { JobOptions, JobResult } from './job.js';

export interface WorkerRequest {
  id: number;
  file: string;
}

export type WorkerReply =
  | { id: number; ok: true; result: JobResult }
  | { id: number; ok: false; error: ErrorReport };

/** One file's outcome; `index` is its position in the input list. */
export type Outcome =
  | { index: number; file: string; ok: true; result: JobResult }
  | { index: number; file: string; ok: false; error: ErrorReport };

/**
 * Analyses `files` on min(jobs, files) worker threads, each handling many files. `onOutcome`
 * fires as each file finishes (in completion order). A worker that dies fails only the file it
 * was on and is replaced.
 */
export async function analyzeInPool(
  files: string[],
  options: JobOptions,
  jobs: number = availableParallelism(),
  onOutcome: (outcome: Outcome) => void = () => {},
): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(files.length);
  let next = 0;
  let done = 0;
  if (files.length === 0) return outcomes;

  return new Promise((resolve) => {
    const settle = (outcome: Outcome) => {
      outcomes[outcome.index] = outcome;
      done++;
      onOutcome(outcome);
      if (done === files.length) resolve(outcomes);
    };

    const start = () => {
      const worker = spawnWorker(options);
      let current = -1;
      const feed = () => {
        if (next >= files.length) {
          void worker.terminate();
          return;
        }
        current = next++;
        worker.postMessage({ id: current, file: files[current] } satisfies WorkerRequest);
      };
      worker.on('message', (reply: WorkerReply) => {
        const file = files[reply.id];
        current = -1;
        settle(
          reply.ok
            ? { index: reply.id, file, ok: true, result: reply.result }
            : { index: reply.id, file, ok: false, error: reply.error },
        );
        feed();
      });
      // A crash (out of memory, a failed import) fails the file in flight; a new worker goes on.
      const failCurrent = (e: unknown) => {
        if (current < 0) return;
        const index = current;
        current = -1;
        settle({ index, file: files[index], ok: false, error: toErrorReport(e) });
        if (next < files.length) start();
      };
      worker.on('error', failCurrent);
      worker.on('exit', (code) =>
        failCurrent(new Error(`analysis worker exited with code ${code}`)),
      );
      feed();
    };

    for (let i = 0; i < Math.min(jobs, files.length); i++) start();
  });
}

/**
 * Built code runs dist/cli/worker.js directly. Under tsx (this file is .ts) Node 20 workers do
 * not inherit tsx's loader hooks, and `execArgv: ['--import', 'tsx']` does not register them
 * either, so a tiny bootstrap registers tsx in the worker before importing worker.ts.
 */
function spawnWorker(options: JobOptions): Worker {
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./worker.js', import.meta.url), { workerData: options });
  }
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL('./worker.ts', import.meta.url).href);
  const boot = `import(${tsx}).then((t) => t.register()).then(() => import(${entry}))`;
  return new Worker(boot, { eval: true, workerData: options, execArgv: [] });
}
