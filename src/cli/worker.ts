/**
 * A pool worker: imports the analyzer once, then analyses every file the pool sends it.
 * Messages in: `{ id, file }`; out: `{ id, ok: true, result }` or `{ id, ok: false, error }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toErrorReport } from './errors.js';
import { type JobOptions, runJob } from './job.js';
import type { WorkerReply, WorkerRequest } from './pool.js';

const options = workerData as JobOptions;
const port = parentPort!;

port.on('message', async ({ id, file }: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = { id, ok: true, result: await runJob(file, options) };
  } catch (e) {
    reply = { id, ok: false, error: toErrorReport(e) };
  }
  port.postMessage(reply);
});
