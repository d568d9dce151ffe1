import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isCalendarDate } from './calendar.js';

test('isCalendarDate accepts real days and refuses impossible ones', () => {
  for (const d of ['2024-02-29', '2023-02-28', '2026-12-31', '2000-02-29', '0001-01-01']) {
    assert.ok(isCalendarDate(d), d);
  }
  for (const d of [
    '2024-02-30',
    '2023-02-29',
    '1900-02-29',
    '2024-04-31',
    '2024-13-01',
    '2024-00-10',
    '2024-01-00',
    '2024-1-01',
    '2024-01-01T00:00:00Z',
    ' 2024-01-01',
  ]) {
    assert.ok(!isCalendarDate(d), d);
  }
});
