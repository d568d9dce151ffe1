/**
 * The engine learns from corrections: 40 corrections through the API on calls whose phrasing the
 * shipped model misses (a team's word for its steering committee), retrain in the app, the
 * held-out before/after table, activate, the API now reads the phrasing, roll back restores the
 * old reading. Analyses run on the server's worker threads, which load the model per version.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { withModel } from '../model/shipped.js';
import type { ModelVersion } from './contract/shapes.js';
import { workerAnalyzer } from './services/analyzer.js';
import { type Client, type TestServer, testServer } from './testing.js';

const STEERCO = [
  'The steerco owns this one.',
  "Steerco hasn't seen it yet.",
  "That's a steerco thing.",
  "We'd need steerco on board.",
  "Let's see what steerco says.",
  'Steerco will weigh in.',
  'Honestly it sits with steerco now.',
  'The steerco gets the final say on vendors.',
  'Steerco reviews everything above ten grand.',
  'Our steerco meets on the first Tuesday.',
];
const REP = [
  'So where does this go from here?',
  'What would you need to see next?',
  'How do purchases like this usually get approved?',
  'Who else is looking at this with you?',
];
const CAVE = [
  "Okay, I'll wait to hear back.",
  'Sure, no rush, just let me know.',
  "Fine, I'll check in after that.",
  'Understood, I will follow up later then.',
];

/** A call of four steerco turns, each answered by a cave; `n` makes every call different. */
function steercoCall(n: number): { text: string; turns: { turn: number; quote: string }[] } {
  const lines: string[] = [`Dana Reyes: Thanks for making time, call ${n + 1} of our series.`];
  const turns: { turn: number; quote: string }[] = [];
  for (let k = 0; k < 4; k++) {
    const quote = STEERCO[(n * 4 + k) % STEERCO.length];
    lines.push(`Jordan Blake: ${quote}`);
    turns.push({ turn: lines.length - 1, quote });
    lines.push(`Dana Reyes: ${CAVE[(n + k) % CAVE.length]} ${REP[(n + k) % REP.length]}`);
    lines.push(`Jordan Blake: We run ${n + k + 2} plants across the region, mostly in Ohio.`);
    lines.push('Dana Reyes: Good to know, thank you.');
  }
  return { text: `${lines.join('\n')}\n`, turns };
}

const PROBE = [
  'Dana Reyes: Where does the decision sit?',
  "Jordan Blake: It's with the steerco, not me.",
  "Dana Reyes: Okay, I'll wait to hear back.",
  'Jordan Blake: Thanks, we covered everything I needed for today, honestly.',
  '',
].join('\n');

