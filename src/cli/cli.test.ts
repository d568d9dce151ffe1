import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { WalkpointError } from '../core/errors.js';
import type { Analysis } from '../core/types.js';
import { collectInputs, isTranscriptName } from '../parse/inputs.js';
import { errorLine, toErrorReport } from './errors.js';
import { reportPaths } from './output.js';
import { runCli } from './testing.js';

const CALL = [
  'Dana: Thanks for making time today, Sam. What made you take this meeting?',
  'Sam: Honestly, just send me something and I will look at it.',
  'Dana: Sure, I will send it over today.',
  'Sam: Great, thanks.',
  '',
].join('\n');

const VTT_CALL = [
  'WEBVTT',
  '',
  '00:00:01.000 --> 00:00:05.000',
  '<v Dana>Thanks for the time. What prompted the call?</v>',
  '',
  '00:00:06.000 --> 00:00:10.000',
  '<v Sam>This is way more than we expected to pay.</v>',
  '',
  '00:00:11.000 --> 00:00:13.000',
  '<v Dana>Too much compared with what?</v>',
  '',
].join('\n');

const root = mkdtempSync(join(tmpdir(), 'walkpoint-cli-'));
after(() => rmSync(root, { recursive: true, force: true }));

function write(rel: string, content: string): string {
  const path = join(root, rel);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

const run = runCli;

const single = write('single/call.txt', CALL);

describe('analyze one file', () => {
  test('text report on stdout', async () => {
    const r = await run('analyze', single, '--rep', 'Dana');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Walkpoint report: .*call\.txt/);
    assert.match(r.out, /Dana \(rep/);
    assert.match(r.out, /Willing-to-walk score: \d+\/100/);
    assert.ok(!r.out.includes('\u001b['), 'no colours when stdout is not a terminal');
  });

  test('json report is one Analysis', async () => {
    const r = await run('analyze', single, '--format', 'json');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out.trimEnd().split('\n').length, 1);
    const a = JSON.parse(r.out) as Analysis;
    assert.equal(a.version, 1);
    assert.equal(a.source.format, 'text');
    assert.deepEqual(a.speakers.map((s) => s.name).sort(), ['Dana', 'Sam']);
  });

  test('--out writes <basename>.<ext> and nothing on stdout', async () => {
    const out = join(root, 'out-single');
    const r = await run('analyze', single, '--format', 'html', '--out', out);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, '');
    assert.deepEqual(readdirSync(out), ['call.html']);
    assert.match(readFileSync(join(out, 'call.html'), 'utf8'), /^<!doctype html>/);
  });

  test('an empty file: one line naming the file, exit 2, no output file', async () => {
    const empty = write('bad/empty.txt', '');
    const out = join(root, 'out-empty');
    const r = await run('analyze', empty, '--out', out);
    assert.equal(r.code, 2);
    assert.equal(r.err.trimEnd().split('\n').length, 1);
    assert.match(r.err, /^walkpoint: .*empty\.txt: /);
    assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
    assert.deepEqual(existsSync(out) ? readdirSync(out) : [], []);
  });

  test('an unknown --rep: exit 2 and the speakers found are listed', async () => {
    const r = await run('analyze', single, '--rep', 'Nobody');
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.match(r.err, /Nobody/);
    assert.match(r.err, /Dana/);
    assert.match(r.err, /Sam/);
    assert.equal(r.err.trimEnd().split('\n').length, 1);
  });

  test('a missing path: exit 2, one line', async () => {
    const r = await run('analyze', join(root, 'nope.vtt'));
    assert.equal(r.code, 2);
    assert.match(r.err, /^walkpoint: .*nope\.vtt: no such file or folder/);
  });

  test('usage errors exit 2', async () => {
    assert.equal((await run('analyze', single, '--format', 'pdf')).code, 2);
    assert.equal((await run('analyze', single, '--jobs', '0')).code, 2);
  });
});

describe('analyze a folder', () => {
  const folder = join(root, 'folder');
  write('folder/a.txt', CALL);
  write('folder/nested/b.vtt', VTT_CALL);
  write('folder/broken.txt', '');
  write('folder/a.labels.json', '{"moments": []}');
  write('folder/notes.md', '# not a call');

  test('bad file on stderr, the others analysed, summary table, exit 2', async () => {
    const r = await run('analyze', folder, '--jobs', '2');
    assert.equal(r.code, 2);
    const errLines = r.err.trimEnd().split('\n');
    assert.equal(errLines.length, 1, r.err);
    assert.match(errLines[0], /^walkpoint: .*broken\.txt: /);
    const lines = r.out.trimEnd().split('\n');
    assert.match(lines[0], /^file\s+rep\s+moments\s+challenged\s+caved\s+gave-up\s+walked-out/);
    assert.match(lines[1], /a\.txt/);
    assert.match(lines[2], /nested.b\.vtt/);
    assert.match(lines[3], /^total \(2 calls\)/);
    assert.doesNotMatch(r.out, /labels|notes/);
  });

  test('--format json gives one Analysis per line, in input order', async () => {
    const r = await run('analyze', folder, '--format', 'json');
    assert.equal(r.code, 2);
    const analyses = r.out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Analysis);
    assert.deepEqual(
      analyses.map((a) => a.source.format),
      ['text', 'vtt'],
    );
  });

  test('--out writes one report per good file', async () => {
    const out = join(root, 'out-folder');
    const r = await run('analyze', folder, '--format', 'md', '--out', out);
    assert.equal(r.code, 2);
    assert.deepEqual(readdirSync(out).sort(), ['a.md', 'b.md']);
    assert.match(readFileSync(join(out, 'b.md'), 'utf8'), /## Scorecard/);
  });
});

