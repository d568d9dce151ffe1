/** Deal review and the self-check through the real app (inject): storage, access, validation. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { DbKind } from './db/connect.js';
import { type Client, forEachDb, type TestServer, testServer } from './testing.js';

const EXAMPLE = 'saas-payroll-think-it-over.csv';
const exampleText = readFileSync(new URL(`../../examples/${EXAMPLE}`, import.meta.url), 'utf8');
const CRITERIA = [
  'compelling-reason',
  'why-now',
  'decision-maker',
  'decision-process',
  'budget',
  'alternatives',
  'next-step',
];

interface Evidence {
  quote: string;
  callId: number | null;
  turn: number | null;
  momentIdx: number | null;
}
interface Line {
  criterion: string;
  score: number;
  source: string;
  corrected: boolean;
  proposed: { score: number; evidence: Evidence[]; why: string };
}
interface Review {
  total: number;
  band: string;
  rubric: Line[];
  plan: { criterion: string; questions: { text: string }[] }[];
}

function fieldOf(res: { statusCode: number; json(): unknown }) {
  assert.equal(res.statusCode, 400, JSON.stringify(res.json()));
  return (res.json() as { error: { field?: string; message: string } }).error;
}

/** A test server where rep Dana is signed in and has uploaded the example call. */
async function withDanasCall(
  kind: DbKind,
): Promise<{ s: TestServer; dana: Client; callId: number }> {
  const s = await testServer({ kind });
  const dana = await s.login('dana@test.io');
  const up = await dana.request('POST', '/api/v1/calls', {
    filename: EXAMPLE,
    content: exampleText,
    repId: s.cast.repA.id,
    speakers: ['Owen Marsh'],
  });
  assert.equal(up.statusCode, 201, up.body);
  return { s, dana, callId: up.json().id };
}

