/**
 * A small pool of worker threads, shared by the CLI (a folder of files) and the server (every
 * analysis, so its event loop keeps answering while a costly upload is read). A task may carry
 * a time budget and the workers a memory budget (`resourceLimits`): a task over its time has its
 * worker terminated and replaced; a worker that runs out of memory or crashes fails only the
 * task it was on and is replaced. Workers start when work arrives and are `unref`ed while idle,
 * so an idle pool never keeps a process alive.
 */
import { existsSync } from 'node:fs';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import { type FromWorker, fromWire, type ToWorker } from './wire.js';

export interface PoolOptions {
  /** The worker module, `new URL('./worker.js', import.meta.url)`: its .ts twin under tsx. */
  entry: URL;
  /** At most this many workers. */
  size: number;
  workerData?: unknown;
  /** Each worker's memory budget; a worker over it dies and its task fails with `memory`. */
  resourceLimits?: ResourceLimits;
  /** How many tasks may wait while every worker is busy; more are refused with PoolBusyError. */
  maxQueue?: number;
}

/** A task ran over its time or memory budget and was stopped. */
export class BudgetExceededError extends Error {
  constructor(
    readonly kind: 'time' | 'memory',
    /** Milliseconds for `time`, megabytes for `memory`. */
    readonly limit: number,
  ) {
    super(
      kind === 'time'
        ? `the task ran over its ${limit} ms time budget`
        : `the task ran over its ${limit} MB memory budget`,
    );
    this.name = 'BudgetExceededError';
  }
}

/** Every worker is busy and the queue is full. */
export class PoolBusyError extends Error {
  constructor(readonly waiting: number) {
    super(`all workers are busy and ${waiting} tasks are waiting`);
    this.name = 'PoolBusyError';
  }
}

interface Job<T, R> {
  id: number;
  task: T;
  timeoutMs?: number;
  resolve(result: R): void;
  reject(e: unknown): void;
}

interface Slot<T, R> {
  worker: Worker;
  ready: boolean;
  job?: Job<T, R>;
  timer?: NodeJS.Timeout;
  gone: boolean;
}

export class WorkerPool<T, R> {
  private readonly slots = new Set<Slot<T, R>>();
  private readonly queue: Job<T, R>[] = [];
  private nextId = 0;
  private closed = false;

  constructor(private readonly opts: PoolOptions) {}

  /**
   * Runs `task` on the next free worker. `timeoutMs` counts from when a ready worker takes it
   * (start-up and waiting in the queue are not charged to the task).
   */
  run(task: T, opts: { timeoutMs?: number } = {}): Promise<R> {
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    // Room: a worker for each task not yet running, plus `maxQueue` waiting behind them.
    const busy = [...this.slots].filter((s) => s.job).length;
    const room = this.opts.size - busy + (this.opts.maxQueue ?? Number.POSITIVE_INFINITY);
    if (this.queue.length >= room) {
      return Promise.reject(new PoolBusyError(this.queue.length));
    }
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, timeoutMs: opts.timeoutMs, resolve, reject });
      this.pump();
    });
  }

  /** Starts the workers now, so the first tasks do not wait for start-up. */
  warm(): void {
    while (!this.closed && this.slots.size < this.opts.size) this.spawn();
    this.refs();
  }

  /** Terminates every worker; tasks still waiting or running fail. */
  async close(): Promise<void> {
    this.closed = true;
    const closed = new Error('the worker pool is closed');
    for (const job of this.queue.splice(0)) job.reject(closed);
    await Promise.all(
      [...this.slots].map((slot) => {
        slot.job?.reject(closed);
        return this.drop(slot);
      }),
    );
  }

  /** Hands waiting tasks to ready workers, and starts workers for the rest (up to `size`). */
  private pump(): void {
    if (this.closed) return;
    for (const slot of this.slots) {
      if (this.queue.length === 0) break;
      if (slot.ready && !slot.job) this.dispatch(slot, this.queue.shift()!);
    }
    const starting = [...this.slots].filter((s) => !s.ready).length;
    let missing = Math.min(this.queue.length - starting, this.opts.size - this.slots.size);
    while (missing-- > 0) this.spawn();
    this.refs();
  }

  private dispatch(slot: Slot<T, R>, job: Job<T, R>): void {
    slot.job = job;
    if (job.timeoutMs !== undefined) {
      const limit = job.timeoutMs;
      slot.timer = setTimeout(() => this.lose(slot, new BudgetExceededError('time', limit)), limit);
    }
    slot.worker.postMessage({ id: job.id, task: job.task } satisfies ToWorker<T>);
  }

  private spawn(): void {
    const slot: Slot<T, R> = { worker: spawnWorker(this.opts), ready: false, gone: false };
    this.slots.add(slot);
    slot.worker.on('message', (m: FromWorker<R>) => {
      if (slot.gone) return;
      if (m.type === 'ready') {
        slot.ready = true;
      } else if (slot.job?.id === m.id) {
        const job = slot.job;
        clearTimeout(slot.timer);
        slot.job = undefined;
        if (m.ok) job.resolve(m.result);
        else job.reject(fromWire(m.error));
      }
      this.pump();
    });
    slot.worker.on('error', (e: Error & { code?: string }) => {
      const mb = this.opts.resourceLimits?.maxOldGenerationSizeMb ?? 0;
      this.lose(
        slot,
        e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new BudgetExceededError('memory', mb) : e,
      );
    });
    slot.worker.on('exit', (code) =>
      this.lose(slot, new Error(`an analysis worker exited with code ${code}`)),
    );
  }

  /**
   * A worker is gone (over time, out of memory, crashed): the task it was on fails with `e`.
   * One that dies while starting fails the oldest waiting task instead, so a worker that can
   * never start (a broken install) reports errors rather than being restarted for ever.
   */
  private lose(slot: Slot<T, R>, e: unknown): void {
    if (slot.gone) return;
    const job = slot.job ?? (slot.ready ? undefined : this.queue.shift());
    void this.drop(slot);
    job?.reject(e);
    this.pump();
  }

  private drop(slot: Slot<T, R>): Promise<number> {
    slot.gone = true;
    clearTimeout(slot.timer);
    this.slots.delete(slot);
    return slot.worker.terminate();
  }

  /** Busy workers (and those starting for waiting work) keep the process alive; idle ones not. */
  private refs(): void {
    for (const slot of this.slots) {
      if (slot.job || (!slot.ready && this.queue.length > 0)) slot.worker.ref();
      else slot.worker.unref();
    }
  }
}

/**
 * Built code runs the .js worker directly. Under tsx (running from source) Node 20 workers do
 * not inherit tsx's loader hooks, and `execArgv: ['--import', 'tsx']` does not register them
 * either, so a tiny bootstrap registers tsx in the worker before importing the .ts module.
 */
export function spawnWorker(
  opts: Pick<PoolOptions, 'entry' | 'workerData' | 'resourceLimits'>,
): Worker {
  let entry = opts.entry;
  if (entry.pathname.endsWith('.js') && !existsSync(entry)) {
    entry = new URL(entry.href.replace(/\.js$/, '.ts'));
  }
  const common = { workerData: opts.workerData, resourceLimits: opts.resourceLimits };
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, common);
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const boot = `import(${tsx}).then((t) => t.register()).then(() => import(${JSON.stringify(entry.href)}))`;
  return new Worker(boot, { ...common, eval: true, execArgv: [] });
}
