import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { isWalkpointError } from '../core/errors.js';
import { BudgetExceededError, PoolBusyError, WorkerPool } from './pool.js';
import type { TestTask } from './testing-worker.js';

const entry = new URL('./testing-worker.js', import.meta.url);

describe('WorkerPool', () => {
  const pool = new WorkerPool<TestTask, string>({
    entry,
    size: 2,
    resourceLimits: { maxOldGenerationSizeMb: 96 },
  });
  after(() => pool.close());

  test('runs tasks on workers; a WalkpointError comes back as one, with its code', async () => {
    const out = await Promise.all(['a', 'b', 'c'].map((v) => pool.run({ op: 'echo', value: v })));
    assert.deepEqual(out, ['echo a', 'echo b', 'echo c']);
    const e = await pool.run({ op: 'user-error' }).catch((x) => x);
    assert.ok(isWalkpointError(e));
    assert.equal(e.code, 'empty');
    assert.equal(e.message, 'x.txt: the file is empty');
  });

  test('a task over its time budget is stopped; its worker is replaced', async () => {
    const started = Date.now();
    const e = await pool.run({ op: 'spin' }, { timeoutMs: 300 }).catch((x) => x);
    assert.ok(e instanceof BudgetExceededError, String(e));
    assert.equal(e.kind, 'time');
    assert.ok(Date.now() - started < 5000);
    assert.equal(await pool.run({ op: 'echo', value: 'after' }), 'echo after');
  });

  test('a worker over its memory budget fails only its task', async () => {
    const [hog, fine] = await Promise.allSettled([
      pool.run({ op: 'hog' }),
      pool.run({ op: 'echo', value: 'beside' }),
    ]);
    assert.equal(hog.status, 'rejected');
    const e = (hog as PromiseRejectedResult).reason;
    assert.ok(e instanceof BudgetExceededError, String(e));
    assert.equal(e.kind, 'memory');
    assert.deepEqual(fine, { status: 'fulfilled', value: 'echo beside' });
    assert.equal(await pool.run({ op: 'echo', value: 'after' }), 'echo after');
  });

  test('a worker that exits fails its task with a plain error', async () => {
    const e = await pool.run({ op: 'exit' }).catch((x) => x);
    assert.match(String(e), /exited with code 3/);
    assert.equal(await pool.run({ op: 'echo', value: 'after' }), 'echo after');
  });
});

test('a full queue refuses more work; closing fails what waits', async () => {
  const pool = new WorkerPool<TestTask, string>({ entry, size: 1, maxQueue: 1 });
  const settled = (p: Promise<string>) => p.then(String, (e: Error) => e.message);
  const spinning = settled(pool.run({ op: 'spin' }, { timeoutMs: 5000 }));
  const waiting = settled(pool.run({ op: 'echo', value: 'x' }));
  const refused = await pool.run({ op: 'echo', value: 'y' }).catch((x) => x);
  assert.ok(refused instanceof PoolBusyError, String(refused));
  await pool.close();
  assert.match(await spinning, /closed/);
  assert.match(await waiting, /closed/);
});
