import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openDb } from '../server/db/connect.js';
import { createCast, sampleCall } from '../server/testing.js';
import { runCli } from './testing.js';

const dir = mkdtempSync(join(tmpdir(), 'walkpoint-import-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const path = join(dir, 'w.db');
const ready = (async () => {
  const db = await openDb(path);
  await createCast(db);
  await db.close();
})();

test('import: a missing folder, a bad zip and a bad rep-map row are one clear line each, exit 2', async () => {
  await ready;
  const missing = await runCli('import', join(dir, 'nowhere'), '--db', path);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /^walkpoint: .*nowhere: no such folder or zip; check the path\n$/);

  const zip = join(dir, 'broken.zip');
  writeFileSync(zip, 'PK this is not really a zip');
  const bad = await runCli('import', zip, '--db', path);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /broken\.zip: not a readable \.zip/);

  const calls = join(dir, 'calls');
  mkdirSync(calls);
  writeFileSync(join(calls, 'a.txt'), sampleCall('Pat Rep', 'Jordan Blake'));
  const map = join(dir, 'people.csv');
  writeFileSync(map, 'speaker,email\nPat Rep,dana@test.io\nLou,nobody@test.io\n');
  const row = await runCli('import', calls, '--db', path, '--rep-map', map);
  assert.equal(row.code, 2);
  assert.match(row.err, /people\.csv:3: no user has the email nobody@test\.io/);
  writeFileSync(map, 'name,address\nPat Rep,dana@test.io\n');
  const header = await runCli('import', calls, '--db', path, '--rep-map', map);
  assert.match(
    header.err,
    /people\.csv:1: the first row must name the columns: email, and speaker or file/,
  );
});

test('import: the rep map assigns calls by speaker; a bad file is listed with its reason; exit 2', async () => {
  await ready;
  const calls = join(dir, 'mapped');
  mkdirSync(calls);
  // "Pat Rep" is no user's name: only the rep map says this is Dana's call.
  writeFileSync(join(calls, 'a.txt'), sampleCall('Pat Rep', 'Jordan Blake', ' mapped'));
  writeFileSync(join(calls, 'b.txt'), 'no speakers in this file at all');
  const map = join(dir, 'mapped.csv');
  writeFileSync(map, 'speaker,email\nPat Rep,dana@test.io\n');
  const r = await runCli('import', calls, '--db', path, '--rep-map', map, '--concurrency', '1');
  assert.equal(r.code, 2, r.err);
  assert.match(r.out, /2 files, 1 stored, 0 already stored, 1 failed/);
  assert.match(r.err, /^walkpoint: b\.txt: /m);
  const db = await openDb(path);
  const stored = await db.db
    .selectFrom('calls')
    .innerJoin('users', 'users.id', 'calls.rep_user_id')
    .select(['calls.title', 'users.email', 'calls.rep_speakers'])
    .execute();
  await db.close();
  assert.deepEqual(stored, [{ title: 'a.txt', email: 'dana@test.io', rep_speakers: 'Pat Rep' }]);
});
