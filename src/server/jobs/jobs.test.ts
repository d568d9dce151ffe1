import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { zipSync } from 'fflate';
import type { DbKind } from '../db/connect.js';
import { inlineAnalyzer } from '../services/analyzer.js';
import { forEachDb, sampleCall, testServer } from '../testing.js';
import type { JobQueue } from './queue.js';
import { openQueue, startAnalysisWorkers } from './runtime.js';
import { claimJob, finishJob, getJob, insertJobs, LeaseLostError } from './store.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `done` says yes (or fails the test after `ms`). */
async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > end) assert.fail(`still waiting after ${ms} ms: ${JSON.stringify(v)}`);
    await sleep(25);
  }
}

/** A test server whose jobs run on one in-process worker (inline analysis), as `npm start`. */
async function serverWithWorker(kind: DbKind) {
  let queue: JobQueue | undefined;
  const app = await testServer({
    kind,
    analyzer: inlineAnalyzer(),
    queue: (db) => {
      queue = openQueue(db.db, { pollMs: 20, leaseMs: 2000 });
      return queue;
    },
  });
  const workers = startAnalysisWorkers(app.db.db, queue as JobQueue, {
    concurrency: 1,
    analyzer: inlineAnalyzer(),
  });
  return {
    ...app,
    async close() {
      await workers.stop();
      await queue?.close();
      await app.close();
    },
  };
}

