/**
 * The fuzz run's worker thread: checks one input per message. It runs apart from the main
 * thread so that an input that hangs the engine can be stopped and reported.
 */
import { parentPort } from 'node:worker_threads';
import { check } from './check.js';

// Load the language model and compile the patterns before the first timed input.
check('Dana: What do you use today?\nSam: Spreadsheets. Send me something.\n');

/** `gc` when node runs with --expose-gc (npm run fuzz does): memory is then measured cleanly. */
const gc = (globalThis as { gc?: () => void }).gc;

/** Inputs from this size on start from a collected heap, so their memory is their own. */
const CLEAN_HEAP_BYTES = 64 * 1024;

parentPort?.on('message', (input: string | Uint8Array) => {
  const bytes = typeof input === 'string' ? input.length : input.byteLength;
  if (bytes >= CLEAN_HEAP_BYTES) gc?.();
  const outcome = check(input);
  const { rss, heapUsed } = process.memoryUsage();
  parentPort?.postMessage({ outcome, rss, heapUsed: outcome.heapUsed ?? heapUsed });
});
