/**
 * Seeded fuzz inputs: a seed call (an example from examples/ or a generated call), maybe
 * rewritten in another format, then a few mutations: the structural ones on its lines (many
 * speakers, prototype names, a huge first turn), then text ones (truncation, duplication, huge
 * tokens, punctuation runs, control characters, absurd times, line endings), then at most one
 * byte-level one (flips, BOMs, UTF-16, Windows-1252). Case `i` of seed `s` is always the same
 * input, so any finding can be replayed with `npm run fuzz -- --seed s --case i`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { generateCall } from '../bench/corpus.js';
import { prng } from '../src/core/prng.js';
import { parseTranscript, toTurns } from '../src/parse/index.js';
import { FORMATS, type Line, writeAs } from './formats.js';

type Rng = () => number;

export interface Seed {
  name: string;
  text: string;
  lines: Line[];
}

export interface FuzzInput {
  name: string;
  input: string | Uint8Array;
}

const int = (rng: Rng, n: number) => Math.floor(rng() * n);
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[int(rng, xs.length)];
const chance = (rng: Rng, p: number) => rng() < p;

/** The example calls and a few generated ones, with their lines for format switches. */
export function loadSeeds(): Seed[] {
  const dir = new URL('../examples/', import.meta.url);
  const examples = readdirSync(dir)
    .filter((f) => /\.(vtt|txt|srt|csv|json)$/.test(f) && !f.endsWith('.labels.json'))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(new URL(f, dir), 'utf8') }));
  const generated = [1, 2, 3].flatMap((seed) => [
    { name: `generated-${seed}.txt`, text: generateCall(seed, 2000 + seed * 3000, 'text') },
    { name: `generated-${seed}.vtt`, text: generateCall(seed, 2000 + seed * 3000, 'vtt') },
  ]);
  return [...examples, ...generated].map((s) => ({
    ...s,
    lines: toTurns(parseTranscript(s.text)).map((t) => ({ speaker: t.speaker, text: t.text })),
  }));
}

/** Names that a plain-object lookup table answers with a built-in. */
export const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).flatMap((n) => [
  n,
  n.toLowerCase(),
  n.toUpperCase(),
]);

/** Units that huge tokens are made of: each stresses a different tokenizer rule. */
const TOKEN_UNITS = [
  'a',
  'a.',
  'ab@cd.',
  '//:',
  'x/',
  '1.',
  "'",
  '-',
  '😀',
  'é',
  'a-b',
  'http://x.io/',
  '#a',
  '@b',
];
const RUN_CHARS = ['!', '*', '/', '?', '.', '-', ',', ':', '"', '(', '…', "'", '$', '—'];
const CONTROL = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\u000b',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009f',
  '\u200b',
  '\u2028',
  '\ufeff',
  '\ud800',
  '\udfff',
  '\u00a0',
  '\u202e',
  '\t',
  '\r',
];

function repeatTo(unit: string, n: number): string {
  return unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
}

function insertAt(rng: Rng, s: string, piece: string): string {
  const at = int(rng, s.length + 1);
  return s.slice(0, at) + piece + s.slice(at);
}

/** Mutations of a call's lines, before it is written in a format. */
const LINE_MUTATIONS: Record<string, (rng: Rng, lines: Line[]) => Line[]> = {
  'many-speakers': (rng, lines) => {
    const n = pick(rng, [50, 500, 2000, 8000]);
    return Array.from({ length: n }, (_, i) => ({
      speaker: `Speaker ${i}`,
      text: lines[i % lines.length].text,
    }));
  },
  'prototype-speakers': (rng, lines) =>
    lines.map((l) => (chance(rng, 0.5) ? { ...l, speaker: pick(rng, PROTOTYPE_NAMES) } : l)),
  'prototype-words': (rng, lines) =>
    lines.map((l) => ({
      ...l,
      text: l.text.replace(/\b\w+\b/g, (w) => (chance(rng, 0.2) ? pick(rng, PROTOTYPE_NAMES) : w)),
    })),
  'huge-first-turn': (rng, lines) => [
    { speaker: lines[0].speaker, text: repeatTo(`${lines[0].text} `, 33_000 + int(rng, 60_000)) },
    ...lines.slice(1),
  ],
  'one-speaker': (_rng, lines) => lines.map((l) => ({ ...l, speaker: lines[0].speaker })),
  'empty-texts': (rng, lines) => lines.map((l) => (chance(rng, 0.3) ? { ...l, text: '' } : l)),
};

