import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { analyze } from '../engine/analyze.js';
import { REPLAYS } from '../practice/replays.js';
import { main } from './main.js';
import { practiceCommand } from './practice-command.js';
import { captureIo } from './testing.js';

const dir = mkdtempSync(join(tmpdir(), 'wp-practice-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const capture = captureIo;

function repliesFile(name: string, lines: string[]): string {
  const file = join(dir, `${name}.txt`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('walkpoint practice', () => {
  it('lists the scenarios as JSON', async () => {
    const c = capture();
    assert.equal(await main(['practice', '--format', 'json'], c.io), 0);
    const list = JSON.parse(c.out());
    assert.ok(list.length >= 10);
    assert.deepEqual(Object.keys(list[0]).sort(), ['difficulty', 'name', 'title', 'triggers']);
  });

  it('exits 2 listing the names for an unknown scenario', async () => {
    const c = capture();
    assert.equal(await main(['practice', 'no-such-prospect'], c.io), 2);
    assert.match(c.err(), /unknown scenario "no-such-prospect".*cto-ten-minutes/);
  });

  it('exits 2 naming an unreadable replies file', async () => {
    const c = capture();
    const missing = join(dir, 'missing.txt');
    assert.equal(await main(['practice', 'cto-ten-minutes', '--replies', missing], c.io), 2);
    assert.ok(c.err().includes(missing));
  });

  it('plays from a replies file and prints the session as JSON', async () => {
    const { seed, challenging } = REPLAYS['cto-ten-minutes'];
    const file = repliesFile('cto', challenging);
    const run = async () => {
      const c = capture();
      const code = await main(
        [
          'practice',
          'cto-ten-minutes',
          '--replies',
          file,
          '--format',
          'json',
          '--seed',
          String(seed),
        ],
        c.io,
      );
      assert.equal(code, 0, c.err());
      return JSON.parse(c.out());
    };
    const report = await run();
    assert.equal(report.outcome, 'next-step');
    assert.equal(typeof report.score, 'number');
    assert.equal(report.grades.length, challenging.length);
    assert.ok(report.grades.every((g: { response: string }) => g.response === 'challenged'));
    assert.equal(report.turns[0].speaker, 'Renata Voss');
    assert.deepEqual(await run(), report, 'the same seed and replies give the same session');
  });

  it('saves a transcript that walkpoint analyze reads', async () => {
    const { seed, caving } = REPLAYS['procurement-renewal-discount'];
    const save = join(dir, 'saved', 'procurement.txt');
    const c = capture();
    const code = await main(
      ['practice', 'procurement-renewal-discount', '--replies', repliesFile('proc', caving)].concat(
        ['--seed', String(seed), '--save', save],
      ),
      c.io,
    );
    assert.equal(code, 0, c.err());
    assert.match(c.out(), /Debrief/);
    assert.match(c.out(), /nothing to lose: "/);
    const analysis = analyze(readFileSync(save, 'utf8'), { rep: ['You'] });
    assert.ok(analysis.moments.some((m) => m.response.kind === 'caved'));
    assert.equal(analysis.speakers.find((s) => s.name === 'You')?.role, 'rep');
  });

  it('plays interactively with live coaching, then debriefs', async () => {
    const c = capture();
    const input = Readable.from(['This is not worth our time. Let us stop here.\n']);
    const save = join(dir, 'interactive.txt');
    const code = await practiceCommand(
      'cto-ten-minutes',
      { format: 'text', seed: 1, coach: true, save, rep: 'Alex', color: false },
      c.io,
      input,
    );
    assert.equal(code, 0);
    assert.match(c.out(), /walked-out:/);
    assert.match(c.out(), /you walked out/);
    assert.match(readFileSync(save, 'utf8'), /^Renata Voss: .*\nAlex: This is not worth/);
  });
});
