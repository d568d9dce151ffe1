/** `walkpoint user disable|enable|delete`: the People page's rules, from the command line. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sampleCall, type TestServer, testServer } from '../server/testing.js';
import { runCli } from './testing.js';

describe('walkpoint user disable|enable|delete', () => {
  const dir = mkdtempSync(join(tmpdir(), 'walkpoint-user-'));
  const db = join(dir, 'w.db');
  let s: TestServer;
  let callId: number;
  before(async () => {
    s = await testServer({ dbPath: db });
    const manager = await s.login('manager@test.io');
    const call = await manager.request('POST', '/api/v1/calls', {
      filename: 'dana.txt',
      content: sampleCall(),
      repId: s.cast.repA.id,
    });
    assert.equal(call.statusCode, 201, call.body);
    callId = call.json().id;
  });
  after(async () => {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const me = async (email: string) => {
    const c = await s.login(email).catch(() => undefined);
    return c ? (await c.request('GET', '/api/v1/auth/me')).statusCode : 0;
  };

  test('disable ends the sessions and refuses sign-in; enable lets the user back', async () => {
    const dana = await s.login('dana@test.io');
    const off = await runCli('user', 'disable', 'Dana@Test.io', '--db', db);
    assert.equal(off.code, 0, off.err);
    assert.match(off.out, /^Disabled dana@test\.io: cannot sign in.*1 session ended/);
    assert.equal((await dana.request('GET', '/api/v1/auth/me')).statusCode, 401);
    assert.equal(await me('dana@test.io'), 0);
    const on = await runCli('user', 'enable', 'dana@test.io', '--db', db);
    assert.equal(on.code, 0, on.err);
    assert.equal(await me('dana@test.io'), 200);
  });

  test('the last active admin can be neither disabled nor deleted', async () => {
    for (const action of ['disable', 'delete']) {
      const r = await runCli('user', action, 'admin@test.io', '--db', db);
      assert.equal(r.code, 2);
      assert.match(r.err, /^walkpoint: admin@test\.io is the last active admin; make another/);
    }
    assert.equal(await me('admin@test.io'), 200);
  });

  test('an unknown email, or an unknown --reassign-to, is a one-line mistake', async () => {
    const r = await runCli('user', 'delete', 'nobody@test.io', '--db', db);
    assert.equal(r.code, 2);
    assert.equal(r.err, 'walkpoint: no user with the email nobody@test.io\n');
    const to = await runCli('user', 'delete', 'dana@test.io', '--reassign-to', 'x@y.z', '--db', db);
    assert.equal(to.code, 2);
    assert.match(to.err, /--reassign-to: no user with the email x@y\.z/);
    assert.equal(await me('dana@test.io'), 200);
  });

  test('delete --reassign-to moves the calls; the user is gone', async () => {
    const r = await runCli(
      'user',
      'delete',
      'dana@test.io',
      '--reassign-to',
      'sam@test.io',
      '--db',
      db,
    );
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Deleted dana@test\.io: 1 call and 0 deals moved to sam@test\.io; /);
    const sam = await s.login('sam@test.io');
    assert.equal((await sam.request('GET', `/api/v1/calls/${callId}`)).statusCode, 200);
    assert.equal(await me('dana@test.io'), 0);
    const again = await runCli('user', 'delete', 'dana@test.io', '--db', db);
    assert.equal(again.code, 2);
  });

  test('delete without --reassign-to keeps the calls under the team', async () => {
    const r = await runCli('user', 'delete', 'sam@test.io', '--db', db);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Deleted sam@test\.io: 1 call kept under their teams; /);
    const manager = await s.login('manager@test.io');
    assert.equal((await manager.request('GET', `/api/v1/calls/${callId}`)).statusCode, 200);
  });
});
