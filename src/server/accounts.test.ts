/**
 * Access that ends: a new password, disabling and deleting end sessions and stop tokens at once;
 * deleting keeps every call, note and review consistent. Through the real app (inject).
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { buildApp } from './app.js';
import { createDbThrottle } from './auth/throttle.js';
import { type Db, openDb } from './db/connect.js';
import { trustProxyFrom } from './serve.js';
import {
  type Client,
  createCast,
  forEachDb,
  sampleCall,
  TEST_PASSWORD,
  type TestServer,
  testServer,
} from './testing.js';

const me = (c: Client) => c.request('GET', '/api/v1/auth/me');

function assertError(
  res: { statusCode: number; json(): unknown },
  status: number,
  code: string,
): { message: string; field?: string } {
  assert.equal(res.statusCode, status, JSON.stringify(res.json()));
  const body = res.json() as { error: { code: string; message: string; field?: string } };
  assert.deepEqual(Object.keys(body), ['error']);
  assert.equal(body.error.code, code);
  return body.error;
}

forEachDb((kind) =>
  describe(`access that ends (${kind})`, () => {
    let s: TestServer;
    let admin: Client;
    let token: string;
    beforeEach(async () => {
      s = await testServer({ kind });
      admin = await s.login('admin@test.io');
      token = (
        await admin.request('POST', '/api/v1/tokens', { name: 'crm', userId: s.cast.repA.id })
      ).json().token;
    });
    afterEach(() => s.close());

    const login = (email: string, password = TEST_PASSWORD) =>
      s.anonymous.request('POST', '/api/v1/auth/login', { email, password });

    /** A call of Dana's (team A) with a note and a review by her manager. */
    async function danaCall() {
      const manager = await s.login('manager@test.io');
      const call = await manager.request('POST', '/api/v1/calls', {
        filename: 'dana.txt',
        content: sampleCall(),
        date: '2026-03-03',
        repId: s.cast.repA.id,
      });
      assert.equal(call.statusCode, 201, call.body);
      const moment = call.json().moments[0].id;
      assert.equal(
        (await manager.request('POST', `/api/v1/moments/${moment}/notes`, { body: 'ask why' }))
          .statusCode,
        201,
      );
      assert.equal(
        (await manager.request('PATCH', `/api/v1/moments/${moment}`, { reviewed: true }))
          .statusCode,
        200,
      );
      return { id: call.json().id as number, moment: moment as number, manager };
    }

    test('an admin password reset ends every session of the user', async () => {
      const laptop = await s.login('dana@test.io');
      const phone = await s.login('dana@test.io');
      const res = await admin.request('PATCH', `/api/v1/users/${s.cast.repA.id}`, {
        password: 'a brand new secret',
      });
      assert.equal(res.statusCode, 200, res.body);
      assertError(await me(laptop), 401, 'unauthenticated');
      assertError(await me(phone), 401, 'unauthenticated');
      assertError(await login('dana@test.io'), 401, 'bad-credentials');
      assert.equal((await login('dana@test.io', 'a brand new secret')).statusCode, 200);
      // API tokens are separate credentials, made by an admin: a password change leaves them.
      assert.equal((await me(s.withToken(token))).statusCode, 200);
      // A change without a password leaves sessions alone.
      const again = await s.login('dana@test.io', 'a brand new secret');
      await admin.request('PATCH', `/api/v1/users/${s.cast.repA.id}`, { name: 'Dana R.' });
      assert.equal((await me(again)).statusCode, 200);
    });

    test('an admin changing their own password keeps only the session making the change', async () => {
      const other = await s.login('admin@test.io');
      const res = await admin.request('PATCH', `/api/v1/users/${s.cast.admin.id}`, {
        password: 'admin new secret',
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal((await me(admin)).statusCode, 200);
      assertError(await me(other), 401, 'unauthenticated');
      // Through an API token there is no session to keep: all of them end.
      const own = (
        await admin.request('POST', '/api/v1/tokens', { name: 'script', userId: s.cast.admin.id })
      ).json().token;
      const viaToken = await s
        .withToken(own)
        .request('PATCH', `/api/v1/users/${s.cast.admin.id}`, { password: 'admin newer secret' });
      assert.equal(viaToken.statusCode, 200, viaToken.body);
      assertError(await me(admin), 401, 'unauthenticated');
    });

    test('changing your own password needs the current one and ends your other sessions', async () => {
      const here = await s.login('sam@test.io');
      const there = await s.login('sam@test.io');
      const wrong = await here.request('POST', '/api/v1/auth/password', {
        currentPassword: 'not it',
        newPassword: 'sam new secret',
      });
      assert.equal(assertError(wrong, 400, 'invalid').field, 'currentPassword');
      assertError(
        await here.request('POST', '/api/v1/auth/password', {
          currentPassword: TEST_PASSWORD,
          newPassword: 'short',
        }),
        400,
        'invalid',
      );
      const noCsrf = await here.request(
        'POST',
        '/api/v1/auth/password',
        { currentPassword: TEST_PASSWORD, newPassword: 'sam new secret' },
        { 'x-csrf-token': 'forged' },
      );
      assertError(noCsrf, 403, 'csrf');
      const ok = await here.request('POST', '/api/v1/auth/password', {
        currentPassword: TEST_PASSWORD,
        newPassword: 'sam new secret',
      });
      assert.equal(ok.statusCode, 204, ok.body);
      assert.equal((await me(here)).statusCode, 200);
      assertError(await me(there), 401, 'unauthenticated');
      assertError(await login('sam@test.io'), 401, 'bad-credentials');
      assert.equal((await login('sam@test.io', 'sam new secret')).statusCode, 200);
    });

    test('a disabled user is signed out, cannot sign in (told why), and their tokens stop', async () => {
      const dana = await s.login('dana@test.io');
      const bearer = s.withToken(token);
      assert.equal((await me(bearer)).statusCode, 200);
      const res = await admin.request('POST', `/api/v1/users/${s.cast.repA.id}/disable`);
      assert.equal(res.statusCode, 200, res.body);
      assert.match(res.json().disabledAt, /^\d{4}-/);
      assertError(await me(dana), 401, 'unauthenticated');
      assertError(await me(bearer), 401, 'invalid-token');
      const refused = assertError(await login('dana@test.io'), 403, 'account-disabled');
      assert.match(refused.message, /disabled.*admin/);
      // The wrong password still says only "wrong": no hint which accounts exist or are disabled.
      assertError(await login('dana@test.io', 'wrong'), 401, 'bad-credentials');
      const listed = (await admin.request('GET', '/api/v1/users')).json();
      assert.ok(listed.find((u: { id: number }) => u.id === s.cast.repA.id).disabledAt);
      // Disabling twice is harmless.
      assert.equal(
        (await admin.request('POST', `/api/v1/users/${s.cast.repA.id}/disable`)).statusCode,
        200,
      );

      const back = await admin.request('POST', `/api/v1/users/${s.cast.repA.id}/enable`);
      assert.equal(back.statusCode, 200, back.body);
      assert.equal(back.json().disabledAt, null);
      assert.equal((await login('dana@test.io')).statusCode, 200);
      assert.equal((await me(bearer)).statusCode, 200, 'an enabled user’s tokens work again');
    });

    test('only an admin disables, enables or deletes; cookie writes need the CSRF token', async () => {
      const manager = await s.login('manager@test.io');
      for (const [method, url] of [
        ['POST', `/api/v1/users/${s.cast.repA.id}/disable`],
        ['POST', `/api/v1/users/${s.cast.repA.id}/enable`],
        ['DELETE', `/api/v1/users/${s.cast.repA.id}`],
      ] as const) {
        assertError(await manager.request(method, url), 403, 'forbidden');
        assertError(await s.anonymous.request(method, url), 401, 'unauthenticated');
        assertError(
          await admin.request(method, url, undefined, { 'x-csrf-token': 'x' }),
          403,
          'csrf',
        );
      }
      assertError(await admin.request('POST', '/api/v1/users/999999/disable'), 404, 'not-found');
      assertError(await admin.request('POST', '/api/v1/users/999999/enable'), 404, 'not-found');
      assertError(await admin.request('DELETE', '/api/v1/users/999999'), 404, 'not-found');
      assert.equal((await me(await s.login('dana@test.io'))).statusCode, 200);
    });

    test('an admin cannot disable or delete themselves', async () => {
      const self = s.cast.admin.id;
      assert.match(
        assertError(
          await admin.request('POST', `/api/v1/users/${self}/disable`),
          409,
          'own-account',
        ).message,
        /another admin/,
      );
      assertError(await admin.request('DELETE', `/api/v1/users/${self}`), 409, 'own-account');
      assert.equal((await me(admin)).statusCode, 200);
    });

    test('another admin can be disabled and deleted while one active admin remains', async () => {
      const second = await admin.request('POST', '/api/v1/users', {
        email: 'second@test.io',
        name: 'Second Admin',
        role: 'admin',
        password: TEST_PASSWORD,
      });
      const id = second.json().id;
      assert.equal((await admin.request('POST', `/api/v1/users/${id}/disable`)).statusCode, 200);
      const gone = await admin.request('DELETE', `/api/v1/users/${id}`);
      assert.equal(gone.statusCode, 200, gone.body);
    });

    test('deleting a rep keeps their calls under the team; notes, reviews and tokens stay consistent', async () => {
      const call = await danaCall();
      const dana = await s.login('dana@test.io');
      const assigned = await call.manager.request('POST', '/api/v1/practice/assignments', {
        scenario: 'cto-ten-minutes',
        repId: s.cast.repA.id,
      });
      assert.equal(assigned.statusCode, 201, assigned.body);
      const res = await admin.request('DELETE', `/api/v1/users/${s.cast.repA.id}`);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), {
        id: s.cast.repA.id,
        reassignedTo: null,
        callsReassigned: 0,
        callsKept: 1,
        dealsReassigned: 0,
        sessionsEnded: 1,
        tokensRevoked: 1,
      });
      assertError(await me(dana), 401, 'unauthenticated');
      assertError(await me(s.withToken(token)), 401, 'invalid-token');
      assertError(await login('dana@test.io'), 401, 'bad-credentials');
      // The team's manager still sees the call, its note and its review.
      const seen = await call.manager.request('GET', `/api/v1/calls/${call.id}`);
      assert.equal(seen.statusCode, 200);
      assert.equal(seen.json().repName, 'Dana Reyes');
      assert.equal(seen.json().moments[0].reviewed, true);
      const notes = await call.manager.request('GET', `/api/v1/moments/${call.moment}/notes`);
      assert.deepEqual(
        notes.json().map((n: { body: string }) => n.body),
        ['ask why'],
      );
      // Gone from the people list and from team counts; the email is free again.
      const users = (await admin.request('GET', '/api/v1/users')).json();
      assert.equal(
        users.some((u: { id: number }) => u.id === s.cast.repA.id),
        false,
      );
      const teams = (await admin.request('GET', '/api/v1/teams')).json();
      assert.equal(teams.find((t: { name: string }) => t.name === 'Team A').members, 2);
      // A scenario they never started is dropped: nobody can practise it now.
      const open = (await call.manager.request('GET', '/api/v1/practice/assignments')).json();
      assert.deepEqual(open, []);
      const tokens = (await admin.request('GET', '/api/v1/tokens')).json();
      assert.ok(tokens[0].revokedAt);
      assertError(
        await admin.request('DELETE', `/api/v1/users/${s.cast.repA.id}`),
        404,
        'not-found',
      );
      assertError(
        await admin.request('PATCH', `/api/v1/users/${s.cast.repA.id}`, { name: 'x' }),
        404,
        'not-found',
      );
      assertError(
        await admin.request('POST', `/api/v1/users/${s.cast.repA.id}/enable`),
        404,
        'not-found',
      );
      const again = await admin.request('POST', '/api/v1/users', {
        email: 'dana@test.io',
        name: 'Dana Reyes',
        role: 'rep',
        password: TEST_PASSWORD,
      });
      assert.equal(again.statusCode, 201, again.body);
      // The foreign keys hold.
      const broken = await s.db.db
        .selectFrom('calls')
        .leftJoin('users', 'users.id', 'calls.rep_user_id')
        .select('calls.id')
        .where('users.id', 'is', null)
        .execute();
      assert.deepEqual(broken, []);
    });

    test('deleting a manager keeps the notes they wrote, with their name', async () => {
      const call = await danaCall();
      const res = await admin.request('DELETE', `/api/v1/users/${s.cast.manager.id}`);
      assert.equal(res.statusCode, 200, res.body);
      const notes = await admin.request('GET', `/api/v1/moments/${call.moment}/notes`);
      assert.equal(notes.json()[0].authorName, 'Morgan Lee');
      const moments = await admin.request('GET', `/api/v1/calls/${call.id}/moments`);
      assert.equal(moments.json()[0].reviewedBy, s.cast.manager.id);
    });

    test('deleting with reassignTo moves the calls to that user', async () => {
      const call = await danaCall();
      const bad = async (to: number | string) =>
        assertError(
          await admin.request('DELETE', `/api/v1/users/${s.cast.repA.id}?reassignTo=${to}`),
          400,
          'invalid',
        ).field;
      assert.equal(await bad(s.cast.repA.id), 'reassignTo');
      assert.equal(await bad(999999), 'reassignTo');
      assert.equal(await bad('x'), 'reassignTo');
      await admin.request('POST', `/api/v1/users/${s.cast.repB.id}/disable`);
      assert.equal(await bad(s.cast.repB.id), 'reassignTo');
      // Nothing happened on a refusal.
      assert.equal((await me(s.withToken(token))).statusCode, 200);

      const res = await admin.request(
        'DELETE',
        `/api/v1/users/${s.cast.repA.id}?reassignTo=${s.cast.repA2.id}`,
      );
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().reassignedTo, s.cast.repA2.id);
      assert.equal(res.json().callsReassigned, 1);
      assert.equal(res.json().callsKept, 0);
      const sam = await s.login('sam@test.io');
      const seen = await sam.request('GET', `/api/v1/calls/${call.id}`);
      assert.equal(seen.statusCode, 200);
      assert.equal(seen.json().repName, 'Sam Patel');
      assert.equal(seen.json().moments[0].noteCount, 1);
    });

    test('the OpenAPI document lists the new routes', async () => {
      const doc = (await s.anonymous.request('GET', '/api/v1/openapi.json')).json();
      assert.ok(doc.paths['/api/v1/users/{id}/disable'].post);
      assert.ok(doc.paths['/api/v1/users/{id}/enable'].post);
      const del = doc.paths['/api/v1/users/{id}'].delete;
      assert.ok(del.parameters.some((p: { name: string }) => p.name === 'reassignTo'));
      assert.ok(del.responses['409']);
      assert.ok(doc.paths['/api/v1/auth/password'].post);
      assert.ok(doc.paths['/api/v1/auth/login'].post.responses['403']);
    });
  }),
);