/** Mutations of the written text. */
const TEXT_MUTATIONS: Record<string, (rng: Rng, s: string) => string> = {
  truncate: (rng, s) => s.slice(0, int(rng, s.length)),
  duplicate: (rng, s) => {
    const from = int(rng, s.length);
    const piece = s.slice(from, from + 1 + int(rng, 20_000));
    return insertAt(rng, s, piece.repeat(1 + int(rng, 20)));
  },
  delete: (rng, s) => {
    const from = int(rng, s.length);
    return s.slice(0, from) + s.slice(from + int(rng, 2000));
  },
  'huge-token': (rng, s) =>
    insertAt(rng, s, ` ${repeatTo(pick(rng, TOKEN_UNITS), 1000 + int(rng, 120_000))} `),
  'punctuation-run': (rng, s) => {
    const c = pick(rng, RUN_CHARS);
    const unit = chance(rng, 0.2) ? `${c} ` : c;
    return insertAt(rng, s, repeatTo(unit, 100 + int(rng, 16_384)));
  },
  'control-chars': (rng, s) => {
    let out = s;
    for (let k = 1 + int(rng, 40); k > 0; k--) out = insertAt(rng, out, pick(rng, CONTROL));
    return out;
  },
  'absurd-times': (rng, s) =>
    s.replace(/\b\d\d:\d\d\b|"start": \d+|,\d+(\.\d+)?\n/g, (m) => {
      if (!chance(rng, 0.3)) return m;
      const huge = pick(rng, ['9'.repeat(400), '1e308', '99999999999', '-5', 'NaN', '00']);
      return m.startsWith('"')
        ? `"start": ${huge === 'NaN' ? '"NaN"' : huge}`
        : m.replace(/\d+/, huge);
    }),
  // a phrase of the call said thousands of times: run-on sentences, repeated cues
  'repeated-phrase': (rng, s) => {
    const words = s.split(/\s+/);
    const from = int(rng, Math.max(1, words.length - 6));
    const phrase = `${words.slice(from, from + 2 + int(rng, 4)).join(' ')} `;
    return insertAt(rng, s, phrase.repeat(1000 + int(rng, 20_000)));
  },
  'no-punctuation': (_rng, s) => s.replace(/[.?!,;]+(?=\s)/g, ''),
  'line-endings': (rng, s) => s.replace(/\n/g, pick(rng, ['\r\n', '\r', '\n\n', '\u2028'])),
  'one-line': (_rng, s) => s.replace(/\n/g, ' '),
  'stray-syntax': (rng, s) => {
    let out = s;
    for (let k = 1 + int(rng, 20); k > 0; k--) {
      out = insertAt(
        rng,
        out,
        pick(rng, ['-->', '"', ',', '{', '[', ']', ':', '<v ', '&amp', '\\']),
      );
    }
    return out;
  },
  'prototype-text': (rng, s) => insertAt(rng, s, ` ${pick(rng, PROTOTYPE_NAMES)}: `),
  bom: (_rng, s) => `\ufeff${s}`,
};

/** Byte-level mutations, applied last. */
const BYTE_MUTATIONS: Record<string, (rng: Rng, s: string) => Uint8Array> = {
  'byte-flips': (rng, s) => {
    const bytes = Buffer.from(s, 'utf8');
    for (let k = 1 + int(rng, 30); k > 0 && bytes.length > 0; k--) {
      bytes[int(rng, bytes.length)] ^= 1 << int(rng, 8);
    }
    return bytes;
  },
  'utf8-bom': (_rng, s) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s)]),
  'utf16le-bom': (_rng, s) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]),
  'utf16be-bom': (_rng, s) => {
    const le = Buffer.from(s, 'utf16le');
    return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]);
  },
  'windows-1252': (_rng, s) => Buffer.from(s, 'latin1'),
};

/** Case `index` of run `seed`: the same input every time. */
export function fuzzCase(seeds: readonly Seed[], seed: number, index: number): FuzzInput {
  const rng = prng((Math.imul(seed, 1_000_003) + index) >>> 0);
  const base = pick(rng, seeds);
  const steps: string[] = [base.name];
  let text = base.text;
  if (chance(rng, 0.6)) {
    let lines = base.lines;
    if (chance(rng, 0.4)) {
      const name = pick(rng, Object.keys(LINE_MUTATIONS));
      lines = LINE_MUTATIONS[name](rng, lines);
      steps.push(name);
    }
    const format = pick(rng, FORMATS);
    text = writeAs(lines, format);
    steps.push(`as-${format}`);
  }
  for (let k = int(rng, 4); k > 0; k--) {
    const name = pick(rng, Object.keys(TEXT_MUTATIONS));
    text = TEXT_MUTATIONS[name](rng, text);
    steps.push(name);
  }
  let input: string | Uint8Array = text;
  if (chance(rng, 0.25)) {
    const name = pick(rng, Object.keys(BYTE_MUTATIONS));
    input = BYTE_MUTATIONS[name](rng, text);
    steps.push(name);
  }
  return { name: steps.join(' > '), input };
}
