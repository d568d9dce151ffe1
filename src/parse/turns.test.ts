import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ParsedTranscript, Segment } from '../core/types.js';
import { toTurns } from './index.js';

function parsed(segments: Segment[]): ParsedTranscript {
  return { format: 'json', segments, warnings: [] };
}

describe('toTurns', () => {
  it('merges consecutive segments of one speaker: text, first start, last end, first line', () => {
    const turns = toTurns(
      parsed([
        { speaker: 'Ann', text: 'One.', start: 0, end: 1, line: 1 },
        { speaker: ' ann ', text: ' Two. ', start: 1, end: 2, line: 5 },
        { speaker: 'Ben', text: 'Three.', start: 2, line: 9 },
        { speaker: 'Ben', text: 'Four.', line: 12 },
        { speaker: 'ANN', text: 'Five.', start: 3, end: 4, line: 15 },
      ]),
    );
    assert.deepEqual(turns, [
      { index: 0, speaker: 'Ann', role: 'other', text: 'One. Two.', start: 0, end: 2, line: 1 },
      { index: 1, speaker: 'Ben', role: 'other', text: 'Three. Four.', start: 2, line: 9 },
      { index: 2, speaker: 'Ann', role: 'other', text: 'Five.', start: 3, end: 4, line: 15 },
    ]);
  });

  it('cleans speaker names and skips empty segments without splitting a turn', () => {
    const turns = toTurns(
      parsed([
        { speaker: '  Ann \t Lee ', text: 'One.', line: 1 },
        { speaker: 'Ben', text: '   ', line: 2 },
        { speaker: 'Ann Lee', text: 'Two.', line: 3 },
      ]),
    );
    assert.deepEqual(
      turns.map((t) => [t.index, t.speaker, t.text]),
      [[0, 'Ann Lee', 'One. Two.']],
    );
  });

  it('returns no turns for no segments', () => {
    assert.deepEqual(toTurns(parsed([])), []);
  });
});
