/**
 * The fuzz run's worker thread: checks one input per message. It runs apart from the main
 * thread so that an input that hangs the engine can be stopped and reported.
 */
import { parentPort } from 'node:worker_threads';
import { check } from './check.js';

// Load the language model and compile the patterns before the first timed input.
check('Dana: What do you use today?\nSam: Spreadsheets. Send me something.\n');

parentPort?.on('message', (input: string | Uint8Array) => {
  const outcome = check(input);
  const { rss, heapUsed } = process.memoryUsage();
  parentPort?.postMessage({ outcome, rss, heapUsed });
});
