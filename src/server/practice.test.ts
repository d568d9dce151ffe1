/**
 * Practice through the real app (inject): scenarios, a session played to its debrief, who may
 * see and reply to a session, assignments from a manager to a rep, and validation.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadScenario, OUTCOMES, playReplies } from '../practice/index.js';
import { REPLAYS } from '../practice/replays.js';
import { type Client, type TestServer, testServer } from './testing.js';

const SCENARIO = 'send-me-information';
const replay = REPLAYS[SCENARIO];
const rank = (o: string | null) => (o === null ? OUTCOMES.length : OUTCOMES.indexOf(o as never));

interface Turn {
  role: 'prospect' | 'rep';
  text: string;
  grade?: { response: string; explanation: string; suggestion?: { text: string } };
}
interface Session {
  id: number;
  userId: number;
  outcome: string | null;
  score: number | null;
  turns: Turn[];
  state: { openness: number; earned: { id: string }[]; facts: number };
  debrief: null | {
    outcome: string;
    score: number;
    moments: { response: string; suggestion?: { text: string }; praise?: string }[];
    revealed: { id: string }[];
    missed: { id: string }[];
  };
}

function assertInvalid(res: { statusCode: number; json(): unknown }, field: string) {
  assert.equal(res.statusCode, 400, JSON.stringify(res.json()));
  const { error } = res.json() as { error: { code: string; message: string; field?: string } };
  assert.equal(error.field, field, error.message);
  assert.ok(error.message.startsWith(`${field}:`), error.message);
}

/** Starts a session and sends each reply until the call ends; returns the last session. */
async function play(c: Client, replies: string[], body: Record<string, unknown>) {
  const start = await c.request('POST', '/api/v1/practice/sessions', body);
  assert.equal(start.statusCode, 201, start.body);
  let session = start.json() as Session;
  for (const text of replies) {
    if (session.outcome) break;
    const res = await c.request('POST', `/api/v1/practice/sessions/${session.id}/replies`, {
      text,
    });
    assert.equal(res.statusCode, 200, res.body);
    session = res.json().session;
  }
  return session;
}

