import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { RESPONSE_KINDS, TRIGGER_KINDS, TRIGGER_SUBTYPES } from '../core/vocabulary.js';
import { TECHNIQUES } from './bank.js';

// Checks the data file itself, independently of the loader, so a broken edit fails here first.
const file = new URL('../../data/question-bank.json', import.meta.url);
const bank = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>[];
const praiseData = JSON.parse(
  readFileSync(new URL('../../data/praise.json', import.meta.url), 'utf8'),
) as { techniques: Record<string, string>; default: string; triggers: Record<string, string> };

const allTriggers = TRIGGER_KINDS.flatMap((kind) => [
  kind,
  ...TRIGGER_SUBTYPES[kind].map((s) => `${kind}:${s}`),
]);
const keyOf = (e: Record<string, unknown>) => (e.subtype ? `${e.trigger}:${e.subtype}` : e.trigger);

describe('data/question-bank.json', () => {
  it('is a non-empty array', () => {
    assert.ok(Array.isArray(bank));
    assert.ok(bank.length >= 60, `only ${bank.length} entries`);
  });

  it('has unique ids in kebab case', () => {
    const ids = bank.map((e) => e.id);
    const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
    assert.deepEqual(dupes, []);
    for (const id of ids) assert.match(String(id), /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('uses only known triggers, subtypes, techniques and response kinds', () => {
    for (const e of bank) {
      assert.ok((TRIGGER_KINDS as readonly unknown[]).includes(e.trigger), `${e.id}: trigger`);
      const subtypes: readonly unknown[] =
        TRIGGER_SUBTYPES[e.trigger as keyof typeof TRIGGER_SUBTYPES];
      assert.ok(
        e.subtype === null || subtypes.includes(e.subtype),
        `${e.id}: subtype ${e.subtype}`,
      );
      assert.ok((TECHNIQUES as readonly unknown[]).includes(e.technique), `${e.id}: technique`);
      for (const s of (e.suits as unknown[] | undefined) ?? []) {
        assert.ok((RESPONSE_KINDS as readonly unknown[]).includes(s), `${e.id}: suits ${s}`);
      }
    }
  });

  it('has non-empty text and why on every entry', () => {
    for (const e of bank) {
      assert.equal(typeof e.text, 'string');
      assert.equal(typeof e.why, 'string');
      assert.ok(String(e.text).trim().length > 10, `${e.id}: text`);
      assert.ok(String(e.why).trim().length > 10, `${e.id}: why`);
    }
  });

  it('has {quote} in the text exactly when quote is true', () => {
    for (const e of bank) {
      assert.equal(typeof e.quote, 'boolean', `${e.id}: quote`);
      assert.equal(String(e.text).includes('{quote}'), e.quote, `${e.id}: {quote} vs quote flag`);
      assert.doesNotMatch(String(e.text), /\{(?!quote\})[^}]*\}/, `${e.id}: unknown placeholder`);
    }
  });

  it('covers every trigger kind and subtype with at least 3 moves', () => {
    const counts = new Map<unknown, number>();
    for (const e of bank) counts.set(keyOf(e), (counts.get(keyOf(e)) ?? 0) + 1);
    const withSubtypes = TRIGGER_KINDS.filter((k) => TRIGGER_SUBTYPES[k].length > 0);
    for (const key of allTriggers) {
      if ((withSubtypes as string[]).includes(key)) continue; // generic moves are optional extras
      assert.ok((counts.get(key) ?? 0) >= 3, `${key}: ${counts.get(key) ?? 0} moves`);
    }
  });

  it('offers more than one technique for every trigger kind and subtype', () => {
    for (const key of allTriggers) {
      const techniques = new Set(bank.filter((e) => keyOf(e) === key).map((e) => e.technique));
      if (techniques.size === 0) continue;
      assert.ok(techniques.size >= 2, `${key}: only ${[...techniques].join(', ')}`);
    }
  });
});

describe('data/praise.json', () => {
  it('has a line for every technique, a default and a name for every trigger', () => {
    for (const t of TECHNIQUES) assert.ok(praiseData.techniques[t]?.trim(), `technique ${t}`);
    assert.ok(praiseData.default.trim());
    for (const key of allTriggers) assert.ok(praiseData.triggers[key]?.trim(), `trigger ${key}`);
  });
});
