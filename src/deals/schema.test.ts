import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { isWalkpointError } from '../core/errors.js';
import { readDealFile } from './load.js';
import { parseDeal } from './schema.js';

const BASE = { name: 'Lane', company: 'Acme', stage: 'discovery', value: 1000, owner: 'Kay' };

function rejects(data: unknown, field: RegExp): void {
  assert.throws(
    () => parseDeal(data, 'deal.json'),
    (e: unknown) => isWalkpointError(e) && /^deal\.json: /.test(e.message) && field.test(e.message),
  );
}

describe('parseDeal', () => {
  test('accepts a minimal deal and fills defaults', () => {
    const deal = parseDeal(BASE);
    assert.deepEqual(deal.calls, []);
    assert.deepEqual(deal.scores, {});
  });

  test('accepts calls as paths, objects with reps, and inline transcripts', () => {
    const deal = parseDeal({
      ...BASE,
      calls: ['a.vtt', { path: 'b.txt', rep: ['Kay'] }, { transcript: 'Kay: hi\nSam: hi' }],
    });
    assert.deepEqual(deal.calls[0], { path: 'a.vtt' });
    assert.deepEqual(deal.calls[1], { path: 'b.txt', rep: ['Kay'] });
    assert.equal('transcript' in deal.calls[2], true);
  });

  test('an unknown top-level field is named', () =>
    rejects({ ...BASE, budget: 5 }, /unknown field "budget"/));

  test('an unknown criterion is named with the known ones', () =>
    rejects({ ...BASE, scores: { bugdet: { score: 1 } } }, /"scores\.bugdet".*compelling-reason/));

  test('an unknown field inside a score is named', () =>
    rejects({ ...BASE, scores: { budget: { score: 1, quote: 'x' } } }, /"scores\.budget\.quote"/));

  test('an out-of-range score is named', () => {
    rejects(
      { ...BASE, scores: { budget: { score: 3 } } },
      /"scores\.budget\.score" must be 0, 1 or 2/,
    );
    rejects({ ...BASE, scores: { 'why-now': { score: -1 } } }, /"scores\.why-now\.score"/);
    rejects({ ...BASE, scores: { 'why-now': { score: 1.5 } } }, /"scores\.why-now\.score"/);
  });

  test('a bad value or date is named', () => {
    rejects({ ...BASE, value: -5 }, /"value"/);
    rejects({ ...BASE, nextStep: { date: 'next week', purpose: 'demo' } }, /"nextStep\.date"/);
    // a day that does not exist is refused, not rolled over to March 1st
    rejects({ ...BASE, nextStep: { date: '2024-02-30', purpose: 'demo' } }, /"nextStep\.date"/);
    rejects(
      { ...BASE, nextStep: { date: '2025-01-02', purpose: 'demo', when: 1 } },
      /"nextStep\.when"/,
    );
  });

  test('a missing required field is named', () => {
    const { owner: _o, ...noOwner } = BASE;
    rejects(noOwner, /"owner"/);
  });
});

describe('readDealFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'walkpoint-deal-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('broken JSON names the file', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ "name": ');
    assert.throws(
      () => readDealFile(file),
      (e: unknown) => isWalkpointError(e) && e.message.includes(file) && /JSON/.test(e.message),
    );
  });

  test('a missing file is a user error', () => {
    assert.throws(
      () => readDealFile(join(dir, 'nope.json')),
      (e: unknown) => isWalkpointError(e) && /no such deal file/.test(e.message),
    );
  });
});
