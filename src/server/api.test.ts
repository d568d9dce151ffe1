/** The HTTP API through the real Fastify app (inject): auth, uploads, errors, OpenAPI, tokens. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createThrottle } from './auth/throttle.js';
import { openDb } from './db/connect.js';
import { forEachDb, sampleCall, type TestServer, testServer } from './testing.js';

const example = (name: string) => readFileSync(new URL(`../../examples/${name}`, import.meta.url));

/** Every error has exactly this shape. */
function assertError(res: { statusCode: number; json(): unknown }, status: number, code?: string) {
  assert.equal(res.statusCode, status, JSON.stringify(res.json()));
  const body = res.json() as { error: { code: string; message: string; field?: string } };
  assert.deepEqual(Object.keys(body), ['error']);
  assert.equal(typeof body.error.message, 'string');
  assert.ok(body.error.message.length > 5);
  if (code) assert.equal(body.error.code, code);
  return body.error;
}

function multipart(
  fields: Record<string, string>,
  file: { name: string; content: Buffer | string },
) {
  const boundary = '----walkpointtest';
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  const body = Buffer.concat([
    Buffer.from(parts.join('')),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/plain\r\n\r\n`,
    ),
    Buffer.from(file.content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

forEachDb((kind) =>
  describe(`API (${kind})`, () => {
    let s: TestServer;
    before(async () => {
      s = await testServer({ kind });
    });
    after(() => s.close());

    test('anonymous requests get 401 with the one error shape; health and OpenAPI are public', async () => {
      for (const url of [
        '/api/v1/calls',
        '/api/v1/calls/1',
        '/api/v1/stats',
        '/api/v1/users',
        '/api/v1/questions',
      ]) {
        assertError(await s.anonymous.request('GET', url), 401, 'unauthenticated');
      }
      assertError(await s.anonymous.request('POST', '/api/v1/analyze', { content: 'x' }), 401);
      assert.equal((await s.anonymous.request('GET', '/api/v1/health')).statusCode, 200);
      assert.equal((await s.anonymous.request('GET', '/api/v1/openapi.json')).statusCode, 200);
      assertError(await s.anonymous.request('GET', '/api/v1/nope'), 404, 'not-found');
    });

    test('sign-in sets an HttpOnly SameSite session cookie; writes need the CSRF header', async () => {
      const res = await s.anonymous.request('POST', '/api/v1/auth/login', {
        email: 'Manager@Test.io',
        password: 'correct horse battery',
      });
      assert.equal(res.statusCode, 200);
      const raw = res.headers['set-cookie'] as string[];
      const session = raw.find((c) => c.startsWith('wp_session='));
      assert.ok(session && /HttpOnly/.test(session) && /SameSite=Lax/.test(session));
      const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const me = await s.anonymous.request('GET', '/api/v1/auth/me', undefined, { cookie });
      assert.equal(me.json().user.email, 'manager@test.io');
      assert.equal(me.json().user.password_hash, undefined);
      const signedIn = await s.anonymous.request('GET', '/api/v1/auth/session', undefined, {
        cookie,
      });
      assert.equal(signedIn.statusCode, 200);
      assert.equal(signedIn.json().user.email, 'manager@test.io');
      assert.equal(signedIn.json().csrfToken, res.json().csrfToken);
      const noCsrf = await s.anonymous.request(
        'POST',
        '/api/v1/analyze',
        { content: sampleCall() },
        { cookie },
      );
      assertError(noCsrf, 403, 'csrf');
      const wrong = await s.anonymous.request(
        'POST',
        '/api/v1/analyze',
        { content: sampleCall() },
        {
          cookie,
          'x-csrf-token': 'forged',
        },
      );
      assertError(wrong, 403, 'csrf');
      const ok = await s.anonymous.request(
        'POST',
        '/api/v1/analyze',
        { content: sampleCall() },
        {
          cookie,
          'x-csrf-token': res.json().csrfToken,
        },
      );
      assert.equal(ok.statusCode, 200);
      const out = await s.anonymous.request(
        'POST',
        '/api/v1/auth/logout',
        {},
        { cookie, 'x-csrf-token': res.json().csrfToken },
      );
      assert.equal(out.statusCode, 204);
      assertError(await s.anonymous.request('GET', '/api/v1/auth/me', undefined, { cookie }), 401);
      // The first visit's question: nobody signed in is an answer, not a failure.
      for (const headers of [{ cookie }, {}] as Record<string, string>[]) {
        const nobody = await s.anonymous.request('GET', '/api/v1/auth/session', undefined, headers);
        assert.equal(nobody.statusCode, 200);
        assert.deepEqual(nobody.json(), { user: null, csrfToken: null });
      }
    });

    test('sign-in is throttled: 5 failures lock the email for this IP', async () => {
      let now = 0;
      const t = await testServer({ kind, throttle: createThrottle({ now: () => now }) });
      try {
        const attempt = (password: string) =>
          t.anonymous.request('POST', '/api/v1/auth/login', { email: 'dana@test.io', password });
        for (let i = 0; i < 5; i++) assertError(await attempt('wrong'), 401, 'bad-credentials');
        const locked = assertError(
          await attempt('correct horse battery'),
          429,
          'too-many-attempts',
        );
        assert.match(locked.message, /15 minutes/);
        now += 15 * 60 * 1000 + 1;
        assert.equal((await attempt('correct horse battery')).statusCode, 200);
      } finally {
        await t.close();
      }
    });

    test('upload as JSON text: analysed, stored, assigned to the rep named in the transcript', async () => {
      const manager = await s.login('manager@test.io');
      const res = await manager.request('POST', '/api/v1/calls', {
        filename: 'dana-call.txt',
        content: sampleCall('Dana Reyes', 'Jordan Blake', ' (json)'),
        date: '2026-03-03',
      });
      assert.equal(res.statusCode, 201, res.body);
      const call = res.json();
      assert.equal(call.repName, 'Dana Reyes');
      assert.equal(call.callDate, '2026-03-03');
      assert.ok(call.moments.length >= 2);
      assert.equal(call.moments.length, call.analysis.moments.length);
      // Committed before the answer: a fresh read through another connection-level query sees it.
      const row = await s.db.db
        .selectFrom('calls')
        .select('id')
        .where('id', '=', call.id)
        .executeTakeFirst();
      assert.ok(row);
      const challenged = call.analysis.moments.find(
        (m: { trigger: { kind: string } }) => m.trigger.kind === 'objection',
      );
      assert.equal(
        challenged?.response.kind,
        'challenged',
        'a "compared to what?" reply is a challenge',
      );
    });

    test('a call is renamed and given an account; the list shows, sorts and searches it', async () => {
      const manager = await s.login('manager@test.io');
      const stored = await manager.request('POST', '/api/v1/calls', {
        filename: 'call-0417.txt',
        content: sampleCall('Dana Reyes', 'Jordan Blake', ' (account)'),
      });
      assert.equal(stored.statusCode, 201, stored.body);
      const id = stored.json().id;
      assert.equal(stored.json().account, null);
      const edited = await manager.request('PATCH', `/api/v1/calls/${id}`, {
        title: '  Northwind renewal, first call ',
        account: 'Northwind Traders',
      });
      assert.equal(edited.statusCode, 200, edited.body);
      assert.deepEqual(
        [edited.json().title, edited.json().account],
        ['Northwind renewal, first call', 'Northwind Traders'],
      );
      const found = (await manager.request('GET', '/api/v1/calls?q=northwind%20trad')).json();
      assert.deepEqual(
        found.items.map((c: { id: number }) => c.id),
        [id],
        'the search reads the account',
      );
      const sorted = (await manager.request('GET', '/api/v1/calls?sort=account&order=desc')).json();
      assert.equal(sorted.items[0].account, 'Northwind Traders', 'the one named account first');
      // the rep sees it named; an empty account clears it
      const dana = await s.login('dana@test.io');
      const cleared = await dana.request('PATCH', `/api/v1/calls/${id}`, { account: '' });
      assert.equal(cleared.json().account, null);
      assert.equal(cleared.json().title, 'Northwind renewal, first call');
      // what cannot be used is said; another team's manager cannot see it to rename it
      assertError(await dana.request('PATCH', `/api/v1/calls/${id}`, {}), 400);
      assertError(await dana.request('PATCH', `/api/v1/calls/${id}`, { title: '  ' }), 400);
      assertError(await dana.request('PATCH', `/api/v1/calls/${id}`, { owner: 3 }), 400);
      const chris = await s.login('chris@test.io');
      assertError(await chris.request('PATCH', `/api/v1/calls/${id}`, { title: 'Mine' }), 404);
    });

    test('upload as multipart and as base64; the same file again is a 409 naming the stored call', async () => {
      const admin = await s.login('admin@test.io');
      const form = multipart(
        { repId: String(s.cast.repB.id), speakers: 'Derek Hale' },
        {
          name: 'saas-cto-walkout.vtt',
          content: example('saas-cto-walkout.vtt'),
        },
      );
      const res = await admin.request('POST', '/api/v1/calls', form.body, form.headers);
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().repName, 'Chris Park');
      assert.equal(res.json().format, 'vtt');
      const again = await admin.request('POST', '/api/v1/calls', {
        filename: 'copy.vtt',
        content: example('saas-cto-walkout.vtt').toString('base64'),
        encoding: 'base64',
        repId: s.cast.repB.id,
      });
      const e = assertError(again, 409, 'duplicate');
      assert.match(
        e.message,
        new RegExp(
          `already uploaded as "saas-cto-walkout.vtt" \\(call ${res.json().id}\\) for Chris Park`,
        ),
      );
    });

    test('the coaching queue says which moments the engine is unsure of, as the analysis does', async () => {
      const admin = await s.login('admin@test.io');
      const res = await admin.request('POST', '/api/v1/calls', {
        filename: 'saas-renewal-discount.srt',
        content: example('saas-renewal-discount.srt').toString('base64'),
        encoding: 'base64',
        repId: s.cast.repB.id,
      });
      assert.equal(res.statusCode, 201, res.body);
      const stored = (await admin.request('GET', `/api/v1/calls/${res.json().id}`)).json();
      const unsure = stored.analysis.moments.map((m: { needsReview: boolean }) => m.needsReview);
      assert.ok(unsure.includes(true), 'this call has a moment the engine is unsure of');
      const queue = (
        await admin.request('GET', '/api/v1/stats/queue?includeReviewed=true&limit=100')
      ).json() as { callId: number; momentIdx: number; needsReview: boolean }[];
      const mine = queue.filter((q) => q.callId === res.json().id);
      assert.ok(mine.some((q) => q.needsReview));
      for (const q of mine)
        assert.equal(q.needsReview, unsure[q.momentIdx], `moment ${q.momentIdx}`);
    });

    test('the same transcript for another rep is another call; for the same rep a 409', async () => {
      const manager = await s.login('manager@test.io');
      const content = sampleCall('Dana Reyes', 'Jordan Blake', ' shared');
      const upload = (filename: string, repId: number) =>
        manager.request('POST', '/api/v1/calls', { filename, content, repId });
      const dana = await upload('shared.txt', s.cast.repA.id);
      assert.equal(dana.statusCode, 201, dana.body);
      const sam = await upload('shared-copy.txt', s.cast.repA2.id);
      assert.equal(sam.statusCode, 201, sam.body);
      assert.equal(sam.json().repName, 'Sam Patel');
      assert.notEqual(sam.json().id, dana.json().id);
      const again = assertError(await upload('again.txt', s.cast.repA2.id), 409, 'duplicate');
      assert.match(again.message, new RegExp(`\\(call ${sam.json().id}\\) for Sam Patel`));
      // What the API document says is what happens.
      const doc = (await s.anonymous.request('GET', '/api/v1/openapi.json')).json();
      assert.match(doc.paths['/api/v1/calls'].post.description, /same file twice for the same rep/);
      assert.match(doc.paths['/api/v1/calls'].post.description, /for another rep is another call/);
    });

    test('bad uploads: not a transcript (422, plain words), too large (413), unknown rep (400)', async () => {
      const rep = await s.login('dana@test.io');
      const notTranscript = await rep.request('POST', '/api/v1/calls', {
        filename: 'shopping.txt',
        content: 'eggs\nmilk\nbread\n',
      });
      const e = assertError(notTranscript, 422);
      assert.match(e.message, /shopping\.txt: not a transcript/);
      const binary = await rep.request('POST', '/api/v1/calls', {
        filename: 'photo.jpg',
        content: Buffer.from([0xff, 0xd8, 0, 0, 1, 2]).toString('base64'),
        encoding: 'base64',
      });
      assertError(binary, 422);
      const big = 'Dana Reyes: hello there\n'.repeat(230_000);
      const tooLarge = await rep.request('POST', '/api/v1/calls', {
        filename: 'big.txt',
        content: big,
      });
      assert.match(assertError(tooLarge, 413, 'too-large').message, /5 MB/);
      const unknown = await rep.request('POST', '/api/v1/calls', {
        filename: 'x.txt',
        content: sampleCall('Dana Reyes', 'Pat', ' unknown rep'),
        repId: s.cast.repB.id,
      });
      assert.equal(assertError(unknown, 400).field, 'repId');
    });

    test('a malformed body or query is a 400 naming the field', async () => {
      const admin = await s.login('admin@test.io');
      const cases: [string, string, unknown, string][] = [
        ['POST', '/api/v1/calls', { content: 'x' }, 'filename'],
        ['POST', '/api/v1/calls', { filename: 'a.txt', content: 'x', date: '31/03/2026' }, 'date'],
        [
          'POST',
          '/api/v1/calls',
          { filename: 'a.txt', content: 'x', encoding: 'utf-7' },
          'encoding',
        ],
        ['GET', '/api/v1/calls?pageSize=1000', undefined, 'pageSize'],
        ['GET', '/api/v1/calls?response=caved,bravely', undefined, 'response'],
        ['GET', '/api/v1/calls?sort=length', undefined, 'sort'],
        ['GET', '/api/v1/calls/abc', undefined, 'id'],
        [
          'POST',
          '/api/v1/users',
          { email: 'not-an-email', name: 'X', role: 'rep', password: 'longenough' },
          'email',
        ],
        [
          'POST',
          '/api/v1/users',
          { email: 'x@y.io', name: 'X', role: 'boss', password: 'longenough' },
          'role',
        ],
        ['PATCH', '/api/v1/moments/1', { reviewed: 'yes' }, 'reviewed'],
      ];
      for (const [method, url, body, field] of cases) {
        const e = assertError(await admin.request(method as 'GET', url, body), 400);
        assert.equal(e.field, field, `${method} ${url}`);
        assert.ok(e.message.startsWith(`${field}:`), e.message);
      }
      const badJson = await admin.request('POST', '/api/v1/analyze', '{"content": ', {
        'content-type': 'application/json',
      });
      assertError(badJson, 400, 'invalid-json');
    });

    test('POST /analyze analyses without storing', async () => {
      const rep = await s.login('sam@test.io');
      const before = (await rep.request('GET', '/api/v1/calls')).json().total;
      const res = await rep.request('POST', '/api/v1/analyze', {
        content: sampleCall('Sam Patel', 'Lee', ' a'),
      });
      assert.equal(res.statusCode, 200);
      assert.ok(res.json().moments.length > 0);
      assert.equal((await rep.request('GET', '/api/v1/calls')).json().total, before);
    });

    test('the question bank filters by trigger and words; an unknown trigger is explained', async () => {
      const rep = await s.login('sam@test.io');
      const price = (await rep.request('GET', '/api/v1/questions?trigger=objection:price')).json();
      assert.ok(
        price.length > 0 && price.every((e: { trigger: string }) => e.trigger === 'objection'),
      );
      const all = (await rep.request('GET', '/api/v1/questions')).json();
      const word = (await rep.request('GET', '/api/v1/questions?q=budget')).json();
      assert.ok(word.length > 0 && word.length < all.length);
      assert.ok(word.every((e: { text: string; why: string }) => /budget/i.test(e.text + e.why)));
      assert.match(
        assertError(await rep.request('GET', '/api/v1/questions?trigger=sulk'), 422).message,
        /unknown trigger/,
      );
    });

    test('API tokens: only an admin creates them; Bearer works; a revoked token gets 401', async () => {
      const manager = await s.login('manager@test.io');
      assertError(
        await manager.request('POST', '/api/v1/tokens', { name: 'crm' }),
        403,
        'forbidden',
      );
      const admin = await s.login('admin@test.io');
      const created = await admin.request('POST', '/api/v1/tokens', {
        name: 'CRM sync',
        userId: s.cast.manager.id,
      });
      assert.equal(created.statusCode, 201);
      const { token, info } = created.json();
      assert.match(token, /^wpt_/);
      const bot = s.withToken(token);
      const list = await bot.request('GET', '/api/v1/calls');
      assert.equal(list.statusCode, 200);
      // A token needs no CSRF header: a browser never sends it on its own.
      const up = await bot.request('POST', '/api/v1/analyze', { content: sampleCall() });
      assert.equal(up.statusCode, 200);
      const tokens = (await admin.request('GET', '/api/v1/tokens')).json();
      assert.equal(tokens[0].prefix, token.slice(0, 10));
      assert.ok(tokens[0].lastUsedAt);
      assert.equal(JSON.stringify(tokens).includes(token), false, 'the secret is never listed');
      assert.equal((await admin.request('DELETE', `/api/v1/tokens/${info.id}`)).statusCode, 204);
      assertError(await bot.request('GET', '/api/v1/calls'), 401, 'invalid-token');
      assertError(await s.withToken('wpt_madeup').request('GET', '/api/v1/calls'), 401);
    });

    test('people: an admin creates users and teams; others cannot', async () => {
      const admin = await s.login('admin@test.io');
      const team = await admin.request('POST', '/api/v1/teams', { name: 'Team C' });
      assert.equal(team.statusCode, 201);
      const user = await admin.request('POST', '/api/v1/users', {
        email: 'new@test.io',
        name: 'New Rep',
        role: 'rep',
        password: 'a long password',
        teamIds: [team.json().id],
      });
      assert.equal(user.statusCode, 201);
      assert.deepEqual(user.json().teamIds, [team.json().id]);
      assertError(
        await admin.request('POST', '/api/v1/users', {
          email: 'NEW@test.io',
          name: 'Dup',
          role: 'rep',
          password: 'a long password',
        }),
        409,
        'email-taken',
      );
      const patched = await admin.request('PATCH', `/api/v1/users/${user.json().id}`, {
        role: 'manager',
      });
      assert.equal(patched.json().role, 'manager');
      assert.equal((await s.login('new@test.io', 'a long password')).request !== undefined, true);
      const rep = await s.login('dana@test.io');
      assertError(await rep.request('POST', '/api/v1/teams', { name: 'Mine' }), 403);
      assert.deepEqual(
        (await rep.request('GET', '/api/v1/users')).json().map((u: { email: string }) => u.email),
        ['dana@test.io'],
      );
    });

    test('the OpenAPI document lists every route with the fields the server validates', async () => {
      const doc = (await s.anonymous.request('GET', '/api/v1/openapi.json')).json();
      assert.equal(doc.openapi, '3.1.0');
      const paths = Object.keys(doc.paths);
      for (const p of [
        '/api/v1/calls',
        '/api/v1/calls/{id}',
        '/api/v1/calls/{id}/moments',
        '/api/v1/moments/{id}/notes',
        '/api/v1/stats',
        '/api/v1/stats/queue',
        '/api/v1/analyze',
        '/api/v1/questions',
        '/api/v1/users',
        '/api/v1/teams',
        '/api/v1/tokens',
        '/api/v1/tokens/{id}',
      ]) {
        assert.ok(paths.includes(p), p);
      }
      const upload = doc.paths['/api/v1/calls'].post.requestBody.content;
      assert.deepEqual(upload['application/json'].schema.required.sort(), ['content', 'filename']);
      assert.deepEqual(Object.keys(upload['application/json'].schema.properties).sort(), [
        'content',
        'date',
        'encoding',
        'filename',
        'repId',
        'speakers',
      ]);
      assert.ok(upload['multipart/form-data']);
      const list = doc.paths['/api/v1/calls'].get.parameters
        .map((p: { name: string }) => p.name)
        .sort();
      assert.deepEqual(list, [
        'from',
        'maxScore',
        'minScore',
        'order',
        'page',
        'pageSize',
        'q',
        'rep',
        'response',
        'sort',
        'to',
        'trigger',
      ]);
      const pageSize = doc.paths['/api/v1/calls'].get.parameters.find(
        (p: { name: string }) => p.name === 'pageSize',
      );
      assert.equal(pageSize.schema.maximum, 100);
      // What the document says is rejected, the server rejects (and vice versa at the boundary).
      const admin = await s.login('admin@test.io');
      assert.equal((await admin.request('GET', '/api/v1/calls?pageSize=100')).statusCode, 200);
      assert.equal((await admin.request('GET', '/api/v1/calls?pageSize=101')).statusCode, 400);
      assert.ok(doc.paths['/api/v1/calls/{id}'].get.responses['404']);
      assert.ok(doc.paths['/api/v1/calls'].post.responses['409']);
    });
  }),
);

describe('API storage faults', () => {
  const dir = mkdtempSync(join(tmpdir(), 'walkpoint-api-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a database locked by another process answers 503 in plain words, and recovers', async () => {
    const path = join(dir, 'locked.db');
    const s = await testServer({ dbPath: path });
    const other = await openDb(path, { busyTimeoutMs: 10 });
    try {
      const manager = await s.login('manager@test.io');
      // The server gives up after 200 ms (faults.test.ts times it), not 5 s.
      await sql`begin exclusive`.execute(other.db);
      const res = await manager.request('POST', '/api/v1/calls', {
        filename: 'while-locked.txt',
        content: sampleCall('Dana Reyes', 'Jordan', ' locked'),
      });
      assert.match(assertError(res, 503, 'db-locked').message, /locked/);
      await sql`rollback`.execute(other.db);
      const retry = await manager.request('POST', '/api/v1/calls', {
        filename: 'after-lock.txt',
        content: sampleCall('Dana Reyes', 'Jordan', ' locked'),
      });
      assert.equal(retry.statusCode, 201, retry.body);
    } finally {
      await other.close();
      await s.close();
    }
  });
});
