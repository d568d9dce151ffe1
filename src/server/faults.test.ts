/**
 * What the server does when something outside the request goes wrong: a bug (500, logged with
 * its request id), a full disk (503), another process holding the database lock (reads go on,
 * writes are refused fast with Retry-After), a URL that cannot be decoded (400).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { sampleCall, testServer } from './testing.js';

/** Every error has exactly this shape; returns it. */
function errorOf(res: { statusCode: number; json(): unknown }, status: number, code: string) {
  assert.equal(res.statusCode, status, JSON.stringify(res.json()));
  const body = res.json() as { error: { code: string; message: string } };
  assert.deepEqual(Object.keys(body), ['error']);
  assert.equal(body.error.code, code);
  return body.error;
}

describe('server faults', () => {
  const dir = mkdtempSync(join(tmpdir(), 'walkpoint-faults-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a 500 is logged with its request id, and the message names that id', async () => {
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
        done();
      },
    });
    const s = await testServer({ logger: { level: 'warn', stream } });
    try {
      const manager = await s.login('manager@test.io');
      // A bug stand-in: the query meets a table that is not there.
      await sql`alter table calls rename to calls_away`.execute(s.db.db);
      const res = await manager.request('GET', '/api/v1/calls');
      const e = errorOf(res, 500, 'internal');
      const id = /request id (\S+)\.$/.exec(e.message)?.[1];
      assert.ok(id, e.message);
      assert.doesNotMatch(e.message, /calls_away|no such table|SQLITE/, 'no internals leak');
      const logged = lines.find((l) => l.reqId === id);
      assert.ok(logged, `no log line for ${id}: ${JSON.stringify(lines)}`);
      assert.equal(logged.level, 50);
      assert.equal(logged.url, '/api/v1/calls');
      assert.match(String((logged.err as { message?: string }).message), /no such table: calls/);
      await sql`alter table calls_away rename to calls`.execute(s.db.db);
      assert.equal((await manager.request('GET', '/api/v1/calls')).statusCode, 200);
    } finally {
      await s.close();
    }
  });

  test('a full disk: uploads and sign-in answer 503 disk-full; signed-in reading goes on', async () => {
    const s = await testServer({ dbPath: join(dir, 'full.db') });
    try {
      const manager = await s.login('manager@test.io');
      // SQLite reports a full disk as SQLITE_FULL; capping the file at its size and filling the
      // free pages makes every later write meet it, as on a full disk.
      const { page_count } = (await sql<{ page_count: number }>`pragma page_count`.execute(s.db.db))
        .rows[0];
      await sql.raw(`pragma max_page_count = ${page_count}`).execute(s.db.db);
      // Big rows, then small ones, until not even a session row fits.
      for (const size of [2000, 200, 1]) {
        await assert.rejects(
          async () => {
            for (let i = 0; ; i++) {
              await s.db.db
                .insertInto('sessions')
                .values({
                  id: `filler-${size}-${i}`,
                  user_id: s.cast.admin.id,
                  csrf_token: 'x'.repeat(size),
                  created_at: '2026-01-01T00:00:00.000Z',
                  expires_at: '2026-01-01T00:00:00.000Z',
                })
                .execute();
            }
          },
          (e: { code?: string }) => e.code === 'SQLITE_FULL',
        );
      }
      const upload = await manager.request('POST', '/api/v1/calls', {
        filename: 'no-room.txt',
        content: sampleCall('Dana Reyes', 'Jordan Blake', ' no room'),
      });
      assert.match(errorOf(upload, 503, 'disk-full').message, /disk is full.*free disk space/);
      const login = await s.anonymous.request('POST', '/api/v1/auth/login', {
        email: 'dana@test.io',
        password: 'correct horse battery',
      });
      assert.match(errorOf(login, 503, 'disk-full').message, /signing in needs to save/);
      assert.equal((await manager.request('GET', '/api/v1/calls')).statusCode, 200);
      assert.equal((await manager.request('GET', '/api/v1/auth/me')).statusCode, 200);
      // Space again: everything works.
      await sql`pragma max_page_count = 1073741823`.execute(s.db.db);
      assert.equal((await s.login('dana@test.io')).request !== undefined, true);
    } finally {
      await s.close();
    }
  });

  test('another process holding an exclusive lock: reads go on, writes get 503 and Retry-After fast', async () => {
    const path = join(dir, 'locked.db');
    const s = await testServer({ dbPath: path });
    const other = new BetterSqlite3(path);
    try {
      const manager = await s.login('manager@test.io');
      const first = await manager.request('POST', '/api/v1/calls', {
        filename: 'before-lock.txt',
        content: sampleCall('Dana Reyes', 'Jordan Blake', ' before'),
      });
      assert.equal(first.statusCode, 201, first.body);
      const admin = await s.login('admin@test.io');
      const created = await admin.request('POST', '/api/v1/tokens', {
        name: 'reader',
        userId: s.cast.manager.id,
      });
      assert.equal(created.statusCode, 201, created.body);
      const bot = s.withToken(created.json().token);
      other.exec('begin exclusive');

      let t = performance.now();
      const list = await manager.request('GET', '/api/v1/calls');
      const readMs = performance.now() - t;
      assert.equal(list.statusCode, 200);
      assert.equal(list.json().total, 1);
      assert.ok(readMs < 150, `a read waited ${readMs.toFixed(0)} ms`);
      // a token's read too: recording when the token was last used is best effort
      const tokenRead = await bot.request('GET', '/api/v1/calls');
      assert.equal(tokenRead.statusCode, 200, tokenRead.body);

      t = performance.now();
      const write = await manager.request('POST', '/api/v1/calls', {
        filename: 'while-locked.txt',
        content: sampleCall('Dana Reyes', 'Jordan Blake', ' locked'),
      });
      const writeMs = performance.now() - t;
      assert.match(errorOf(write, 503, 'db-locked').message, /locked by another process/);
      assert.equal(write.headers['retry-after'], '2');
      // The analysis (a worker) and the 200 ms lock wait, not 5 s.
      assert.ok(writeMs < 1500, `a refused write took ${writeMs.toFixed(0)} ms`);
      console.log(
        `# under the lock: read ${readMs.toFixed(0)} ms, refused write ${writeMs.toFixed(0)} ms`,
      );

      other.exec('rollback');
      const retry = await manager.request('POST', '/api/v1/calls', {
        filename: 'after-lock.txt',
        content: sampleCall('Dana Reyes', 'Jordan Blake', ' locked'),
      });
      assert.equal(retry.statusCode, 201, retry.body);
    } finally {
      other.close();
      await s.close();
    }
  });

  test('a URL that cannot be decoded answers 400 in the documented shape', async () => {
    const s = await testServer();
    try {
      const manager = await s.login('manager@test.io');
      for (const url of [
        '/api/v1/calls/%E0%A4%A',
        '/api/v1/calls/%E0%A4%A/moments',
        '/api/v1/nope/%E0%A4%A',
      ]) {
        const e = errorOf(await manager.request('GET', url), 400, 'bad-url');
        assert.match(e.message, /malformed/);
      }
      errorOf(await s.anonymous.request('GET', '/api/v1/calls/%E0%A4%A'), 400, 'bad-url');
    } finally {
      await s.close();
    }
  });
});