describe('practice API', () => {
  let s: TestServer;
  let dana: Client;
  let manager: Client;
  let danaSession: number;

  before(async () => {
    s = await testServer();
    dana = await s.login('dana@test.io');
    manager = await s.login('manager@test.io');
  });
  after(() => s.close());

  test('lists the scenarios with title, persona, difficulty and triggers', async () => {
    const res = await dana.request('GET', '/api/v1/practice/scenarios');
    assert.equal(res.statusCode, 200);
    const list = res.json() as {
      name: string;
      title: string;
      difficulty: string;
      triggers: string[];
      persona: { name: string; title: string };
    }[];
    assert.ok(list.length >= 10);
    const cto = list.find((x) => x.name === 'cto-ten-minutes');
    assert.ok(cto && cto.title.length > 0 && cto.persona.title === 'CTO');
    for (const x of list) {
      assert.ok(['easy', 'medium', 'hard'].includes(x.difficulty), x.name);
      assert.ok(x.triggers.length > 0, x.name);
    }
  });

  test('a session starts with the opening line, grades each reply, and ends in a debrief', async () => {
    const start = await dana.request('POST', '/api/v1/practice/sessions', {
      scenario: SCENARIO,
      seed: replay.seed,
    });
    assert.equal(start.statusCode, 201, start.body);
    const opened = start.json() as Session;
    assert.equal(opened.turns.length, 1);
    assert.equal(opened.turns[0].role, 'prospect');
    assert.equal(opened.outcome, null);
    assert.equal(opened.debrief, null);
    danaSession = opened.id;

    const first = await dana.request('POST', `/api/v1/practice/sessions/${opened.id}/replies`, {
      text: replay.challenging[0],
    });
    assert.equal(first.statusCode, 200, first.body);
    const body = first.json();
    assert.equal(body.grade.response, 'challenged');
    assert.ok(body.grade.explanation.length > 10);
    assert.equal(body.prospect.role, 'prospect');
    assert.equal(body.session.turns.length, 3);

    let session = body.session as Session;
    for (const text of replay.challenging.slice(1)) {
      if (session.outcome) break;
      const r = await dana.request('POST', `/api/v1/practice/sessions/${opened.id}/replies`, {
        text,
      });
      session = r.json().session;
    }
    // The same engine, seed and replies as the library: the same call.
    const lib = playReplies(loadScenario(SCENARIO), replay.challenging, {
      seed: replay.seed,
      rep: 'You',
    }).session;
    assert.equal(session.outcome, lib.outcome);
    assert.deepEqual(
      session.turns.map((t) => t.text),
      lib.turns.map((t) => t.text),
    );
    assert.ok(session.debrief, 'a finished session has its debrief');
    assert.equal(session.debrief.outcome, session.outcome);
    assert.ok(session.debrief.moments.length >= 1);
    assert.ok(session.debrief.moments.every((m) => m.response === 'challenged'));
    assert.ok(session.debrief.revealed.length >= 1);
    assert.equal(typeof session.score, 'number');

    const again = await dana.request('POST', `/api/v1/practice/sessions/${opened.id}/replies`, {
      text: 'One more thing?',
    });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'session-over');

    const read = await dana.request('GET', `/api/v1/practice/sessions/${opened.id}`);
    assert.equal(read.statusCode, 200);
    assert.deepEqual(read.json().debrief, session.debrief);
  });

  test('caving ends worse, and the debrief says what would have worked', async () => {
    const challenged = (
      await dana.request('GET', `/api/v1/practice/sessions/${danaSession}`)
    ).json();
    const caved = await play(dana, replay.caving, { scenario: SCENARIO, seed: replay.seed });
    assert.ok(caved.outcome);
    assert.ok(rank(caved.outcome) > rank(challenged.outcome), caved.outcome);
    assert.ok((caved.score ?? 100) < challenged.score);
    const moment = caved.debrief?.moments.find((m) => m.response === 'caved');
    assert.ok(moment?.suggestion?.text, 'a nothing-to-lose reply for the caved moment');
    const graded = caved.turns.find((t) => t.grade?.response === 'caved');
    assert.ok(graded?.grade?.suggestion, 'live feedback carries the suggestion too');
  });

  test('a walk-out ends the call at once, with no prospect line after it', async () => {
    const start = (
      await dana.request('POST', '/api/v1/practice/sessions', { scenario: 'cto-ten-minutes' })
    ).json() as Session;
    const res = await dana.request('POST', `/api/v1/practice/sessions/${start.id}/replies`, {
      text: "This isn't worth our time. Let's stop here.",
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().grade.response, 'walked-out');
    assert.equal(res.json().prospect, null);
    assert.equal(res.json().session.outcome, 'walked-out');
  });

  test("a rep sees only their own sessions; another team's manager gets a 404", async () => {
    const url = `/api/v1/practice/sessions/${danaSession}`;
    const missing = '/api/v1/practice/sessions/999999';
    for (const email of ['chris@test.io', 'sam@test.io', 'managerb@test.io']) {
      const c = await s.login(email);
      const res = await c.request('GET', url);
      assert.equal(res.statusCode, 404, email);
      assert.equal(
        res.body,
        (await c.request('GET', missing)).body,
        `${email}: like a missing one`,
      );
      const reply = await c.request('POST', `${url}/replies`, { text: 'Hello?' });
      assert.equal(reply.statusCode, 404, email);
      const team = await c.request('GET', '/api/v1/practice/sessions?who=team');
      assert.equal(
        team.json().some((x: { id: number }) => x.id === danaSession),
        false,
        `${email}: not listed`,
      );
      const byRep = await c.request('GET', `/api/v1/practice/sessions?rep=${s.cast.repA.id}`);
      assert.deepEqual(byRep.json(), [], `${email}: filtering by the rep shows nothing`);
    }
    const mine = await dana.request('GET', '/api/v1/practice/sessions');
    assert.ok(mine.json().length >= 3);
    assert.ok(mine.json().every((x: { userId: number }) => x.userId === s.cast.repA.id));
  });

  test("the rep's manager sees the session and the team's results, but cannot reply", async () => {
    const url = `/api/v1/practice/sessions/${danaSession}`;
    assert.equal((await manager.request('GET', url)).statusCode, 200);
    const reply = await manager.request('POST', `${url}/replies`, { text: 'Hello?' });
    assert.equal(reply.statusCode, 403);
    const own = await manager.request('GET', '/api/v1/practice/sessions');
    assert.deepEqual(own.json(), [], 'by default, only your own');
    const team = await manager.request('GET', `/api/v1/practice/sessions?rep=${s.cast.repA.id}`);
    const rows = team.json() as { id: number; repName: string; title: string; outcome: string }[];
    assert.ok(rows.some((x) => x.id === danaSession && x.repName === 'Dana Reyes'));
    const finished = await manager.request(
      'GET',
      '/api/v1/practice/sessions?who=team&status=finished',
    );
    assert.ok(finished.json().every((x: { outcome: string | null }) => x.outcome !== null));
    const admin = await s.login('admin@test.io');
    assert.equal((await admin.request('GET', url)).statusCode, 200);
  });

  test('assignments: a manager assigns, the rep plays it, the manager sees the result', async () => {
    const repId = s.cast.repA.id;
    const created = await manager.request('POST', '/api/v1/practice/assignments', {
      scenario: SCENARIO,
      repId,
      due: '2999-12-31',
    });
    assert.equal(created.statusCode, 201, created.body);
    const a = created.json();
    assert.equal(a.status, 'open');
    assert.equal(a.repName, 'Dana Reyes');
    assert.equal(a.assignedByName, 'Morgan Lee');

    const mine = (await dana.request('GET', '/api/v1/practice/assignments')).json();
    assert.deepEqual(
      mine.map((x: { id: number }) => x.id),
      [a.id],
    );
    const chris = await s.login('chris@test.io');
    assert.deepEqual((await chris.request('GET', '/api/v1/practice/assignments')).json(), []);
    const stolen = await chris.request('POST', '/api/v1/practice/sessions', { assignment: a.id });
    assert.equal(stolen.statusCode, 404, "another rep cannot play someone else's assignment");
    const wrong = await dana.request('POST', '/api/v1/practice/sessions', {
      assignment: a.id,
      scenario: 'cto-ten-minutes',
    });
    assertInvalid(wrong, 'scenario');

    const start = await dana.request('POST', '/api/v1/practice/sessions', { assignment: a.id });
    assert.equal(start.statusCode, 201);
    const started = (await dana.request('GET', '/api/v1/practice/assignments')).json()[0];
    assert.equal(started.status, 'started');
    assert.equal(started.activeSessionId, start.json().id);

    let session = start.json() as Session;
    for (const text of replay.caving) {
      if (session.outcome) break;
      session = (
        await dana.request('POST', `/api/v1/practice/sessions/${session.id}/replies`, { text })
      ).json().session;
    }
    assert.ok(session.outcome);
    const team = (await manager.request('GET', '/api/v1/practice/assignments?who=team')).json();
    const result = team.find((x: { id: number }) => x.id === a.id);
    assert.equal(result.status, 'done');
    assert.equal(result.sessionId, session.id);
    assert.equal(result.outcome, session.outcome);
    assert.equal(result.score, session.score);

    const otherManager = await s.login('managerb@test.io');
    const del = await otherManager.request('DELETE', `/api/v1/practice/assignments/${a.id}`);
    assert.equal(del.statusCode, 404);
    const repDel = await dana.request('DELETE', `/api/v1/practice/assignments/${a.id}`);
    assert.equal(repDel.statusCode, 403);
    assert.equal(
      (await manager.request('DELETE', `/api/v1/practice/assignments/${a.id}`)).statusCode,
      204,
    );
    assert.deepEqual((await dana.request('GET', '/api/v1/practice/assignments')).json(), []);
    const kept = await dana.request('GET', `/api/v1/practice/sessions/${session.id}`);
    assert.equal(kept.statusCode, 200, 'the session played for it stays');
    assert.equal(kept.json().assignmentId, null);
  });

  test('only managers assign, and only to people of their own team', async () => {
    const asRep = await dana.request('POST', '/api/v1/practice/assignments', {
      scenario: SCENARIO,
      repId: s.cast.repA2.id,
    });
    assert.equal(asRep.statusCode, 403);
    const otherTeam = await manager.request('POST', '/api/v1/practice/assignments', {
      scenario: SCENARIO,
      repId: s.cast.repB.id,
    });
    assertInvalid(otherTeam, 'repId');
  });

  test('validation answers 400 naming the field', async () => {
    const post = (url: string, body: unknown, c = dana) => c.request('POST', url, body);
    assertInvalid(await post('/api/v1/practice/sessions', {}), 'scenario');
    const unknown = await post('/api/v1/practice/sessions', { scenario: 'no-such-prospect' });
    assertInvalid(unknown, 'scenario');
    assert.match(unknown.json().error.message, /cto-ten-minutes/, 'the choices are listed');
    assertInvalid(
      await post('/api/v1/practice/sessions', { scenario: SCENARIO, seed: 1.5 }),
      'seed',
    );
    assertInvalid(
      await post(`/api/v1/practice/sessions/${danaSession}/replies`, { text: '   ' }),
      'text',
    );
    const assign = '/api/v1/practice/assignments';
    const repId = s.cast.repA.id;
    assertInvalid(await post(assign, { scenario: SCENARIO }, manager), 'repId');
    assertInvalid(await post(assign, { scenario: 'nope', repId }, manager), 'scenario');
    assertInvalid(
      await post(assign, { scenario: SCENARIO, repId, due: '31/12/2030' }, manager),
      'due',
    );
    assertInvalid(
      await post(assign, { scenario: SCENARIO, repId, due: '2001-01-01' }, manager),
      'due',
    );
    assertInvalid(await dana.request('GET', '/api/v1/practice/sessions?who=everyone'), 'who');
  });

  test('the OpenAPI document describes the practice endpoints', async () => {
    const doc = (await s.anonymous.request('GET', '/api/v1/openapi.json')).json();
    for (const path of [
      '/api/v1/practice/scenarios',
      '/api/v1/practice/sessions',
      '/api/v1/practice/sessions/{id}',
      '/api/v1/practice/sessions/{id}/replies',
      '/api/v1/practice/assignments',
      '/api/v1/practice/assignments/{id}',
    ]) {
      assert.ok(doc.paths[path], path);
    }
    assert.ok(doc.paths['/api/v1/practice/assignments'].post.responses['403']);
  });
});