describe('retraining from corrections', () => {
  let s: TestServer;
  let admin: Client;
  let manager: Client;

  before(async () => {
    // worker threads as the server runs them; a roomy budget, as training shares the 2 test cores
    s = await testServer({ analyzer: workerAnalyzer({ budget: { floorMs: 20_000 } }) });
    [admin, manager] = await Promise.all([s.login('admin@test.io'), s.login('manager@test.io')]);
  });
  after(() => s.close());

  const analyzeProbe = async () => {
    const res = await manager.request('POST', '/api/v1/analyze', { content: PROBE });
    assert.equal(res.statusCode, 200, res.body);
    return res.json().moments as { turn: number; trigger: { kind: string; subtype?: string } }[];
  };

  test('40 corrections, retrain, the table, activate, the API reads it, roll back', async () => {
    assert.deepEqual(await analyzeProbe(), [], 'the shipped model misses the phrasing');
    let corrections = 0;
    for (let n = 0; n < 10; n++) {
      const call = steercoCall(n);
      const up = await manager.request('POST', '/api/v1/calls', {
        filename: `steerco-${n}.txt`,
        content: call.text,
        repId: s.cast.repA.id,
        date: '2026-11-02',
      });
      assert.equal(up.statusCode, 201, up.body);
      for (const t of call.turns) {
        const res = await manager.request('POST', `/api/v1/calls/${up.json().id}/corrections`, {
          turn: t.turn,
          action: 'promote',
          quote: t.quote,
          triggerKind: 'objection',
          triggerSubtype: 'authority',
          responseKind: 'caved',
          reason: 'steerco is our steering committee: the decision is not theirs',
        });
        assert.equal(res.statusCode, 201, res.body);
        corrections++;
      }
    }
    assert.equal(corrections, 40);

    assert.equal((await manager.request('POST', '/api/v1/models/retrain')).statusCode, 403);
    assert.equal((await manager.request('GET', '/api/v1/models')).statusCode, 403);
    assert.equal(
      (await manager.request('POST', '/api/v1/models/shipped/activate')).statusCode,
      403,
    );
    const started = await admin.request('POST', '/api/v1/models/retrain');
    assert.equal(started.statusCode, 202, started.body);
    const id = (started.json() as ModelVersion).id;
    assert.equal(started.json().status, 'training');
    assert.equal((await admin.request('POST', '/api/v1/models/retrain')).statusCode, 409);

    let version: ModelVersion | undefined;
    for (let waited = 0; waited < 240_000; waited += 500) {
      const list = (await admin.request('GET', '/api/v1/models')).json() as ModelVersion[];
      version = list.find((m) => m.id === id);
      if (version?.status !== 'training') break;
      await new Promise((r) => setTimeout(r, 500));
    }
    assert.equal(version?.status, 'ready', version?.error ?? 'still training');
    assert.equal(version.corrections, 32, 'three calls in four train');
    assert.equal(version.heldOut, 8, 'every fourth corrected call is held out');
    const f1 = version.evaluation?.find(
      (r) => r.set === 'held-out corrections' && r.measure === 'walk-point turn F1',
    );
    assert.ok(f1, JSON.stringify(version.evaluation));
    assert.equal(f1.before, 0, 'the shipped model found none of the held-out walk-points');
    assert.ok(f1.after >= 0.75, `held-out F1 after retraining: ${f1.after}`);
    const test = version.evaluation?.find(
      (r) => r.set === 'shipped test split' && r.measure === 'walk-point turn F1',
    );
    assert.ok(test && test.after >= test.before - 0.05, `test split kept: ${JSON.stringify(test)}`);
    assert.equal(version.active, false, 'not used until activated');

    const on = await admin.request('POST', `/api/v1/models/${id}/activate`);
    assert.equal(on.statusCode, 200, on.body);
    assert.equal(on.json().active, true);
    const read = await analyzeProbe();
    assert.deepEqual(
      read.map((m) => [m.turn, m.trigger.kind, m.trigger.subtype]),
      [[1, 'objection', 'authority']],
    );
    const stored = await manager.request('POST', '/api/v1/calls', {
      filename: 'probe.txt',
      content: PROBE,
      repId: s.cast.repA.id,
    });
    assert.equal(stored.json().modelVersion, id, 'the stored analysis names its model');

    const back = await admin.request('POST', '/api/v1/models/shipped/activate');
    assert.equal(back.statusCode, 200, back.body);
    assert.equal(back.json().active, true);
    assert.deepEqual(await analyzeProbe(), [], 'rolled back: the old reading');
    const models = (await admin.request('GET', '/api/v1/models')).json() as ModelVersion[];
    assert.deepEqual(
      models.map((m) => [m.id, m.active]),
      [
        [id, false],
        ['shipped', true],
      ],
    );
    assert.equal((await admin.request('POST', '/api/v1/models/m999/activate')).statusCode, 404);
    assert.equal((await admin.request('POST', '/api/v1/models/x/activate')).statusCode, 400);
  });
});

describe('a model that fails to load', () => {
  const dir = mkdtempSync(join(tmpdir(), 'walkpoint-badmodel-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('falls back to the shipped model, with a message naming it', () => {
    const triggers = join(dir, 'triggers.json');
    writeFileSync(triggers, '{"kind": "walkpoint-trigger-model", "classes": [');
    const warned: string[] = [];
    const warn = console.warn;
    console.warn = (m: string) => warned.push(m);
    try {
      const choice = { id: 'm77', triggers, responses: join(dir, 'responses.json') };
      const first = withModel(choice, () => 1);
      const second = withModel(choice, () => 2);
      assert.deepEqual([first.model, second.model], ['shipped', 'shipped']);
    } finally {
      console.warn = warn;
    }
    assert.equal(warned.length, 1, 'said once');
    assert.match(warned[0], /^walkpoint: model m77 failed to load \(.+\); using the shipped model/);
  });
});
