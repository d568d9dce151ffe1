/**
 * The analysis worker for tests: the real engine, except that a transcript containing
 * `wp-test-spin` spins until its time budget stops it, and one containing `wp-test-hog` eats
 * memory, so tests of the budgets are deterministic whatever the engine's speed. (Not exported:
 * importing this module outside a worker would start serving.)
 */
import { analyze } from '../analyze.js';
import { serveTasks } from '../pool/worker.js';
import type { AnalysisRequest } from './analyzer.js';

const SPIN_MARKER = 'wp-test-spin';
const HOG_MARKER = 'wp-test-hog';

const hoard: unknown[] = [];

serveTasks(
  ({ text, file, rep }: AnalysisRequest) => {
    if (text.includes(SPIN_MARKER)) {
      for (;;) {
        // a stand-in for a quadratic corner of the engine: only the time budget ends it
      }
    }
    if (text.includes(HOG_MARKER)) {
      for (;;) hoard.push(new Array(1_000_000).fill(hoard.length));
    }
    return analyze(text, { file, rep });
  },
  () => analyze('Dana: What made you take this call?\nJordan: The price is too high.\n'),
);
