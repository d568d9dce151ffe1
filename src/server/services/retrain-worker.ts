/**
 * The retraining worker: one thread per training, so the server's event loop keeps answering
 * (training reads the corpus and fits both models: tens of seconds). Sends progress, then the
 * result or the error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toWire } from '../../pool/wire.js';
import { type RetrainInput, runRetrain } from './retrain-task.js';

const port = parentPort;
if (!port) throw new Error('retrain-worker runs inside a worker thread');
try {
  const result = runRetrain(workerData as RetrainInput, (share) =>
    port.postMessage({ type: 'progress', share }),
  );
  port.postMessage({ type: 'done', result });
} catch (e) {
  port.postMessage({ type: 'failed', error: toWire(e) });
}
