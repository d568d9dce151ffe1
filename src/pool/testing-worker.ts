/** A pool worker for the pool's own tests: tasks that answer, fail, spin or eat memory. */
import { WalkpointError } from '../core/errors.js';
import { serveTasks } from './worker.js';

export type TestTask =
  | { op: 'echo'; value: string }
  | { op: 'user-error' }
  | { op: 'spin' }
  | { op: 'hog' }
  | { op: 'exit' };

const hoard: unknown[] = [];

serveTasks((t: TestTask) => {
  switch (t.op) {
    case 'echo':
      return `echo ${t.value}`;
    case 'user-error':
      throw new WalkpointError('empty', 'the file is empty', { file: 'x.txt' });
    case 'spin':
      for (;;) {
        // never answers: only the time budget ends it
      }
    case 'hog':
      for (;;) hoard.push(new Array(1_000_000).fill(hoard.length));
    case 'exit':
      process.exit(3);
  }
});
