/**
 * The pathological inputs a probe found to cost quadratic time or to crash the engine, each
 * built on demand (some are megabytes). The fuzz run and its brief test analyse every one.
 */
import { generateCall } from '../bench/corpus.js';

export interface Shape {
  name: string;
  make(): string;
}

const KB = 1024;

/** A short ordinary exchange around `body`, so the file reads as a "Name: text" call. */
function around(body: string): string {
  return [
    'Dana Reyes: Thanks for making the time today. How are you handling reporting today?',
    `Sam Ortiz: ${body}`,
    'Dana Reyes: What happens if nothing changes over the next six months?',
    'Sam Ortiz: Honestly, send me something and I will think about it.',
    '',
  ].join('\n');
}

/** `n` characters of `unit` repeated. */
function run(unit: string, n: number): string {
  return unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
}

export const SHAPES: readonly Shape[] = [
  { name: 'token-100k-letters', make: () => around(run('a', 100_000)) },
  // wink's abbreviation rule ("a.b.c.") and its e-mail rule ("a@b.c") on one long token
  { name: 'token-100k-dotted', make: () => around(run('a.', 100_000)) },
  { name: 'token-100k-email-like', make: () => around(run('ab@cd.', 100_000)) },
  { name: 'token-100k-url-like', make: () => around(`https://x.io/${run('ab/', 100_000)}`) },
  { name: 'run-16k-bang', make: () => around(run('!', 16 * KB)) },
  { name: 'run-16k-star', make: () => around(run('*', 16 * KB)) },
  { name: 'run-16k-slash', make: () => around(run('/', 16 * KB)) },
  { name: 'run-16k-mixed', make: () => around(run('!*/?.', 16 * KB)) },
  {
    name: 'speakers-8000',
    make: () =>
      Array.from(
        { length: 8000 },
        (_, i) => `Speaker ${i}: what happens if nothing changes? We use spreadsheets.`,
      ).join('\n'),
  },
  {
    // the rep's text is searched for each other speaker's name ("joined by Anika")
    name: 'speakers-8000-one-rep',
    make: () =>
      Array.from(
        { length: 8000 },
        (_, i) =>
          `Dana Reyes: We help teams like yours; what happens if nothing changes?\nGuest ${i}: We use spreadsheets.`,
      ).join('\n'),
  },
  {
    name: 'json-40000-escaped-slashes',
    make: () =>
      JSON.stringify(
        Array.from({ length: 40_000 }, (_, i) => ({
          speaker: i % 2 ? 'Sam Ortiz' : 'Dana Reyes',
          text: `See https://example.com/docs/${i} and/or the price list, ok?`,
        })),
      ).replace(/\//g, '\\/'),
  },
  { name: 'ordinary-2.5mb', make: () => generateCall(11, 2_500_000, 'text') },
  { name: 'ordinary-2.5mb-vtt', make: () => generateCall(12, 2_500_000, 'vtt') },
  {
    // 150,000 timed turns: the duration must not spread them into Math.max(...)
    name: 'timed-turns-150k',
    make: () =>
      Array.from(
        { length: 150_000 },
        (_, i) =>
          `[${Math.floor(i / 3600)}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}] ${i % 2 ? 'Sam' : 'Dana'}: ok`,
      ).join('\n'),
  },
  {
    // one response of 150,000 questions: grading must not spread them into Math.max(...)
    name: 'rep-turn-150k-questions',
    make: () =>
      around('Just send me something and I will think about it.') +
      `Dana Reyes: ${'What happens if nothing changes? '.repeat(150_000)}\n`,
  },
  {
    // an unquoted CSV field full of quotes: each quote asked whether the field was blank so far
    name: 'csv-field-160k-quotes',
    make: () =>
      `speaker,text\nDana Reyes,What do you use today?\nSam Ortiz,${run('x"', 320_000)}\n`,
  },
  {
    // unpunctuated run-ons: each clause looked ahead over the rest of the sentence
    name: 'run-on-20k-lead-ins',
    make: () => around(run('so and okay but well ', 400_000)),
  },
  {
    name: 'run-on-20k-i-wonder',
    make: () => around(run('and i wonder if it so what happens is ', 400_000)),
  },
  {
    name: 'turn-40k-first',
    make: () =>
      [
        `Dana Reyes: ${run('we can walk through the numbers again and again. ', 40 * KB)}`,
        'Sam Ortiz: Send me something and I will think about it.',
        'Dana Reyes: What would have to be true for this to be worth a second look?',
        '',
      ].join('\n'),
  },
];