forEachDb((kind) =>
  describe(`deals API (${kind})`, () => {
    let s: TestServer;
    let dana: Client;
    let callId: number;
    let dealId: number;

    before(async () => {
      ({ s, dana, callId } = await withDanasCall(kind));
    });
    after(() => s.close());

    test('create a deal, link a call, read it back', async () => {
      const res = await dana.request('POST', '/api/v1/deals', {
        name: 'Payroll, 6 restaurants',
        company: 'Cho Restaurant Group',
        stage: 'evaluation',
        value: 58000,
        currency: 'USD',
        nextStep: { date: '2026-05-04', purpose: 'side-by-side on total cost' },
      });
      assert.equal(res.statusCode, 201, res.body);
      dealId = res.json().id;
      assert.equal(res.json().ownerId, s.cast.repA.id);
      assert.deepEqual(res.json().calls, []);
      const linked = await dana.request('POST', `/api/v1/deals/${dealId}/calls`, { callId });
      assert.equal(linked.statusCode, 200, linked.body);
      assert.deepEqual(
        linked.json().calls.map((c: { id: number }) => c.id),
        [callId],
      );
      // Linking twice is harmless.
      await dana.request('POST', `/api/v1/deals/${dealId}/calls`, { callId });
      const list = await dana.request('GET', '/api/v1/deals');
      assert.equal(list.json().length, 1);
      assert.equal(list.json()[0].calls.length, 1);
      assert.ok(['real', 'gaps', 'hope'].includes(list.json()[0].band));
    });

    test('the review proposes scores from the stored call, quoting it', async () => {
      const res = await dana.request('GET', `/api/v1/deals/${dealId}/review`);
      assert.equal(res.statusCode, 200, res.body);
      const r = res.json() as Review;
      assert.deepEqual(
        r.rubric.map((l) => l.criterion),
        CRITERIA,
      );
      assert.equal(
        r.total,
        r.rubric.reduce((sum, l) => sum + l.score, 0),
      );
      assert.ok(r.rubric.every((l) => l.source === 'proposed' && !l.corrected));
      const fromCall = r.rubric.flatMap((l) => l.proposed.evidence).filter((e) => e.callId);
      assert.ok(fromCall.length >= 3, 'the call supports several criteria');
      for (const e of fromCall) {
        assert.equal(e.callId, callId);
        assert.ok(typeof e.turn === 'number' && e.turn >= 0);
        // The quote is the prospect's own words from the transcript (case and spacing aside).
        const words = e.quote.toLowerCase().split(/\W+/).filter(Boolean).slice(0, 4).join(' ');
        assert.ok(
          exampleText.toLowerCase().replace(/\W+/g, ' ').includes(words),
          `"${e.quote}" is in the call`,
        );
      }
      const moments = (await dana.request('GET', `/api/v1/calls/${callId}`)).json().moments.length;
      for (const e of fromCall) {
        assert.ok(e.momentIdx === null || (e.momentIdx >= 0 && e.momentIdx < moments));
      }
      assert.ok(
        r.rubric.some((l) => l.proposed.score === 2),
        'at least one criterion is evidenced',
      );
      for (const step of r.plan) {
        const line = r.rubric.find((l) => l.criterion === step.criterion)!;
        assert.ok(line.score < 2, `${step.criterion} is in the plan only when below 2`);
        assert.ok(step.questions.length > 0);
      }
      assert.equal(r.plan.length, r.rubric.filter((l) => l.score < 2).length);
    });

    test('confirm keeps the proposal; a correction to 0 on compelling reason makes it hope', async () => {
      const before = (await dana.request('GET', `/api/v1/deals/${dealId}/review`)).json() as Review;
      const budget = before.rubric.find((l) => l.criterion === 'budget')!;
      const confirm = await dana.request('PUT', `/api/v1/deals/${dealId}/scores`, {
        criterion: 'budget',
        score: budget.proposed.score,
        evidence: budget.proposed.evidence[0]?.quote ?? 'no figure yet',
      });
      assert.equal(confirm.statusCode, 200, confirm.body);
      assert.equal(confirm.json().scores.budget.score, budget.proposed.score);
      await dana.request('PUT', `/api/v1/deals/${dealId}/scores`, {
        criterion: 'compelling-reason',
        score: 0,
        note: 'nobody said what the complaints cost',
      });
      const r = (await dana.request('GET', `/api/v1/deals/${dealId}/review`)).json() as Review;
      const b = r.rubric.find((l) => l.criterion === 'budget')!;
      assert.equal(b.source, 'confirmed');
      assert.equal(b.corrected, false);
      const cr = r.rubric.find((l) => l.criterion === 'compelling-reason')!;
      assert.equal(cr.source, 'confirmed');
      assert.equal(cr.score, 0);
      assert.equal(cr.corrected, cr.proposed.score !== 0);
      assert.equal(r.band, 'hope');
      assert.equal(r.plan[0].criterion, 'compelling-reason', 'the reason is asked about first');
      // Dropping the confirmed score brings the proposal back.
      const del = await dana.request('DELETE', `/api/v1/deals/${dealId}/scores/compelling-reason`);
      assert.equal(del.statusCode, 204);
      const again = (await dana.request('GET', `/api/v1/deals/${dealId}/review`)).json() as Review;
      assert.equal(
        again.rubric.find((l) => l.criterion === 'compelling-reason')!.source,
        'proposed',
      );
    });

    test('bands follow the total: 14 real, 8 gaps, 5 hope', async () => {
      const res = await dana.request('POST', '/api/v1/deals', {
        name: 'Banding',
        company: 'Acme',
        stage: 'discovery',
        value: 1,
        scores: Object.fromEntries(CRITERIA.map((c) => [c, { score: 2 }])),
      });
      assert.equal(res.statusCode, 201, res.body);
      const id = res.json().id;
      const review = async () =>
        (await dana.request('GET', `/api/v1/deals/${id}/review`)).json() as Review;
      let r = await review();
      assert.equal(r.total, 14);
      assert.equal(r.band, 'real');
      assert.equal(r.plan.length, 0);
      for (const c of ['budget', 'alternatives', 'next-step']) {
        await dana.request('PUT', `/api/v1/deals/${id}/scores`, { criterion: c, score: 0 });
      }
      r = await review();
      assert.equal(r.total, 8);
      assert.equal(r.band, 'gaps');
      assert.deepEqual(
        r.plan.map((p) => p.criterion),
        ['budget', 'alternatives', 'next-step'],
      );
      for (const c of ['why-now', 'decision-maker', 'decision-process']) {
        await dana.request('PUT', `/api/v1/deals/${id}/scores`, { criterion: c, score: 1 });
      }
      r = await review();
      assert.equal(r.total, 5);
      assert.equal(r.band, 'hope');
    });

    test('a manager sees the team deal; other teams and other reps get 404', async () => {
      const manager = await s.login('manager@test.io');
      assert.equal((await manager.request('GET', `/api/v1/deals/${dealId}`)).statusCode, 200);
      assert.equal(
        (await manager.request('GET', `/api/v1/deals/${dealId}/review`)).statusCode,
        200,
      );
      for (const email of ['managerb@test.io', 'chris@test.io', 'sam@test.io']) {
        const c = await s.login(email);
        for (const url of [`/api/v1/deals/${dealId}`, `/api/v1/deals/${dealId}/review`]) {
          const res = await c.request('GET', url);
          assert.equal(res.statusCode, 404, `${email} ${url}`);
          assert.equal(res.json().error.code, 'not-found');
        }
        const put = await c.request('PUT', `/api/v1/deals/${dealId}/scores`, {
          criterion: 'budget',
          score: 2,
        });
        assert.equal(put.statusCode, 404, email);
        assert.equal((await c.request('GET', '/api/v1/deals')).json().length, 0, email);
      }
      // Chris cannot link a call of Dana's to his own deal: he cannot see it.
      const chris = await s.login('chris@test.io');
      const own = await chris.request('POST', '/api/v1/deals', {
        name: 'x',
        company: 'y',
        stage: 'z',
        value: 0,
      });
      const link = await chris.request('POST', `/api/v1/deals/${own.json().id}/calls`, { callId });
      assert.equal(link.statusCode, 404);
      assert.equal(link.json().error.field, 'callId');
    });

    test('validation names the field: unknown fields, out-of-range scores, bad dates', async () => {
      let e = fieldOf(
        await dana.request('POST', '/api/v1/deals', {
          name: 'n',
          company: 'c',
          stage: 's',
          value: 1,
          amount: 5,
        }),
      );
      assert.match(e.message, /unknown field "amount"/);
      e = fieldOf(
        await dana.request('PUT', `/api/v1/deals/${dealId}/scores`, {
          criterion: 'budget',
          score: 3,
        }),
      );
      assert.equal(e.field, 'score');
      assert.match(e.message, /^score: must be 0.*got 3/);
      e = fieldOf(
        await dana.request('PUT', `/api/v1/deals/${dealId}/scores`, {
          criterion: 'budgets',
          score: 1,
        }),
      );
      assert.equal(e.field, 'criterion');
      e = fieldOf(
        await dana.request('POST', '/api/v1/deals', {
          name: 'n',
          company: 'c',
          stage: 's',
          value: 1,
          scores: { budget: { score: -1 } },
        }),
      );
      assert.equal(e.field, 'scores.budget.score');
      e = fieldOf(
        await dana.request('PATCH', `/api/v1/deals/${dealId}`, {
          nextStep: { date: '2026-13-45', purpose: 'x' },
        }),
      );
      assert.equal(e.field, 'nextStep.date');
      e = fieldOf(await dana.request('PATCH', `/api/v1/deals/${dealId}`, { value: -5 }));
      assert.equal(e.field, 'value');
    });

    test('a manager hands a deal to a rep of their team, who then sees it; a rep cannot give one away', async () => {
      const manager = await s.login('manager@test.io');
      const made = await manager.request('POST', '/api/v1/deals', {
        name: 'Handed over',
        company: 'Acme',
        stage: 'discovery',
        value: 1,
      });
      assert.equal(made.json().ownerId, s.cast.manager.id);
      const id = made.json().id;
      const sam = await s.login('sam@test.io');
      assert.equal((await sam.request('GET', `/api/v1/deals/${id}`)).statusCode, 404);
      const handed = await manager.request('PATCH', `/api/v1/deals/${id}`, {
        ownerId: s.cast.repA2.id,
      });
      assert.equal(handed.statusCode, 200, handed.body);
      assert.equal(handed.json().ownerId, s.cast.repA2.id);
      assert.equal(handed.json().ownerName, s.cast.repA2.name);
      assert.equal((await sam.request('GET', `/api/v1/deals/${id}`)).statusCode, 200);
      // Another team's rep, or a rep naming a colleague: 404 on the field.
      const away = await manager.request('PATCH', `/api/v1/deals/${id}`, {
        ownerId: s.cast.repB.id,
      });
      assert.equal(away.statusCode, 404);
      assert.equal(away.json().error.field, 'ownerId');
      const giveAway = await sam.request('PATCH', `/api/v1/deals/${id}`, {
        ownerId: s.cast.repA.id,
      });
      assert.equal(giveAway.statusCode, 404);
      assert.equal(giveAway.json().error.field, 'ownerId');
      assert.equal((await sam.request('DELETE', `/api/v1/deals/${id}`)).statusCode, 204);
    });

    test('edit and delete a deal; its calls stay', async () => {
      const patched = await dana.request('PATCH', `/api/v1/deals/${dealId}`, {
        stage: 'proposal',
        nextStep: null,
      });
      assert.equal(patched.statusCode, 200, patched.body);
      assert.equal(patched.json().stage, 'proposal');
      assert.equal(patched.json().nextStep, null);
      const unlink = await dana.request('DELETE', `/api/v1/deals/${dealId}/calls/${callId}`);
      assert.equal(unlink.statusCode, 204);
      assert.equal((await dana.request('GET', `/api/v1/deals/${dealId}`)).json().calls.length, 0);
      assert.equal((await dana.request('DELETE', `/api/v1/deals/${dealId}`)).statusCode, 204);
      assert.equal((await dana.request('GET', `/api/v1/deals/${dealId}`)).statusCode, 404);
      assert.equal((await dana.request('GET', `/api/v1/calls/${callId}`)).statusCode, 200);
    });
  }),
);

