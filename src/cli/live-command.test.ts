import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { analyze } from '../engine/analyze.js';
import type { LiveCard, LiveSummary } from '../live/events.js';
import { runCliWithInput } from './testing.js';

const lines = (...objects: unknown[]) => objects.map((o) => JSON.stringify(o)).join('\n');

const CALL = lines(
  {
    speaker: 'Dana',
    text: 'Thanks for making time today, Sam. What made you take this meeting?',
    start: 0,
  },
  { speaker: 'Sam', text: 'Honestly, just send', final: false, start: 5 },
  {
    speaker: 'Sam',
    text: 'Honestly, just send me something and I will look at it.',
    start: 5,
    end: 8,
  },
  { speaker: 'Dana', text: 'Sure, I will send it over today.', start: 9 },
  { speaker: 'Sam', text: 'Great, thanks.', start: 12 },
);

function parse(out: string): { type: string }[] {
  return out
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
}

describe('walkpoint live', () => {
  test('JSON lines in, cards and the summary out as JSON lines', async () => {
    const r = await runCliWithInput(CALL, 'live', '--rep', 'Dana', '--format', 'json');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '');
    const events = parse(r.out);
    const card = events.find((e) => e.type === 'card') as LiveCard;
    assert.equal(card.trigger.kind, 'stall');
    assert.equal(card.speaker, 'Sam');
    assert.equal(card.start, 5);
    const grade = events.find((e) => e.type === 'grade') as unknown as { line: string };
    assert.match(grade.line, /^you gave in to the stall/);
    const summary = events[events.length - 1] as LiveSummary;
    assert.equal(summary.type, 'summary');
    assert.equal(summary.utterances, 4);
    assert.equal(summary.partials, 1);
    assert.equal(summary.analysis?.moments[0].response.kind, 'caved');
    assert.equal(summary.agreement?.matched, 1);
  });

  test('text cards for a person', async () => {
    const r = await runCliWithInput(CALL, 'live', '--rep', 'Dana');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /\[00:05\] WALK-POINT: stall \(info\): Sam asked for information/);
    assert.match(r.out, /Ask, with nothing to lose:\n {3}1\. /);
    assert.match(r.out, /Your reply: you gave in to the stall: ask "/);
    assert.match(r.out, /Call over: 4 captions, 1 walk-points \(caved 1\)/);
  });

  test('a bad line is named on stderr and skipped; the rest goes on (exit 2)', async () => {
    const input = CALL.replace('\n', '\n{"speaker":"Sam"}\nnot json\n');
    const r = await runCliWithInput(input, 'live', '--rep', 'Dana', '--format', 'json');
    assert.equal(r.code, 2);
    assert.match(
      r.err,
      /^walkpoint live: stdin line 2: "text" is missing or not a string; line skipped, going on$/m,
    );
    assert.match(
      r.err,
      /^walkpoint live: stdin line 3: not valid JSON .*; line skipped, going on$/m,
    );
    assert.ok(!r.err.includes('    at '), 'no stack trace');
    const summary = parse(r.out).pop() as LiveSummary;
    assert.equal(summary.analysis?.moments.length, 1);
  });

  test('a call with one speaker ends with the reason, not a stack', async () => {
    const r = await runCliWithInput(lines({ speaker: 'Dana', text: 'Hello?' }), 'live');
    assert.equal(r.code, 2);
    assert.match(r.err, /only one speaker/);
    assert.match(r.out, /no analysis: only one speaker/);
  });

  test('--replay a transcript as fast as possible: the cards are its walk-points, in order', async () => {
    const file = fileURLToPath(new URL('../../examples/saas-cto-walkout.vtt', import.meta.url));
    const r = await runCliWithInput(
      '',
      'live',
      '--replay',
      file,
      '--speed',
      '0',
      '--format',
      'json',
    );
    assert.equal(r.code, 0, r.err);
    const events = parse(r.out);
    const batch = analyze(readFileSync(file), { file });
    assert.ok(batch.moments.length > 0);
    const cards = [
      ...new Set(events.filter((e) => e.type === 'card').map((e) => (e as LiveCard).turn)),
    ];
    assert.deepEqual(
      cards,
      batch.moments.map((m) => m.turn),
    );
    const summary = events.pop() as LiveSummary;
    assert.deepEqual(summary.analysis?.moments, batch.moments);
  });

  test('--replay at a pace waits between captions, N times faster with --speed N', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'walkpoint-live-'));
    const file = join(dir, 'call.vtt');
    writeFileSync(
      file,
      'WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<v Dana>What made you take the call?</v>\n\n00:00:02.000 --> 00:00:03.000\n<v Sam>Just email me the deck.</v>\n',
    );
    try {
      const began = performance.now();
      const r = await runCliWithInput(
        '',
        'live',
        '--replay',
        file,
        '--speed',
        '10',
        '--rep',
        'Dana',
      );
      const took = performance.now() - began;
      assert.equal(r.code, 0, r.err);
      assert.ok(took >= 190, `2 s of call at 10x took ${took} ms`);
      assert.match(r.out, /WALK-POINT: stall/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--speed must be ≥ 0; a missing replay file is named', async () => {
    const bad = await runCliWithInput('', 'live', '--replay', 'x.vtt', '--speed', '-2');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /expected a number ≥ 0/);
    const missing = await runCliWithInput('', 'live', '--replay', 'no-such-file.vtt');
    assert.equal(missing.code, 2);
    assert.match(missing.err, /no-such-file\.vtt: cannot read the file \(ENOENT\)/);
  });
});
