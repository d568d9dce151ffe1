import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Turn } from '../core/types.js';
import { boundTokens, MAX_TOKEN_CHARS, offsetMapper } from './bound.js';
import { annotate } from './index.js';

const turn = (index: number, text: string): Turn => ({
  index,
  speaker: index % 2 ? 'B' : 'A',
  role: 'other',
  text,
});

describe('boundTokens', () => {
  it('leaves text with ordinary tokens alone', () => {
    const text = 'See https://example.com/a/long/path?with=query and call me at 10:30am.';
    assert.deepEqual(boundTokens(text), { text, inserted: [] });
  });

  it('cuts a long run every MAX_TOKEN_CHARS characters, and maps offsets back', () => {
    const run = '!'.repeat(MAX_TOKEN_CHARS * 2 + 5);
    const { text, inserted } = boundTokens(`ok ${run} ok`);
    assert.deepEqual(inserted, [3 + MAX_TOKEN_CHARS, 4 + MAX_TOKEN_CHARS * 2]);
    assert.equal(text.replace(/ /g, ''), `ok${run}ok`);
    const map = offsetMapper(inserted);
    assert.equal(map(0), 0);
    assert.equal(map(inserted[0] + 1), inserted[0]);
    assert.equal(map(text.length - 2), 3 + run.length + 1);
  });

  it('never splits a surrogate pair', () => {
    const { text } = boundTokens('😀'.repeat(MAX_TOKEN_CHARS), 5);
    for (const piece of text.split(' '))
      assert.doesNotMatch(piece, /^[\udc00-\udfff]|[\ud800-\udbff]$/);
  });
});

describe('annotate on huge tokens', () => {
  it('keeps every token span inside its own turn text', () => {
    const turns = [
      turn(0, `Hi. ${'a'.repeat(10_000)} and ${'*'.repeat(3000)}?`),
      turn(1, `${'/'.repeat(500)} no thanks, send me something.`),
      turn(2, 'Why now?'),
    ];
    const annotated = annotate(turns);
    for (const t of annotated) {
      for (const s of t.sentences) {
        for (const tok of s.tokens) {
          assert.ok(tok.start >= 0 && tok.end <= t.text.length, `${t.index} ${tok.start}`);
          // the blank line between turns is a token too, clamped to the end of the turn before
          if (tok.value.trim()) assert.equal(t.text.slice(tok.start, tok.end), tok.value);
        }
      }
    }
    assert.equal(annotated[2].sentences[0].text, 'Why now?');
    assert.ok(annotated[1].sentences.some((s) => s.text.includes('send me something')));
  });
});
