/**
 * Corrections through the API: who may correct, what each action needs, how a correction
 * changes the moment, the score, the team stats and the queue, and how a revert undoes it;
 * replies; notes edited and deleted by their author only.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Analysis } from '../core/types.js';
import type { Correction, StoredMoment } from './contract/shapes.js';
import { replaceAnalysis } from './db/calls.js';
import { type Client, sampleCall, type TestServer, testServer } from './testing.js';

/** The sample call plus a plain prospect turn (5) the engine reads as no walk-point. */
const CALL = `${sampleCall()}Jordan Blake: We opened a second office in Denver last spring.
Dana Reyes: Congratulations, that sounds like a big year.
`;

describe('corrections', () => {
  let s: TestServer;
  let manager: Client;
  let managerB: Client;
  let rep: Client;
  let admin: Client;
  let callId: number;
  let moments: StoredMoment[];

  const momentsOf = async (c: Client = manager) =>
    (await c.request('GET', `/api/v1/calls/${callId}/moments`)).json() as StoredMoment[];
  const correct = (c: Client, body: Record<string, unknown>) =>
    c.request('POST', `/api/v1/calls/${callId}/corrections`, body);

  before(async () => {
    s = await testServer();
    [manager, managerB, rep, admin] = await Promise.all([
      s.login('manager@test.io'),
      s.login('managerb@test.io'),
      s.login('dana@test.io'),
      s.login('admin@test.io'),
    ]);
    const res = await rep.request('POST', '/api/v1/calls', {
      filename: 'corrected.txt',
      content: CALL,
      date: new Date().toISOString().slice(0, 10),
    });
    assert.equal(res.statusCode, 201, res.body);
    callId = res.json().id;
    moments = await momentsOf();
    assert.deepEqual(
      moments.map((m) => [m.turn, m.triggerKind, m.responseKind]),
      [
        [1, 'objection', 'challenged'],
        [3, 'stall', 'caved'],
      ],
      'the engine reads the sample call as the test expects',
    );
  });
  after(() => s.close());

  test('a rep cannot correct (403); another team manager sees nothing (404)', async () => {
    const body = { turn: 1, action: 'regrade', responseKind: 'caved' };
    assert.equal((await correct(rep, body)).statusCode, 403);
    const other = await correct(managerB, body);
    assert.equal(other.statusCode, 404);
    assert.equal(
      (await managerB.request('GET', `/api/v1/calls/${callId}/corrections`)).statusCode,
      404,
    );
    assert.deepEqual((await rep.request('GET', `/api/v1/calls/${callId}/corrections`)).json(), []);
  });

  test('each action names the field it is missing or has wrong', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ turn: 1, action: 'regrade' }, 'responseKind'],
      [{ turn: 1, action: 'regrade', responseKind: 'folded' }, 'responseKind'],
      [{ turn: 1, action: 'retype', triggerKind: 'objection' }, 'triggerSubtype'],
      [
        { turn: 1, action: 'retype', triggerKind: 'brush-off', triggerSubtype: 'price' },
        'triggerSubtype',
      ],
      [{ turn: 1, action: 'retype', triggerKind: 'grumble' }, 'triggerKind'],
      [{ turn: 5, action: 'regrade', responseKind: 'caved' }, 'turn'],
      [{ turn: 0, action: 'dismiss' }, 'turn'],
      [
        {
          turn: 5,
          action: 'promote',
          triggerKind: 'stall',
          triggerSubtype: 'later',
          responseKind: 'caved',
        },
        'quote',
      ],
      [
        {
          turn: 5,
          action: 'promote',
          quote: 'not said here',
          triggerKind: 'stall',
          triggerSubtype: 'later',
          responseKind: 'caved',
        },
        'quote',
      ],
      [
        {
          turn: 5,
          action: 'promote',
          quote: 'a second office in Denver',
          triggerKind: 'stall',
          triggerSubtype: 'later',
        },
        'responseKind',
      ],
      [{ turn: 1, action: 'undo' }, 'action'],
    ];
    for (const [body, field] of cases) {
      const res = await correct(manager, body);
      assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
      assert.equal(res.json().error.field, field, JSON.stringify(body));
    }
    assert.equal(
      (await momentsOf()).every((m) => m.correction === null),
      true,
      'nothing stored',
    );
  });

  test('regrade: the corrected grade counts in the moment, score, stats and queue; revert undoes it', async () => {
    const before = (await manager.request('GET', `/api/v1/calls/${callId}`)).json();
    const res = await correct(manager, {
      turn: 1,
      action: 'regrade',
      responseKind: 'caved',
      reason: 'He dropped the price two turns later',
    });
    assert.equal(res.statusCode, 201, res.body);
    const c = res.json() as Correction;
    assert.equal(c.authorName, 'Morgan Lee');
    assert.deepEqual(c.engine, {
      triggerKind: 'objection',
      triggerSubtype: 'price',
      responseKind: 'challenged',
    });
    assert.deepEqual(c.corrected, { ...c.engine, responseKind: 'caved' });
    const m = (await momentsOf()).find((x) => x.turn === 1);
    assert.equal(m?.responseKind, 'caved');
    assert.equal(m?.engineReading?.responseKind, 'challenged');
    assert.equal(m?.correction?.id, c.id);
    assert.equal(m?.needsReview, false);
    assert.equal(m?.id, moments[0].id, 'the same moment row: notes stay');

    const call = (await manager.request('GET', `/api/v1/calls/${callId}`)).json();
    assert.ok(call.score < before.score, `score ${call.score} < ${before.score}`);
    assert.equal(call.corrections, 1);
    // the scorecard's components count the correction as the call's score does
    assert.equal(before.correctedScore, null);
    assert.equal(Math.round(call.correctedScore.willingToWalk), call.score);
    assert.equal(call.analysis.score.willingToWalk, before.analysis.score.willingToWalk);
    const sum = (sc: { components: { points: number }[] }) =>
      sc.components.reduce((n, x) => n + x.points, 0);
    assert.ok(sum(call.correctedScore) < sum(call.analysis.score), 'a component lost points');
    assert.equal(call.responses.challenged ?? 0, 0);
    assert.equal(call.responses.caved, 2);
    const stats = (await manager.request('GET', '/api/v1/stats')).json();
    assert.equal(stats.totals.responses.caved, 2);
    const queue = (await manager.request('GET', '/api/v1/stats/queue')).json();
    assert.ok(
      queue.some(
        (q: { turn: number; responseKind: string }) => q.turn === 1 && q.responseKind === 'caved',
      ),
    );

    const undo = await manager.request('DELETE', `/api/v1/corrections/${c.id}`);
    assert.equal(undo.statusCode, 200, undo.body);
    assert.ok(undo.json().revertedAt);
    assert.equal(undo.json().revertedBy, s.cast.manager.id);
    assert.equal((await manager.request('DELETE', `/api/v1/corrections/${c.id}`)).statusCode, 409);
    assert.equal((await momentsOf()).find((x) => x.turn === 1)?.responseKind, 'challenged');
    const reverted = (await manager.request('GET', `/api/v1/calls/${callId}`)).json();
    assert.equal(reverted.score, before.score);
    assert.equal(reverted.corrections, 0);
    assert.equal(reverted.correctedScore, null);
    const history = (await manager.request('GET', `/api/v1/calls/${callId}/corrections`)).json();
    assert.deepEqual(
      history.map((h: Correction) => [h.id, h.revertedAt !== null]),
      [[c.id, true]],
      'kept in the history',
    );
  });

  test('dismiss keeps the moment listed but counts it nowhere; promote adds one', async () => {
    const d = await correct(manager, { turn: 3, action: 'dismiss', reason: 'polite, not a stall' });
    assert.equal(d.statusCode, 201, d.body);
    assert.equal(d.json().corrected, null);
    const p = await correct(admin, {
      turn: 5,
      action: 'promote',
      quote: 'a second office in Denver',
      triggerKind: 'stall',
      triggerSubtype: 'later',
      responseKind: 'caved',
    });
    assert.equal(p.statusCode, 201, p.body);
    assert.equal(p.json().engine, null);
    const list = await momentsOf();
    const dismissed = list.find((m) => m.turn === 3);
    assert.equal(dismissed?.dismissed, true);
    const promoted = list.find((m) => m.turn === 5);
    assert.equal(promoted?.origin, 'manager');
    assert.equal(promoted?.triggerQuote, 'a second office in Denver');
    assert.equal(promoted?.engineReading, null);
    assert.equal(promoted?.idx, 2, 'numbered after the engine moments');
    const call = (await manager.request('GET', `/api/v1/calls/${callId}`)).json();
    assert.equal(call.momentCount, 2, 'one dismissed, one promoted');
    assert.equal(call.corrections, 2);
    const queue = (await manager.request('GET', '/api/v1/stats/queue')).json();
    assert.equal(
      queue.some((q: { turn: number; callId: number }) => q.callId === callId && q.turn === 3),
      false,
    );
    assert.ok(
      queue.some((q: { turn: number; callId: number }) => q.callId === callId && q.turn === 5),
    );

    // a newer engine reads the call differently: the corrections stay, the engine's reading moves
    const row = await s.db.db
      .selectFrom('calls')
      .select('analysis_json')
      .where('id', '=', callId)
      .executeTakeFirstOrThrow();
    const analysis = JSON.parse(row.analysis_json) as Analysis;
    analysis.moments[1].trigger.subtype = 'think';
    await replaceAnalysis(s.db.db, callId, {
      ...analysis,
      engine: { name: 'walkpoint', version: '9.9.9' },
    });
    const again = await momentsOf();
    assert.equal(again.find((m) => m.turn === 3)?.dismissed, true);
    assert.equal(again.find((m) => m.turn === 3)?.engineReading?.triggerSubtype, 'think');
    assert.equal(again.find((m) => m.turn === 5)?.origin, 'manager');

    // reverting the promotion removes the moment; the dismissal's revert restores the stall
    assert.equal(
      (await admin.request('DELETE', `/api/v1/corrections/${p.json().id}`)).statusCode,
      200,
    );
    assert.equal(
      (await manager.request('DELETE', `/api/v1/corrections/${d.json().id}`)).statusCode,
      200,
    );
    const restored = await momentsOf();
    assert.deepEqual(
      restored.map((m) => [m.turn, m.dismissed, m.origin]),
      [
        [1, false, 'engine'],
        [3, false, 'engine'],
      ],
    );
  });

  test('the latest correction at a turn wins; reverting it brings back the previous one', async () => {
    const first = await correct(manager, {
      turn: 3,
      action: 'retype',
      triggerKind: 'stall',
      triggerSubtype: 'later',
    });
    const second = await correct(manager, { turn: 3, action: 'regrade', responseKind: 'gave-up' });
    assert.equal(first.statusCode, 201, first.body);
    assert.deepEqual(second.json().corrected, {
      triggerKind: 'stall',
      triggerSubtype: 'later',
      responseKind: 'gave-up',
    });
    await manager.request('DELETE', `/api/v1/corrections/${second.json().id}`);
    const m = (await momentsOf()).find((x) => x.turn === 3);
    assert.equal(m?.responseKind, 'caved');
    assert.equal(m?.triggerSubtype, 'later');
    assert.equal(m?.correction?.id, first.json().id);
    await manager.request('DELETE', `/api/v1/corrections/${first.json().id}`);
  });

  test('replies: the call rep and its managers; nobody else', async () => {
    const c = (
      await correct(manager, { turn: 1, action: 'regrade', responseKind: 'caved' })
    ).json();
    const r = await rep.request('POST', `/api/v1/corrections/${c.id}/replies`, {
      body: 'I asked about budget first.',
    });
    assert.equal(r.statusCode, 201, r.body);
    assert.equal(r.json().authorName, 'Dana Reyes');
    assert.equal(
      (await manager.request('POST', `/api/v1/corrections/${c.id}/replies`, { body: 'Fair.' }))
        .statusCode,
      201,
    );
    const other = await s.login('sam@test.io');
    assert.equal(
      (await other.request('POST', `/api/v1/corrections/${c.id}/replies`, { body: 'x' }))
        .statusCode,
      404,
    );
    assert.equal(
      (await managerB.request('POST', `/api/v1/corrections/${c.id}/replies`, { body: 'x' }))
        .statusCode,
      404,
    );
    assert.equal((await managerB.request('DELETE', `/api/v1/corrections/${c.id}`)).statusCode, 404);
    assert.equal((await rep.request('DELETE', `/api/v1/corrections/${c.id}`)).statusCode, 403);
    assert.equal(
      (await rep.request('POST', `/api/v1/corrections/${c.id}/replies`, { body: ' ' })).json().error
        .field,
      'body',
    );
    const seen = (
      await rep.request('GET', `/api/v1/calls/${callId}/moments`)
    ).json() as StoredMoment[];
    assert.deepEqual(
      seen.find((m) => m.turn === 1)?.correction?.replies.map((x) => x.body),
      ['I asked about budget first.', 'Fair.'],
      'a rep sees the correction and the replies on their own call',
    );
  });

  test('notes: edited and deleted by their author only', async () => {
    const note = (
      await manager.request('POST', `/api/v1/moments/${moments[0].id}/notes`, {
        body: 'Ask about budget.',
      })
    ).json();
    assert.equal(
      (await admin.request('PATCH', `/api/v1/notes/${note.id}`, { body: 'mine now' })).statusCode,
      403,
    );
    assert.equal((await rep.request('DELETE', `/api/v1/notes/${note.id}`)).statusCode, 403);
    assert.equal(
      (await managerB.request('PATCH', `/api/v1/notes/${note.id}`, { body: 'x' })).statusCode,
      404,
    );
    assert.equal((await managerB.request('DELETE', `/api/v1/notes/${note.id}`)).statusCode, 404);
    const edited = await manager.request('PATCH', `/api/v1/notes/${note.id}`, {
      body: '  Ask what budget is set aside. ',
    });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal(edited.json().body, 'Ask what budget is set aside.');
    assert.equal(
      (await manager.request('PATCH', `/api/v1/notes/${note.id}`, { body: '' })).json().error.field,
      'body',
    );
    assert.equal((await manager.request('DELETE', `/api/v1/notes/${note.id}`)).statusCode, 204);
    assert.equal((await manager.request('DELETE', `/api/v1/notes/${note.id}`)).statusCode, 404);
  });

  test('the routes are in the OpenAPI document', async () => {
    const doc = (await s.anonymous.request('GET', '/api/v1/openapi.json')).json();
    for (const p of [
      '/api/v1/calls/{id}/corrections',
      '/api/v1/corrections/{id}',
      '/api/v1/corrections/{id}/replies',
      '/api/v1/notes/{id}',
      '/api/v1/models',
      '/api/v1/models/retrain',
      '/api/v1/models/{id}/activate',
    ]) {
      assert.ok(doc.paths[p], p);
    }
  });
});
