import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isoDate } from './schemas.js';

test('an API date must be a day that exists: 2024-02-30 is refused, not rolled to March', () => {
  assert.equal(isoDate.parse('2024-02-29'), '2024-02-29');
  const bad = isoDate.safeParse('2024-02-30');
  assert.equal(bad.success, false);
  assert.match(bad.error?.issues[0].message ?? '', /not a real date/);
  assert.match(isoDate.safeParse('2024-2-3').error?.issues[0].message ?? '', /2026-03-31/);
});