describe('questions', () => {
  test('objection:price as JSON', async () => {
    const r = await run('questions', 'objection:price', '--format', 'json');
    assert.equal(r.code, 0, r.err);
    const entries = JSON.parse(r.out) as { trigger: string; subtype?: string; text: string }[];
    assert.ok(entries.length > 0);
    // the price moves first, then the moves for any objection
    assert.equal(entries[0].subtype, 'price');
    for (const q of entries) {
      assert.equal(q.trigger, 'objection');
      assert.ok(q.subtype === 'price' || q.subtype === undefined, `subtype ${q.subtype}`);
      assert.ok(q.text.length > 0);
    }
  });

  test('the whole bank as grouped text', async () => {
    const r = await run('questions');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^objection:price \(\d+\)$/m);
  });
});

describe('inputs and output names', () => {
  test('folder scan keeps transcript-like files only', () => {
    assert.ok(isTranscriptName('call.vtt'));
    assert.ok(isTranscriptName('CALL.SRT'));
    assert.ok(!isTranscriptName('call.labels.json'));
    assert.ok(!isTranscriptName('notes.md'));
    const { files, batch } = collectInputs([join(root, 'folder')]);
    assert.ok(batch);
    assert.deepEqual(
      files.map((f) => f.slice(root.length + 1)),
      ['folder/a.txt', 'folder/broken.txt', 'folder/nested/b.vtt'],
    );
  });

  test('a deal file in a folder is skipped and said so; a JSON call beside it is kept', async () => {
    const utterances = CALL.trim()
      .split('\n')
      .map((line) => ({ speaker: line.split(': ')[0], text: line.split(': ')[1] }));
    write('deals-folder/call.json', JSON.stringify({ utterances }));
    write('deals-folder/lane.json', JSON.stringify({ name: 'Lane', calls: ['call.json'] }));
    const { files, skipped } = collectInputs([join(root, 'deals-folder')]);
    assert.deepEqual(
      files.map((f) => f.slice(root.length + 1)),
      ['deals-folder/call.json'],
    );
    assert.equal(skipped.length, 1);
    assert.match(skipped[0].file, /lane\.json$/);
    assert.match(skipped[0].reason, /deal file/);
    const r = await run('analyze', join(root, 'deals-folder'));
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /skipped .*lane\.json: a deal file, not a call/);
  });

  test('report names never collide with each other or with an input', () => {
    const dir = '/x';
    assert.deepEqual(reportPaths(['/a/call.vtt', '/b/call.srt', '/c/call.txt'], dir, 'txt'), [
      '/x/call.txt',
      '/x/call.srt.txt',
      '/x/call.txt.txt',
    ]);
    assert.deepEqual(reportPaths(['/x/call.txt'], dir, 'txt'), ['/x/call.txt.txt']);
  });
});

describe('error lines', () => {
  test('a WalkpointError is one line, the file named once, never a stack', () => {
    const e = new WalkpointError('empty', 'the transcript is empty', { file: 'a.vtt' });
    const report = toErrorReport(e);
    assert.equal(report.user, true);
    assert.equal(errorLine(report, 'a.vtt'), 'walkpoint: a.vtt: the transcript is empty');
  });

  test('an unexpected error shows its stack only with WALKPOINT_DEBUG=1', () => {
    const report = toErrorReport(new TypeError('boom'));
    assert.equal(report.user, false);
    const saved = process.env.WALKPOINT_DEBUG;
    try {
      delete process.env.WALKPOINT_DEBUG;
      assert.equal(errorLine(report, 'b.srt'), 'walkpoint: b.srt: boom');
      process.env.WALKPOINT_DEBUG = '1';
      assert.match(errorLine(report, 'b.srt'), /^walkpoint: b\.srt: boom\nTypeError: boom\n\s+at /);
    } finally {
      if (saved === undefined) delete process.env.WALKPOINT_DEBUG;
      else process.env.WALKPOINT_DEBUG = saved;
    }
  });
});

describe('the command as a process', () => {
  test('--version prints the package version', async () => {
    const main = fileURLToPath(new URL('./main.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [
      '--import',
      'tsx',
      main,
      '--version',
    ]);
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    assert.equal(stdout.trim(), pkg.version);
  });
});
