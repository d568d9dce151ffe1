/**
 * Web servers hold no state of their own: two servers (two apps, as `serve` builds them, each
 * with its own connection) on one database share sessions and the sign-in throttle, so any
 * number can run behind a load balancer. On SQLite (one file) and PostgreSQL (one database).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { createDbThrottle } from './auth/throttle.js';
import { type Db, type DbKind, openDb, SERVER_BUSY_TIMEOUT_MS } from './db/connect.js';
import { createCast, forEachDb, freshPostgresDatabase, TEST_PASSWORD } from './testing.js';

/** A database both servers can open: a SQLite file or a fresh PostgreSQL database. */
async function sharedTarget(kind: DbKind): Promise<{ target: string; remove(): Promise<void> }> {
  if (kind === 'postgres') {
    const { url, drop } = await freshPostgresDatabase();
    return { target: url, remove: drop };
  }
  const dir = mkdtempSync(join(tmpdir(), 'walkpoint-two-'));
  return {
    target: join(dir, 'shared.db'),
    remove: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

forEachDb((kind) =>
  describe(`two web servers on one database (${kind})`, () => {
    let shared: Awaited<ReturnType<typeof sharedTarget>>;
    const dbs: Db[] = [];
    const apps: FastifyInstance[] = [];

    before(async () => {
      shared = await sharedTarget(kind);
      for (let i = 0; i < 2; i++) {
        const db = await openDb(shared.target, { busyTimeoutMs: SERVER_BUSY_TIMEOUT_MS });
        dbs.push(db);
        if (i === 0) await createCast(db);
        apps.push(await buildApp({ db: db.db, webRoot: false, throttle: createDbThrottle(db.db) }));
      }
    });
    after(async () => {
      for (const app of apps) await app.close();
      for (const db of dbs) await db.close();
      await shared.remove();
    });

    const login = (app: FastifyInstance, email: string, password: string, ip: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password },
        remoteAddress: ip,
      });

    test('a session made on one server works on the other, and signing out there ends it on both', async () => {
      const [a, b] = apps;
      const res = await login(a, 'manager@test.io', TEST_PASSWORD, '192.0.2.10');
      assert.equal(res.statusCode, 200, res.body);
      const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const headers = { cookie, 'x-csrf-token': res.json().csrfToken };
      const me = await b.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
      assert.equal(me.statusCode, 200, me.body);
      assert.equal(me.json().user.email, 'manager@test.io');
      const out = await b.inject({ method: 'POST', url: '/api/v1/auth/logout', headers });
      assert.ok(out.statusCode < 300, out.body);
      const gone = await a.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
      assert.equal(gone.statusCode, 401);
    });

    test('failures on one server lock the sign-in on the other', async () => {
      const [a, b] = apps;
      const ip = '192.0.2.20';
      for (let i = 0; i < 5; i++) {
        const app = i % 2 === 0 ? a : b;
        assert.equal((await login(app, 'dana@test.io', 'wrong password', ip)).statusCode, 401);
      }
      const locked = await login(b, 'dana@test.io', TEST_PASSWORD, ip);
      assert.equal(locked.statusCode, 429, locked.body);
      assert.equal((await login(a, 'dana@test.io', TEST_PASSWORD, ip)).statusCode, 429);
      // The lock is for that email from that IP: another IP still signs in, on either server.
      assert.equal((await login(b, 'dana@test.io', TEST_PASSWORD, '192.0.2.21')).statusCode, 200);
    });

    test('concurrent failures on both servers are all counted', async () => {
      const [a, b] = apps;
      const ip = '192.0.2.30';
      const tries = await Promise.all(
        [a, b, a, b].map((app) => login(app, 'sam@test.io', 'wrong password', ip)),
      );
      assert.deepEqual(
        tries.map((r) => r.statusCode),
        [401, 401, 401, 401],
      );
      assert.equal((await login(a, 'sam@test.io', 'wrong password', ip)).statusCode, 401);
      assert.equal((await login(b, 'sam@test.io', TEST_PASSWORD, ip)).statusCode, 429);
    });
  }),
);