forEachDb((kind) =>
  describe(`sign-in throttle through the API (${kind})`, () => {
    for (const [store, throttle] of [
      ['memory', undefined],
      ['database', (db: Db) => createDbThrottle(db.db)],
    ] as const) {
      test(`spraying many accounts from one IP is refused after 20 failures; other IPs sign in (${store})`, async () => {
        const s = await testServer({ kind, throttle });
        try {
          const attempt = (email: string, password: string, ip = '203.0.113.9') =>
            s.app.inject({
              method: 'POST',
              url: '/api/v1/auth/login',
              payload: { email, password },
              remoteAddress: ip,
            });
          const codes: number[] = [];
          for (let i = 0; i < 50; i++) {
            codes.push((await attempt(`user${i}@test.io`, 'Winter2026!')).statusCode);
          }
          assert.deepEqual(codes.slice(0, 20), Array(20).fill(401));
          assert.deepEqual(codes.slice(20), Array(30).fill(429));
          assertError(await attempt('dana@test.io', TEST_PASSWORD), 429, 'too-many-attempts');
          assert.equal(
            (await attempt('dana@test.io', TEST_PASSWORD, '198.51.100.7')).statusCode,
            200,
          );
        } finally {
          await s.close();
        }
      });
    }
  }),
);

describe('the client IP behind a reverse proxy', () => {
  test('WALKPOINT_TRUST_PROXY names the proxies whose X-Forwarded-For the throttle believes', async () => {
    assert.equal(trustProxyFrom(undefined), false);
    assert.equal(trustProxyFrom(' false '), false);
    assert.equal(trustProxyFrom('true'), true);
    assert.equal(trustProxyFrom('10.0.0.1,10.0.0.2'), '10.0.0.1,10.0.0.2');

    const db = await openDb(':memory:');
    await createCast(db);
    const spray = async (trustProxy: string | false) => {
      const app = await buildApp({ db: db.db, webRoot: false, trustProxy });
      const from = (client: string, email: string) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email, password: 'wrong password' },
          remoteAddress: '10.0.0.1',
          headers: { 'x-forwarded-for': client },
        });
      for (let i = 0; i < 20; i++) await from('203.0.113.9', `user${i}@test.io`);
      const other = (await from('198.51.100.7', 'dana@test.io')).statusCode;
      await app.close();
      return other;
    };
    try {
      assert.equal(await spray('10.0.0.1'), 401, 'another client behind the proxy is not held');
      assert.equal(await spray(false), 429, 'without trust, everyone is the proxy');
    } finally {
      await db.close();
    }
  });
});
