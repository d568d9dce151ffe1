/**
 * Access: a rep cannot reach another rep's call through any endpoint, nor can a manager of
 * another team. Every refusal is a 404 that looks exactly like a call that does not exist.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, forEachDb, sampleCall, type TestServer, testServer } from './testing.js';

forEachDb((kind) =>
  describe(`access to calls (${kind})`, () => {
    let s: TestServer;
    let danaCall: number;
    let danaMoment: number;
    let owner: Client;
    const secret = 'zebracorn-secret-phrase';

    before(async () => {
      s = await testServer({ kind });
      owner = await s.login('dana@test.io');
      const res = await owner.request('POST', '/api/v1/calls', {
        filename: 'dana-private.txt',
        content: sampleCall('Dana Reyes', 'Jordan Blake', ` ${secret}`),
        date: new Date().toISOString().slice(0, 10),
      });
      assert.equal(res.statusCode, 201, res.body);
      danaCall = res.json().id;
      danaMoment = res.json().moments[0].id;
      const manager = await s.login('manager@test.io');
      const note = await manager.request('POST', `/api/v1/moments/${danaMoment}/notes`, {
        body: 'private coaching',
      });
      assert.equal(note.statusCode, 201);
    });
    after(() => s.close());

    /** Every way to read or change the call, and what "no access" must look like for each. */
    async function probe(c: Client) {
      const missing = 999_999;
      const pairs: [string, 'GET' | 'POST' | 'PATCH' | 'DELETE', string, string, unknown?][] = [
        ['get', 'GET', `/api/v1/calls/${danaCall}`, `/api/v1/calls/${missing}`],
        [
          'transcript',
          'GET',
          `/api/v1/calls/${danaCall}/transcript`,
          `/api/v1/calls/${missing}/transcript`,
        ],
        ['moments', 'GET', `/api/v1/calls/${danaCall}/moments`, `/api/v1/calls/${missing}/moments`],
        ['notes', 'GET', `/api/v1/moments/${danaMoment}/notes`, `/api/v1/moments/${missing}/notes`],
        ['delete', 'DELETE', `/api/v1/calls/${danaCall}`, `/api/v1/calls/${missing}`],
      ];
      for (const [name, method, url, missingUrl] of pairs) {
        const res = await c.request(method, url);
        const ghost = await c.request(method, missingUrl);
        assert.equal(res.statusCode, 404, `${name}: ${res.body}`);
        assert.equal(res.body, ghost.body, `${name}: indistinguishable from missing`);
        assert.equal(res.body.includes(secret), false);
      }
      const list = await c.request('GET', '/api/v1/calls?pageSize=100');
      assert.equal(list.statusCode, 200);
      assert.equal(
        list.json().items.some((x: { id: number }) => x.id === danaCall),
        false,
        'list',
      );
      const search = await c.request('GET', `/api/v1/calls?q=${secret}`);
      assert.equal(search.json().total, 0, 'search');
      const byRep = await c.request('GET', `/api/v1/calls?rep=${s.cast.repA.id}`);
      assert.equal(byRep.json().total, 0, 'filter by the other rep');
      const stats = await c.request('GET', `/api/v1/stats?rep=${s.cast.repA.id}`);
      assert.deepEqual(stats.json().reps, [], 'stats');
      const all = await c.request('GET', '/api/v1/stats');
      assert.equal(
        all.json().reps.some((r: { repUserId: number }) => r.repUserId === s.cast.repA.id),
        false,
      );
      const queue = await c.request('GET', '/api/v1/stats/queue?includeReviewed=true&limit=100');
      assert.equal(
        queue.json().some((q: { callId: number }) => q.callId === danaCall),
        false,
        'queue',
      );
    }

    test("another team's rep gets nothing, through any endpoint", async () => {
      await probe(await s.login('chris@test.io'));
    });

    test('a rep on the same team gets nothing either', async () => {
      await probe(await s.login('sam@test.io'));
    });

    test('a manager of another team gets nothing, and cannot coach or review it', async () => {
      const other = await s.login('managerb@test.io');
      await probe(other);
      const note = await other.request('POST', `/api/v1/moments/${danaMoment}/notes`, {
        body: 'sneaky',
      });
      assert.equal(note.statusCode, 404);
      const review = await other.request('PATCH', `/api/v1/moments/${danaMoment}`, {
        reviewed: true,
      });
      assert.equal(review.statusCode, 404);
    });

    test('an API token acting as another rep gets nothing', async () => {
      const admin = await s.login('admin@test.io');
      const { token } = (
        await admin.request('POST', '/api/v1/tokens', { name: 't', userId: s.cast.repB.id })
      ).json();
      await probe(s.withToken(token));
    });

    test('a rep cannot coach, even on their own call', async () => {
      const res = await owner.request('POST', `/api/v1/moments/${danaMoment}/notes`, {
        body: 'self-praise',
      });
      assert.equal(res.statusCode, 403);
      const notes = await owner.request('GET', `/api/v1/moments/${danaMoment}/notes`);
      assert.deepEqual(
        notes.json().map((n: { body: string }) => n.body),
        ['private coaching'],
      );
    });

    test('the call is still there after all those attempts; its manager and an admin see it', async () => {
      for (const email of ['dana@test.io', 'manager@test.io', 'admin@test.io']) {
        const c = await s.login(email);
        const res = await c.request('GET', `/api/v1/calls/${danaCall}`);
        assert.equal(res.statusCode, 200, email);
        assert.ok(res.json().analysis.turns[0].text.includes(secret));
      }
    });
  }),
);
