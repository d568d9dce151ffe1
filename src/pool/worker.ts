/**
 * The worker side of the pool: `serveTasks(handle)` answers every task the pool sends. The pool
 * hands a worker work only after it says it is ready, so `warmUp` (loading models, a first
 * analysis) never counts against a task's time budget.
 */
import { parentPort } from 'node:worker_threads';
import { type FromWorker, type ToWorker, toWire } from './wire.js';

export function serveTasks<T, R>(
  handle: (task: T) => R | Promise<R>,
  warmUp: () => unknown = () => {},
): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks runs inside a worker thread');
  const send = (m: FromWorker<R>) => port.postMessage(m);
  port.on('message', async ({ id, task }: ToWorker<T>) => {
    try {
      send({ type: 'done', id, ok: true, result: await handle(task) });
    } catch (e) {
      send({ type: 'done', id, ok: false, error: toWire(e) });
    }
  });
  Promise.resolve()
    .then(warmUp)
    .then(
      () => send({ type: 'ready' }),
      // A warm-up that fails is not fatal: the first task will meet the same error and report it.
      () => send({ type: 'ready' }),
    );
}
