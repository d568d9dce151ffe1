/**
 * The parser contract: one conversation written in every format must give the same turns.
 * Every new format adds its fixture to FIXTURES and must pass unchanged.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Turn } from '../core/types.js';
import type { TranscriptFormat } from '../core/vocabulary.js';
import { parseTranscript, toTurns } from './index.js';

const EXPECTED = [
  ['Alice Moreno', 0, 4, 'Thanks for making time today, Bob.'],
  ['Bob Chen', 4, 9, "Sure. I only have fifteen minutes, so let's be quick."],
  ['Alice Moreno', 9, 14, 'Understood. What made you take this call?'],
  // Two consecutive cues of Bob's: one turn.
  [
    'Bob Chen',
    14,
    26,
    "Honestly, your price is too high. Just send me some information and I'll think about it.",
  ],
  ['Alice Moreno', 26, 32, 'If I send it, what happens next on your side?'],
  ['Bob Chen', 32, 38, 'We\'d probably review it next quarter. Our CFO said "not this year."'],
  ['Alice Moreno', 38, 44, "Sounds like this isn't a priority. Is it fair to stop here?"],
] as const;

/** File, the format it must be detected as, and which times the format carries. */
const FIXTURES: { file: string; format: TranscriptFormat; times: 'both' | 'start' | 'none' }[] = [
  { file: 'call.zoom.vtt', format: 'vtt', times: 'both' },
  { file: 'call.teams.vtt', format: 'vtt', times: 'both' },
  { file: 'call.srt', format: 'srt', times: 'both' },
  { file: 'call.txt', format: 'text', times: 'none' },
  { file: 'call.timestamped.txt', format: 'timestamped', times: 'start' },
  { file: 'call.otter.txt', format: 'otter', times: 'start' },
  { file: 'call.array.json', format: 'json', times: 'both' },
  { file: 'call.utterances.json', format: 'json', times: 'both' },
  { file: 'call.csv', format: 'csv', times: 'both' },
];

function fixture(name: string): Buffer {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
}

function assertSameConversation(turns: Turn[], times: 'both' | 'start' | 'none'): void {
  assert.deepEqual(
    turns.map((t) => [t.speaker, t.text]),
    EXPECTED.map(([speaker, , , text]) => [speaker, text]),
  );
  turns.forEach((turn, i) => {
    const [, start, end] = EXPECTED[i];
    assert.equal(turn.index, i);
    assert.equal(turn.role, 'other');
    assert.equal(typeof turn.line, 'number');
    assert.equal(turn.start, times === 'none' ? undefined : start, `start of turn ${i}`);
    assert.equal(turn.end, times === 'both' ? end : undefined, `end of turn ${i}`);
  });
}

function encodeUtf16(text: string, bigEndian: boolean): Uint8Array {
  const le = Buffer.from(`\ufeff${text}`, 'utf16le');
  if (bigEndian) le.swap16();
  return le;
}

describe('parser contract: the same conversation in every format', () => {
  for (const { file, format, times } of FIXTURES) {
    it(`${file} is read as ${format} with the same turns`, () => {
      const parsed = parseTranscript(fixture(file), { file });
      assert.equal(parsed.format, format);
      assert.deepEqual(parsed.warnings, []);
      assertSameConversation(toTurns(parsed), times);
    });

    it(`${file} gives the same turns as UTF-8 BOM, UTF-16 LE/BE BOM, CRLF and a string`, () => {
      const text = fixture(file).toString('utf8');
      const variants: [string, string | Uint8Array][] = [
        ['utf-8 bom', Buffer.from(`\ufeff${text}`, 'utf8')],
        ['utf-16 le', encodeUtf16(text, false)],
        ['utf-16 be', encodeUtf16(text, true)],
        ['crlf', Buffer.from(text.replace(/\n/g, '\r\n'), 'utf8')],
        ['cr', text.replace(/\n/g, '\r')],
        ['string', text],
      ];
      for (const [name, input] of variants) {
        const parsed = parseTranscript(input, { file });
        assert.equal(parsed.format, format, name);
        assertSameConversation(toTurns(parsed), times);
      }
    });
  }

  it('the JSON participants are kept', () => {
    const parsed = parseTranscript(fixture('call.utterances.json'));
    assert.deepEqual(parsed.participants, ['Alice Moreno', 'Bob Chen']);
  });

  it('reads a one-hour-sized transcript in every format (speed is measured by npm run bench)', () => {
    for (const { file } of FIXTURES) {
      const one = toTurns(parseTranscript(fixture(file)));
      const text = repeatToSize(fixture(file).toString('utf8'), 60 * 1024);
      const turns = toTurns(parseTranscript(text));
      // the repeated call keeps alternating speakers, so it grows by whole copies of its turns
      assert.ok(turns.length >= one.length * 10, `${file}: ${turns.length} turns`);
      assert.deepEqual(new Set(turns.map((t) => t.speaker)), new Set(one.map((t) => t.speaker)));
    }
  });
});

/** Grows a fixture to about `bytes` by repeating its body (keeping headers valid per format). */
function repeatToSize(text: string, bytes: number): string {
  const trimmed = text.trimEnd();
  if (trimmed.startsWith('[')) {
    const body = trimmed.slice(1, -1).trim();
    return `[${Array(Math.ceil(bytes / body.length))
      .fill(body)
      .join(',\n')}]`;
  }
  if (trimmed.startsWith('{')) {
    const start = trimmed.indexOf('[', trimmed.indexOf('"utterances"'));
    const end = trimmed.lastIndexOf(']');
    const body = trimmed.slice(start + 1, end).trim();
    const items = Array(Math.ceil(bytes / body.length))
      .fill(body)
      .join(',\n');
    return `${trimmed.slice(0, start + 1)}${items}${trimmed.slice(end)}`;
  }
  const lines = trimmed.split('\n');
  const headerLines = trimmed.startsWith('WEBVTT') ? 2 : /^speaker,/i.test(trimmed) ? 1 : 0;
  const header = lines.slice(0, headerLines).join('\n');
  const body = lines.slice(headerLines).join('\n');
  const copies = Array(Math.ceil(bytes / body.length))
    .fill(body)
    .join('\n\n');
  return header ? `${header}\n${copies}` : copies;
}
