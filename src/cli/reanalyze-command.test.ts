import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { inlineAnalyzer, workerAnalyzer } from '../server/analyzer.js';
import { openDb } from '../server/db/connect.js';
import { ingestUpload } from '../server/ingest.js';
import { createCast, sampleCall } from '../server/testing.js';
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
