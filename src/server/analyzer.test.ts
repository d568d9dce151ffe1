/**
 * Analysis runs on worker threads within a budget: the server keeps answering while a costly
 * upload is analysed, and an upload over its budget gets a clear error and leaves nothing behind.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  analyzerOptionsFromEnv,
  DEFAULT_BUDGET,
  timeBudgetMs,
  workerAnalyzer,
} from './services/analyzer.js';
import { sampleCall, type TestServer, testServer } from './testing.js';

/** Markers the test worker (testing-analysis-worker.ts) reacts to. */
const SPIN = 'wp-test-spin';
const HOG = 'wp-test-hog';

test('the time budget grows with the input, from a floor', () => {
  assert.equal(timeBudgetMs(0), DEFAULT_BUDGET.floorMs);
  assert.equal(timeBudgetMs(200 * 1024), 300 + 5 * 200);
  assert.equal(timeBudgetMs(2.9 * 1024 * 1024), Math.round(300 + 5 * 2.9 * 1024));
  assert.equal(timeBudgetMs(10 * 1024, { ...DEFAULT_BUDGET, floorMs: 50, perKbMs: 1 }), 310);
});

test('budgets, workers and queue come from WALKPOINT_ANALYSIS_* variables, checked', () => {
  assert.deepEqual(
    analyzerOptionsFromEnv({
      WALKPOINT_ANALYSIS_BASE_MS: '500',
      WALKPOINT_ANALYSIS_MS_PER_KB: '2.5',
      WALKPOINT_ANALYSIS_MEMORY_MB: '256',
      WALKPOINT_ANALYSIS_WORKERS: '2',
    }),
    {
      budget: { baseMs: 500, perKbMs: 2.5, memoryMb: 256 },
      workers: 2,
      maxQueue: undefined,
      perUser: undefined,
    },
  );
  assert.throws(
    () => analyzerOptionsFromEnv({ WALKPOINT_ANALYSIS_FLOOR_MS: 'soon' }),
    /WALKPOINT_ANALYSIS_FLOOR_MS=soon: use a number of at least 100/,
  );
});

