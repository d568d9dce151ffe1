/** A CLI pool worker: reads, analyses and renders every file the pool sends it. */
import { workerData } from 'node:worker_threads';
import { serveTasks } from '../pool/worker.js';
import { type JobOptions, runJob } from './job.js';

const options = workerData as JobOptions;

serveTasks((file: string) => runJob(file, options));
