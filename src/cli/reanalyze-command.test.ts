import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { listMoments, replaceAnalysis } from '../server/db/calls.js';
import { openDb } from '../server/db/connect.js';
import { createCorrection, listCorrections } from '../server/db/corrections.js';
import { inlineAnalyzer, workerAnalyzer } from '../server/services/analyzer.js';
import { ingestUpload } from '../server/services/ingest.js';
import { createCast, dbWithSampleCall, sampleCall } from '../server/testing.js';
import { reanalyzeCommand } from './reanalyze-command.js';
import { captureIo } from './testing.js';

const dir = mkdtempSync(join(tmpdir(), 'walkpoint-reanalyze-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('reanalyze refreshes old analyses on workers; one over budget is reported and kept', async () => {
  const path = join(dir, 'calls.db');
  const db = await openDb(path);
  const cast = await createCast(db);
  const store = (salt: string) =>
    ingestUpload(
      db.db,
      cast.admin,
      {
        filename: `call${salt}.txt`,
        content: sampleCall('Dana Reyes', 'Jordan Blake', salt),
        repId: cast.repA.id,
      },
      inlineAnalyzer(),
    );
  const fine = await store(' fine');
  // The test worker spins on this marker until the time budget stops it.
  const costly = await store(' wp-test-spin');
  await db.db.updateTable('calls').set({ engine_version: '0.0.0-old' }).execute();
  await db.close();

  const c = captureIo();
  const code = await reanalyzeCommand(
    {
      all: false,
      db: path,
      analyzer: workerAnalyzer({
        entry: new URL('../server/testing-analysis-worker.js', import.meta.url),
        workers: 1,
        budget: { floorMs: 500 },
      }),
    },
    c.io,
  );
  assert.equal(code, 2);
  assert.match(c.out(), /Reanalysed 1 of 2 calls/);
  assert.match(
    c.err(),
    new RegExp(
      `^walkpoint: call ${costly.id} \\(call wp-test-spin\\.txt\\): .*analysing it took longer than the 0\\.5 s`,
    ),
  );

  const reopened = await openDb(path);
  const rows = await reopened.db
    .selectFrom('calls')
    .select(['id', 'engine_version'])
    .orderBy('id')
    .execute();
  await reopened.close();
  assert.notEqual(rows.find((r) => r.id === fine.id)?.engine_version, '0.0.0-old');
  assert.equal(rows.find((r) => r.id === costly.id)?.engine_version, '0.0.0-old');
});

test('reanalyze keeps every correction; the moment shows the new engine reading beside it', async () => {
  const path = join(dir, 'corrected.db');
  const { db, cast, call } = await dbWithSampleCall(path);
  const made = [
    await createCorrection(db.db, cast.manager, call.id, {
      turn: 1,
      action: 'regrade',
      responseKind: 'caved',
    }),
    await createCorrection(db.db, cast.manager, call.id, { turn: 3, action: 'dismiss' }),
  ];
  // an older engine read the price objection as a timing one
  const old = structuredClone(call.analysis);
  old.moments[0].trigger.subtype = 'timing';
  await replaceAnalysis(db.db, call.id, old);
  await db.db.updateTable('calls').set({ engine_version: '0.0.0-old' }).execute();
  const before = await listMoments(db.db, cast.manager, call.id);
  assert.equal(before[0].engineReading?.triggerSubtype, 'timing');
  assert.equal(
    before[0].triggerSubtype,
    'price',
    'the corrected reading is whole: it keeps the trigger it copied',
  );
  await db.close();

  const c = captureIo();
  assert.equal(
    await reanalyzeCommand({ all: false, db: path, analyzer: inlineAnalyzer() }, c.io),
    0,
  );
  assert.match(c.out(), /Reanalysed 1 of 1 call with engine .* \(model shipped\)/);

  const reopened = await openDb(path);
  const history = await listCorrections(reopened.db, cast.manager, call.id);
  const moments = await listMoments(reopened.db, cast.manager, call.id);
  await reopened.close();
  assert.deepEqual(
    history?.map((h) => [h.id, h.revertedAt]),
    made.map((m) => [m?.id, null]),
    'every correction kept',
  );
  const [price, stall] = moments;
  assert.deepEqual(price.engineReading, {
    triggerKind: 'objection',
    triggerSubtype: 'price',
    responseKind: 'challenged',
  });
  assert.equal(price.responseKind, 'caved', 'the correction still defines the grade');
  assert.equal(price.correction?.id, made[0]?.id);
  assert.equal(stall.dismissed, true);
  assert.equal(stall.correction?.id, made[1]?.id);
});