describe('a costly upload does not hold up the server', () => {
  const web = mkdtempSync(join(tmpdir(), 'walkpoint-web-'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>Walkpoint</title>');
  let s: TestServer;
  let url: string;
  before(async () => {
    s = await testServer({
      webRoot: web,
      analyzer: workerAnalyzer({
        entry: new URL('./testing-analysis-worker.js', import.meta.url),
        workers: 1,
        // Long enough to sample the server many times while the worker spins.
        budget: { floorMs: 2500, memoryMb: 160 },
      }),
    });
    url = await s.app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await s.close();
    rmSync(web, { recursive: true, force: true });
  });

  const callCount = async () =>
    Number(
      (
        await s.db.db
          .selectFrom('calls')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  test('health and a page answer in under 200 ms while an upload spins; the upload gets 422', async () => {
    const manager = await s.login('manager@test.io');
    // A first upload starts the worker, so the spin below is the analysis, not the start-up.
    const warm = await manager.request('POST', '/api/v1/calls', {
      filename: 'warm.txt',
      content: sampleCall('Dana Reyes', 'Jordan Blake', ' warm'),
    });
    assert.equal(warm.statusCode, 201, warm.body);
    // The test's own first fetch loads the HTTP client (about 100 ms): not the server's time.
    await (await fetch(`${url}/api/v1/health`)).text();
    const stored = await callCount();

    const started = Date.now();
    const costly = manager.request('POST', '/api/v1/calls', {
      filename: 'pathological.txt',
      content: sampleCall('Dana Reyes', 'Jordan Blake', ` ${SPIN}`),
    });
    const timings: number[] = [];
    await new Promise((r) => setTimeout(r, 300));
    while (Date.now() - started < 2000) {
      for (const path of ['/api/v1/health', '/']) {
        const t = performance.now();
        const res = await fetch(url + path);
        await res.text();
        timings.push(performance.now() - t);
        assert.equal(res.status, 200, path);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const res = await costly;
    const elapsed = Date.now() - started;
    const slowest = Math.max(...timings);
    const median = [...timings].sort((a, b) => a - b)[Math.floor(timings.length / 2)];
    console.log(
      `# ${timings.length} requests during a ${elapsed} ms analysis: slowest ${slowest.toFixed(1)} ms, median ${median.toFixed(1)} ms`,
    );
    assert.ok(slowest < 200, `slowest answer ${slowest.toFixed(1)} ms`);
    assert.equal(res.statusCode, 422, res.body);
    const error = res.json().error;
    assert.equal(error.code, 'analysis-too-costly');
    assert.match(error.message, /^pathological\.txt: analysing it took longer than the 2\.5 s/);
    assert.match(error.message, /nothing was stored/);
    assert.match(error.message, /split a very long call/);
    assert.ok(elapsed >= 2500 && elapsed < 10_000, `stopped after ${elapsed} ms`);
    assert.equal(await callCount(), stored, 'nothing half-stored');

    // The worker was replaced: the next upload, and POST /analyze, work.
    const next = await manager.request('POST', '/api/v1/calls', {
      filename: 'next.txt',
      content: sampleCall('Dana Reyes', 'Jordan Blake', ' next'),
    });
    assert.equal(next.statusCode, 201, next.body);
    assert.equal(await callCount(), stored + 1);
    const analysed = await manager.request('POST', '/api/v1/analyze', {
      content: sampleCall('Dana Reyes', 'Jordan Blake', ' analyse'),
    });
    assert.equal(analysed.statusCode, 200);
    assert.ok(analysed.json().moments.length > 0);
  });

  test('POST /analyze over its memory budget gets the same clear error', async () => {
    const rep = await s.login('dana@test.io');
    const res = await rep.request('POST', '/api/v1/analyze', {
      filename: 'huge.txt',
      content: sampleCall('Dana Reyes', 'Jordan Blake', ` ${HOG}`),
    });
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().error.code, 'analysis-too-costly');
    assert.match(res.json().error.message, /more than the 160 MB of memory/);
    const again = await rep.request('POST', '/api/v1/analyze', { content: sampleCall() });
    assert.equal(again.statusCode, 200);
  });

  test('a practice reply is graded on a worker too: over budget, a 422 and the session as it was', async () => {
    const rep = await s.login('dana@test.io');
    const start = await rep.request('POST', '/api/v1/practice/sessions', {
      scenario: 'send-me-information',
      seed: 7,
    });
    assert.equal(start.statusCode, 201, start.body);
    const id = start.json().id;
    const reply = (text: string) =>
      rep.request('POST', `/api/v1/practice/sessions/${id}/replies`, { text });
    const costly = await reply(`What would you do with the information? ${SPIN}`);
    assert.equal(costly.statusCode, 422, costly.body);
    assert.equal(costly.json().error.code, 'analysis-too-costly');
    assert.match(costly.json().error.message, /^Your reply: grading it .* start a new session\.$/);
    const unchanged = await rep.request('GET', `/api/v1/practice/sessions/${id}`);
    assert.equal(unchanged.json().turns.length, 1, 'the reply was not saved');
    const fine = await reply('What would you do with the information once you have it?');
    assert.equal(fine.statusCode, 200, fine.body);
    assert.equal(fine.json().session.turns.length, 3);
  });

  test('the API document names the budget errors', async () => {
    const doc = (await s.anonymous.request('GET', '/api/v1/openapi.json')).json();
    for (const path of ['/api/v1/calls', '/api/v1/analyze']) {
      const responses = doc.paths[path].post.responses;
      assert.match(responses['422'].description, /analysis-too-costly/, path);
      assert.match(responses['503'].description, /analysis-busy/, path);
    }
    assert.match(
      doc.paths['/api/v1/auth/login'].post.responses['503'].description,
      /disk-full/,
      'signing in saves a session, so it can meet a full disk',
    );
  });

  test("the engine's own errors keep their code and words across the worker boundary", async () => {
    const rep = await s.login('dana@test.io');
    const res = await rep.request('POST', '/api/v1/calls', {
      filename: 'shopping.txt',
      content: 'eggs\nmilk\nbread\n',
    });
    assert.equal(res.statusCode, 422);
    assert.equal(res.json().error.code, 'unrecognised');
    assert.match(res.json().error.message, /^shopping\.txt: not a transcript/);
  });
});

test('one user may have two analyses in flight; a third is a 429, others still get through', async () => {
  const s = await testServer({
    analyzer: workerAnalyzer({
      entry: new URL('./testing-analysis-worker.js', import.meta.url),
      workers: 1,
      budget: { floorMs: 600 },
    }),
  });
  try {
    const rep = await s.login('dana@test.io');
    const manager = await s.login('manager@test.io');
    const spin = (salt: string) =>
      rep.request('POST', '/api/v1/analyze', {
        content: sampleCall(undefined, undefined, ` ${SPIN} ${salt}`),
      });
    const first = spin('1');
    const second = spin('2');
    await new Promise((r) => setTimeout(r, 50));
    const third = await spin('3');
    assert.equal(third.statusCode, 429, third.body);
    assert.equal(third.json().error.code, 'too-many-analyses');
    assert.equal(third.headers['retry-after'], '5');
    // Another user is not refused: they wait their turn behind the two.
    const other = await manager.request('POST', '/api/v1/analyze', { content: sampleCall() });
    assert.equal(other.statusCode, 200, other.body);
    assert.equal((await first).statusCode, 422);
    assert.equal((await second).statusCode, 422);
    // Slots are given back: the rep may analyse again.
    assert.equal(
      (await rep.request('POST', '/api/v1/analyze', { content: sampleCall() })).statusCode,
      200,
    );
  } finally {
    await s.close();
  }
});
