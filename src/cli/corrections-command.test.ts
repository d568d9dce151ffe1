import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createCorrection, revertCorrection } from '../server/db/corrections.js';
import { dbWithSampleCall } from '../server/testing.js';
import { correctionUnits, readCorrectionLines } from '../training/corrections.js';
import { runCli } from './testing.js';

const dir = mkdtempSync(join(tmpdir(), 'walkpoint-corrections-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('corrections export: the corrections in force as training lines that training reads', async () => {
  const path = join(dir, 'calls.db');
  const { db, cast, call } = await dbWithSampleCall(path);
  const regrade = await createCorrection(db.db, cast.manager, call.id, {
    turn: 1,
    action: 'regrade',
    responseKind: 'caved',
  });
  await createCorrection(db.db, cast.manager, call.id, { turn: 3, action: 'dismiss' });
  const undone = await createCorrection(db.db, cast.manager, call.id, {
    turn: 3,
    action: 'retype',
    triggerKind: 'stall',
    triggerSubtype: 'later',
  });
  await revertCorrection(db.db, cast.manager, undone?.id ?? 0);
  await db.close();

  const out = join(dir, 'corrections.jsonl');
  const r = await runCli('corrections', 'export', '--format', 'jsonl', '--out', out, '--db', path);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /Wrote 3 lines from 2 corrections/);
  const lines = readCorrectionLines(out);
  assert.deepEqual(
    lines.map((l) => [l.role, l.turn, l.kinds ?? l.response]),
    [
      ['prospect', 1, ['objection:price']],
      ['rep', 1, 'caved'],
      ['prospect', 3, []],
    ],
    'the regrade (sentence and reply), the dismissal (not a walk-point); the reverted one left out',
  );
  assert.equal(lines[0].correction, regrade?.id);
  assert.match(lines[0].text, /way too expensive/);
  assert.match(lines[1].text, /Too expensive compared to what/);
  const units = correctionUnits(lines);
  assert.deepEqual(
    [...units.triggers, ...units.responses].map((u) => [u.label, u.weight]),
    [
      ['objection:price', 4],
      ['none', 4],
      ['concession', 4],
    ],
  );
  const stdout = await runCli('corrections', 'export', '--db', path);
  assert.equal(stdout.out, readFileSync(out, 'utf8'));
  const bad = await runCli('corrections', 'export', '--format', 'csv', '--db', path);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--format csv: the only format is jsonl/);
});

test('a bad corrections line is named by file and line, and training stops before it starts', () => {
  const good = JSON.stringify({
    id: 'x-1',
    split: 'train',
    role: 'prospect',
    text: 'Steerco owns this.',
    kinds: ['objection:authority'],
    call: 1,
    turn: 1,
    correction: 1,
  });
  const cases: [string, RegExp][] = [
    ['{not json', /bad\.jsonl:2: not a JSON object/],
    [
      good.replace('objection:authority', 'objection:cost'),
      /bad\.jsonl:2: field "kinds\.0": use a trigger kind with its subtype/,
    ],
    [
      good.replace('"role":"prospect"', '"role":"rep"'),
      /bad\.jsonl:2: .*a rep line needs "response"/,
    ],
    [
      good.replace('"text":"Steerco owns this."', '"text":"  "'),
      /bad\.jsonl:2: field "text": empty text/,
    ],
  ];
  const file = join(dir, 'bad.jsonl');
  for (const [line, message] of cases) {
    writeFileSync(file, `${good}\n${line}\n`);
    assert.throws(() => readCorrectionLines(file), message);
  }
  const train = fileURLToPath(new URL('../training/train.ts', import.meta.url));
  const run = spawnSync(process.execPath, ['--import', 'tsx', train, '--corrections', file], {
    encoding: 'utf8',
  });
  assert.equal(run.status, 2, run.stderr);
  assert.match(run.stderr, /^train: .*bad\.jsonl:2: field "text": empty text\n$/);
});
