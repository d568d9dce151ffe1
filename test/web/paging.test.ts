/** The pager's words: an exact count, and a count the server stopped at its cap. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pageWords } from '../../web/src/paging.js';

test('an exact count: the rows shown, the last page, no next after it', () => {
  assert.deepEqual(pageWords(1, 25, 40), {
    range: '1–25 of 40',
    pages: 'Page 1 of 2',
    hasNext: true,
  });
  assert.deepEqual(pageWords(2, 25, 40), {
    range: '26–40 of 40',
    pages: 'Page 2 of 2',
    hasNext: false,
  });
  assert.deepEqual(pageWords(1, 25, 0), {
    range: '0–0 of 0',
    pages: 'Page 1 of 1',
    hasNext: false,
  });
});

test('a capped count reads as a lower bound and lets the reader page on', () => {
  assert.deepEqual(pageWords(400, 25, 10_000, true), {
    range: '9,976–10,000 of 10,000+',
    pages: 'Page 400 of 400+',
    hasNext: true,
  });
  assert.deepEqual(pageWords(401, 25, 10_000, true), {
    range: '10,001–10,025 of 10,000+',
    pages: 'Page 401 of 401+',
    hasNext: true,
  });
});
