import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { z } from 'zod';
import { dataFile, loadData, parseData, readDataJson } from './data.js';
import { isWalkpointError } from './errors.js';

const schema = z.object({ name: z.string(), items: z.array(z.object({ n: z.number() })) });

const fails = (fn: () => unknown, code: string, file: string, message: RegExp) =>
  assert.throws(fn, (e: unknown) => {
    assert.ok(isWalkpointError(e), String(e));
    assert.equal(e.code, code);
    assert.equal(e.file, file);
    assert.match(e.message, message);
    return true;
  });

test('a bundled file is read through its schema', () => {
  const lexicon = loadData('lexicon.json', z.record(z.string(), z.unknown()));
  assert.ok(Object.keys(lexicon).length > 10);
  assert.match(dataFile('cues/stall.json'), /\/data\/cues\/stall\.json$/);
});

test('a wrong field is named with its path, the fix and the file, under the loader code', () => {
  fails(
    () => parseData(schema, { name: 'x', items: [{ n: 1 }, { n: 'two' }] }, 'data/x.json'),
    'data-invalid',
    'data/x.json',
    /^data\/x\.json: items\.1\.n: .*; restore the file from the package$/,
  );
  fails(
    () => parseData(schema, [], 'mine.json', { code: 'scenario-invalid', fix: 'fix it' }),
    'scenario-invalid',
    'mine.json',
    /^mine\.json: .*; fix it$/,
  );
});

test('a missing or broken file is a clear error, never a stack of JSON.parse', () => {
  fails(() => readDataJson('no-such.json'), 'data-invalid', 'data/no-such.json', /\(missing\)/);
  const dir = mkdtempSync(join(tmpdir(), 'walkpoint-data-'));
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, '{ "name": ');
  fails(
    () => readDataJson(broken, { code: 'scenario-invalid', fix: 'fix the scenario file' }),
    'scenario-invalid',
    broken,
    /cannot read it as JSON \(.+\); fix the scenario file$/,
  );
});