forEachDb((kind) =>
  describe(`self-check API (${kind})`, () => {
    let s: TestServer;
    let dana: Client;

    before(async () => {
      ({ s, dana } = await withDanasCall(kind));
    });
    after(() => s.close());

    test('the twelve statements', async () => {
      const res = await dana.request('GET', '/api/v1/selfcheck');
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().items.length, 12);
      assert.equal(res.json().subscales.length, 3);
    });

    test('no comparison before a self-check is taken', async () => {
      const res = await dana.request('GET', '/api/v1/selfcheck/comparison');
      assert.equal(res.statusCode, 404);
    });

    test('an unanswered item is reported, not scored as zero; history keeps every take', async () => {
      const answers = [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, null];
      const res = await dana.request('POST', '/api/v1/selfcheck', { answers });
      assert.equal(res.statusCode, 201, res.body);
      const { result } = res.json();
      assert.deepEqual(result.unanswered, [12]);
      const skipped = result.items[11].subscale;
      const sub = result.subscales.find((x: { id: string }) => x.id === skipped);
      assert.equal(sub.answered, sub.items - 1);
      assert.equal(sub.complete, false);
      // A zero would pull the mean down; the mean of the answered items stays in range.
      for (const x of result.subscales) assert.ok(x.score >= 1 && x.score <= 5, JSON.stringify(x));
      const again = await dana.request('POST', '/api/v1/selfcheck', {
        answers: [5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5],
      });
      assert.equal(again.statusCode, 201);
      const history = (await dana.request('GET', '/api/v1/selfcheck/history')).json();
      assert.equal(history.length, 2);
      assert.deepEqual(history[0].answers, answers);
      assert.deepEqual(history[1].result.unanswered, []);
      // Another user's history is their own.
      const sam = await s.login('sam@test.io');
      assert.equal((await sam.request('GET', '/api/v1/selfcheck/history')).json().length, 0);
    });

    test("the comparison sets the latest self-check beside the user's own calls", async () => {
      const res = await dana.request('GET', '/api/v1/selfcheck/comparison');
      assert.equal(res.statusCode, 200, res.body);
      const c = res.json();
      assert.equal(c.calls, 1);
      assert.ok(c.moments > 0, 'the moments of the stored call count as hers');
      assert.equal(
        Object.values(c.mix as Record<string, number>).reduce((a, b) => a + b, 0),
        c.moments,
      );
      assert.ok(c.gaps.length > 0);
      for (const g of c.gaps) assert.equal(g.answer, 5, 'compares the latest take');
      // A day after every call: nothing to compare.
      const later = await dana.request('GET', '/api/v1/selfcheck/comparison?from=2999-01-01');
      assert.equal(later.json().calls, 0);
    });

    test('validation names the answer at fault', async () => {
      let e = fieldOf(await dana.request('POST', '/api/v1/selfcheck', { answers: [1, 2, 3] }));
      assert.equal(e.field, 'answers');
      e = fieldOf(
        await dana.request('POST', '/api/v1/selfcheck', {
          answers: [1, 2, 6, 1, 1, 1, 1, 1, 1, 1, 1, 1],
        }),
      );
      assert.equal(e.field, 'answers.2');
      assert.match(e.message, /got 6/);
      e = fieldOf(
        await dana.request('POST', '/api/v1/selfcheck', {
          answers: Array(12).fill(3),
          rep: 'me',
        }),
      );
      assert.match(e.message, /unknown field "rep"/);
    });
  }),
);