forEachDb((kind) =>
  describe(kind === 'sqlite' ? 'SQLite' : 'PostgreSQL', () => {
    test('upload -> job -> progress -> done: the API answers 202 at once, the job stores the call', async () => {
      const app = await serverWithWorker(kind);
      try {
        const dana = await app.login('dana@test.io');
        const res = await dana.request('POST', '/api/v1/uploads', {
          filename: 'pricing.txt',
          content: sampleCall(),
        });
        assert.equal(res.statusCode, 202, res.body);
        const job = res.json();
        assert.equal(job.file, 'pricing.txt');
        assert.ok(['queued', 'running', 'done'].includes(job.status));
        const done = await until(
          async () => (await dana.request('GET', `/api/v1/jobs/${job.id}`)).json(),
          (j) => j.status === 'done' || j.status === 'failed',
        );
        assert.equal(done.status, 'done', JSON.stringify(done));
        assert.equal(done.progress, 1);
        assert.equal(done.outcome, 'stored');
        const call = await dana.request('GET', `/api/v1/calls/${done.callId}`);
        assert.equal(call.statusCode, 200);
        assert.equal(call.json().repUserId, app.cast.repA.id);
        // another rep's job is not theirs to see
        const chris = await app.login('chris@test.io');
        assert.equal((await chris.request('GET', `/api/v1/jobs/${job.id}`)).statusCode, 404);
        const list = (await dana.request('GET', '/api/v1/jobs')).json();
        assert.deepEqual(
          list.items.map((j: { id: number }) => j.id),
          [job.id],
        );
      } finally {
        await app.close();
      }
    });

    test('a bad file becomes a failed job naming the file and the reason, tried once', async () => {
      const app = await serverWithWorker(kind);
      try {
        const dana = await app.login('dana@test.io');
        const res = await dana.request('POST', '/api/v1/uploads', {
          filename: 'notes.txt',
          content: 'just some words, no speakers at all',
        });
        assert.equal(res.statusCode, 202, res.body);
        const job = await until(
          async () => (await dana.request('GET', `/api/v1/jobs/${res.json().id}`)).json(),
          (j) => j.status === 'done' || j.status === 'failed',
        );
        assert.equal(job.status, 'failed');
        assert.equal(job.file, 'notes.txt');
        assert.equal(job.attempts, 1, 'a file the engine cannot read is not retried');
        assert.match(job.error.message, /^notes\.txt: /);
        assert.equal(job.callId, null);
        // the same call twice for the same rep: the second job fails as a duplicate, naming the first
        const first = await dana.request('POST', '/api/v1/uploads', {
          filename: 'a.txt',
          content: sampleCall(),
        });
        const again = await dana.request('POST', '/api/v1/uploads', {
          filename: 'b.txt',
          content: sampleCall(),
        });
        const [a, b] = await Promise.all(
          [first, again].map((r) =>
            until(
              async () => (await dana.request('GET', `/api/v1/jobs/${r.json().id}`)).json(),
              (j) => j.status === 'done' || j.status === 'failed',
            ),
          ),
        );
        assert.equal(a.status, 'done');
        assert.equal(b.status, 'failed');
        assert.equal(b.error.code, 'duplicate');
        assert.match(
          b.error.message,
          new RegExp(`b\\.txt was already uploaded as "a\\.txt" \\(call ${a.callId}\\)`),
        );
      } finally {
        await app.close();
      }
    });

    test('a job whose lease lapsed is claimed again, and the first holder can no longer finish it', async () => {
      const app = await testServer({ kind });
      try {
        const db = app.db.db;
        const [id] = await insertJobs(db, [
          { kind: 'analyze', payload: {}, ownerId: app.cast.repA.id, file: 'x.txt' },
        ]);
        const first = await claimJob(db, 'worker-1', 50);
        assert.equal(first?.row.id, id);
        assert.equal(await claimJob(db, 'worker-2', 50), undefined, 'held under a live lease');
        await sleep(80);
        const second = await claimJob(db, 'worker-2', 5000);
        assert.equal(second?.row.id, id);
        assert.equal(second?.row.attempts, 2);
        await assert.rejects(
          finishJob(db, first!, async () => ({ outcome: 'stored' })),
          LeaseLostError,
        );
        await finishJob(db, second!, async () => ({ outcome: 'stored' }));
        const row = await getJob(db, id);
        assert.equal(row?.status, 'done');
        assert.equal(row?.payload_json, '{}', 'the transcript is dropped once done');
      } finally {
        await app.close();
      }
    });

    test('a job whose worker keeps dying fails after its tries, with the reason', async () => {
      const app = await testServer({ kind });
      try {
        const db = app.db.db;
        const [id] = await insertJobs(db, [
          {
            kind: 'analyze',
            payload: {},
            ownerId: app.cast.repA.id,
            file: 'x.txt',
            maxAttempts: 2,
          },
        ]);
        for (let i = 0; i < 2; i++) {
          assert.ok(await claimJob(db, `worker-${i}`, 10));
          await sleep(30);
        }
        assert.equal(await claimJob(db, 'worker-9', 10), undefined);
        const row = await getJob(db, id);
        assert.equal(row?.status, 'failed');
        assert.equal(row?.error_code, 'worker-lost');
        assert.match(row?.error ?? '', /stopped 2 times/);
      } finally {
        await app.close();
      }
    });

    test('a zip uploaded in the app is imported: one job per transcript, the same file twice is one call', async () => {
      const app = await serverWithWorker(kind);
      try {
        const manager = await app.login('manager@test.io');
        const zip = zipSync({
          'calls/one.txt': Buffer.from(sampleCall('Dana Reyes', 'Jordan Blake', ' one')),
          'calls/one-copy.txt': Buffer.from(sampleCall('Dana Reyes', 'Jordan Blake', ' one')),
          'calls/two.txt': Buffer.from(sampleCall('Sam Patel', 'Jordan Blake', ' two')),
          'calls/broken.txt': Buffer.from('no speakers here'),
          'calls/readme.md': Buffer.from('not a transcript'),
        });
        const body = {
          filename: 'backlog.zip',
          content: Buffer.from(zip).toString('base64'),
        };
        const res = await manager.request('POST', '/api/v1/imports', body);
        assert.equal(res.statusCode, 202, res.body);
        assert.equal(res.json().total, 4);
        const done = await until(
          async () => (await manager.request('GET', `/api/v1/imports/${res.json().id}`)).json(),
          (i) => i.finished,
        );
        assert.equal(done.stored, 2, JSON.stringify(done));
        assert.equal(done.existing, 1);
        assert.equal(done.failed, 1);
        assert.equal(done.failures[0].file, 'calls/broken.txt');
        assert.match(done.failures[0].reason, /broken\.txt: /);
        // sent again: the same import, nothing stored twice
        const again = await manager.request('POST', '/api/v1/imports', body);
        assert.equal(again.json().id, res.json().id);
        await until(
          async () => (await manager.request('GET', `/api/v1/imports/${res.json().id}`)).json(),
          (i) => i.finished,
        );
        const calls = (await manager.request('GET', '/api/v1/calls')).json();
        assert.equal(calls.total, 2);
        const bad = await manager.request('POST', '/api/v1/imports', {
          filename: 'x.zip',
          content: Buffer.from('not a zip').toString('base64'),
        });
        assert.equal(bad.statusCode, 400);
        assert.match(bad.json().error.message, /x\.zip: not a readable \.zip/);
      } finally {
        await app.close();
      }
    });
  }),
);
