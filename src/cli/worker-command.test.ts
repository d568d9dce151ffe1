import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { contentHash } from '../server/db/calls.js';
import { type Db, type DbKind, openDb } from '../server/db/connect.js';
import { openQueue } from '../server/jobs/runtime.js';
import {
  createCast,
  freshPostgresDatabase,
  PG_SKIP_MESSAGE,
  sampleCall,
} from '../server/testing.js';

const root = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'walkpoint-worker-'));
const children = new Set<ChildProcess>();
after(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Short leases, so a killed worker's job comes back within a second or two. */
const TIMING = { WALKPOINT_JOB_LEASE_MS: '1500', WALKPOINT_JOB_POLL_MS: '50' };

/** `walkpoint ...` as a real child process (the CLI run through tsx). */
function walkpoint(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, ...TIMING, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  return { child, exited, output: () => out };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > end) assert.fail(`still waiting after ${ms} ms: ${JSON.stringify(v)}`);
    await sleep(100);
  }
}

/** A database of `kind` the child processes can open too: its --db target, and the handle. */
async function database(kind: DbKind, name: string): Promise<{ target: string; db: Db }> {
  if (kind === 'sqlite') {
    const target = join(dir, `${name}.db`);
    return { target, db: await openDb(target) };
  }
  const { url, drop } = await freshPostgresDatabase();
  const db = await openDb(url);
  return {
    target: url,
    db: {
      ...db,
      async close() {
        await db.close();
        await drop();
      },
    },
  };
}

function suite(kind: DbKind) {
  test('a worker killed with SIGKILL mid-job: the job is retried by another, and stored exactly once', async () => {
    const { target: path, db } = await database(kind, 'kill');
    const cast = await createCast(db);
    const content = sampleCall('Dana Reyes', 'Jordan Blake', ' killed');
    try {
      const queue = openQueue(db.db, { leaseMs: Number(TIMING.WALKPOINT_JOB_LEASE_MS) });
      const [id] = await queue.enqueue([
        {
          kind: 'analyze',
          payload: { filename: 'killed.txt', content, encoding: 'text' },
          ownerId: cast.repA.id,
          file: 'killed.txt',
        },
      ]);
      await queue.close();
      const job = () =>
        db.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      // The first worker analyses, then (test hook) waits before storing: killed right there.
      const first = walkpoint(['worker', '--db', path, '--concurrency', '1'], {
        WALKPOINT_TEST_JOB_PAUSE_MS: '600000',
      });
      await until(job, (j) => j.stage === 'analysed');
      first.child.kill('SIGKILL');
      await first.exited;
      assert.equal((await job()).status, 'running', 'the dead worker still holds the lease');

      const second = walkpoint(['worker', '--db', path, '--concurrency', '1']);
      const done = await until(job, (j) => j.status === 'done' || j.status === 'failed');
      assert.equal(done.status, 'done', done.error ?? '');
      assert.equal(done.attempts, 2);
      const calls = await db.db
        .selectFrom('calls')
        .select('id')
        .where('content_hash', '=', contentHash(content))
        .execute();
      assert.deepEqual(
        calls.map((c) => c.id),
        [done.call_id],
        'exactly one call',
      );
      // SIGTERM: a clean stop
      second.child.kill('SIGTERM');
      assert.equal(await second.exited, 0);
      assert.match(second.output(), /Stopped after 1 job/);
    } finally {
      await db.close();
    }
  });

  test('an import killed mid-way and run again ends with every file stored exactly once', async () => {
    const folder = join(dir, `backlog-${kind}`);
    mkdirSync(join(folder, 'week-2'), { recursive: true });
    const contents: string[] = [];
    for (let i = 0; i < 6; i++) {
      const text = sampleCall(i % 2 ? 'Dana Reyes' : 'Sam Patel', 'Jordan Blake', ` file ${i}`);
      contents.push(text);
      writeFileSync(join(folder, i < 3 ? '' : 'week-2', `call-${i}.txt`), text);
    }
    const { target: path, db } = await database(kind, 'import');
    await createCast(db);
    const args = ['import', folder, '--db', path, '--concurrency', '1'];
    try {
      const stored = async () =>
        Number(
          (
            await db.db
              .selectFrom('calls')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const first = walkpoint(args, { WALKPOINT_TEST_JOB_PAUSE_MS: '300' });
      await until(stored, (n) => n >= 2);
      first.child.kill('SIGKILL');
      await first.exited;
      assert.ok((await stored()) < 6, 'killed before the end');

      const again = walkpoint(args);
      assert.equal(await again.exited, 0, again.output());
      assert.match(again.output(), /Resuming the import of .* \(6 files; 0 queued now\)/);
      assert.match(again.output(), /6 files, 6 stored, 0 already stored, 0 failed/);
      for (const text of contents) {
        const rows = await db.db
          .selectFrom('calls')
          .select('id')
          .where('content_hash', '=', contentHash(text))
          .execute();
        assert.equal(rows.length, 1, 'every file exactly once');
      }
      const jobs = await db.db.selectFrom('jobs').select(['file', 'status']).execute();
      assert.equal(jobs.length, 6);
      assert.ok(jobs.every((j) => j.status === 'done'));
    } finally {
      await db.close();
    }
  });
}

describe('SQLite', () => suite('sqlite'));
if (process.env.WALKPOINT_TEST_PG) describe('PostgreSQL', () => suite('postgres'));
else describe('PostgreSQL', { skip: PG_SKIP_MESSAGE }, () => {});
