/**
 * The analysis worker for tests: the real tasks, except that one whose text contains
 * `wp-test-spin` spins until its time budget stops it, and one containing `wp-test-hog` eats
 * memory, so tests of the budgets are deterministic whatever the engine's speed. (Nothing is
 * exported: importing this module outside a worker would start serving.)
 */
import { serveTasks } from '../pool/worker.js';
import {
  type AnalysisTask,
  analyzeTranscript,
  runAnalysisTask,
} from './services/analysis-tasks.js';

const SPIN_MARKER = 'wp-test-spin';
const HOG_MARKER = 'wp-test-hog';

const hoard: unknown[] = [];

serveTasks(
  (task: AnalysisTask) => {
    const text =
      task.kind === 'transcript' ? Buffer.from(task.request.content).toString() : task.request.text;
    if (text.includes(SPIN_MARKER)) {
      for (;;) {
        // a stand-in for a quadratic corner of the engine: only the time budget ends it
      }
    }
    if (text.includes(HOG_MARKER)) {
      // 32 MB a step: over the memory budget in a few steps, well before the time budget even
      // on a busy machine (8 MB steps took over 2.5 s there, and the time budget fired first)
      for (;;) hoard.push(new Array(4_000_000).fill(hoard.length));
    }
    return runAnalysisTask(task);
  },
  () =>
    analyzeTranscript({
      content: 'Dana: What made you take this call?\nJordan: Too pricey.\n',
      file: 'w',
    }),
);
