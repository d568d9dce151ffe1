import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { gradingData, phrase, reasons } from './phrases.js';

test('every grading phrase matches its examples and misses its near misses', () => {
  for (const [name, entry] of Object.entries(gradingData().phrases)) {
    for (const s of entry.matches) assert.ok(phrase(name).test(s), `${name} matches "${s}"`);
    for (const s of entry.misses) assert.ok(!phrase(name).test(s), `${name} misses "${s}"`);
  }
});

test('every cue id a reason group names exists in its detector', () => {
  const dir = new URL('../../data/cues/', import.meta.url);
  const ids = new Map<string, Set<string>>();
  for (const f of readdirSync(dir)) {
    const cues = JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as {
      detector: string;
      cues: { id: string }[];
    };
    ids.set(cues.detector, new Set(cues.cues.map((c) => c.id)));
  }
  for (const [name, group] of Object.entries(gradingData().reasons)) {
    for (const id of group.ids) {
      assert.ok(ids.get(group.detector)?.has(id), `${name}: ${group.detector}/${id} exists`);
    }
    assert.equal(reasons(name).size, group.ids.length);
  }
});

test('an unknown phrase or group is a clear error', () => {
  assert.throws(() => phrase('nope'), /no phrase "nope"/);
  assert.throws(() => reasons('nope'), /no reason group "nope"/);
});
