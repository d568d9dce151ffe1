/**
 * `npm run check-data`: the bundled data passes, and each kind of mistake it exists to catch
 * fails it, naming the file: a cue kind outside the vocabulary, a referenced id nobody defines,
 * an id defined twice, and a lexicon changed since the models were trained.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { checkData } from '../scripts/check-data.js';

const root = new URL('..', import.meta.url).pathname;
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A copy of data/ (and src/, when the test edits code) to break one thing in. */
function copy(withSrc = false) {
  const dir = mkdtempSync(join(tmpdir(), 'walkpoint-check-data-'));
  dirs.push(dir);
  cpSync(join(root, 'data'), join(dir, 'data'), { recursive: true });
  if (withSrc) cpSync(join(root, 'src'), join(dir, 'src'), { recursive: true });
  return {
    data: join(dir, 'data'),
    src: withSrc ? join(dir, 'src') : join(root, 'src'),
    edit(rel: string, change: (json: Record<string, unknown>) => void) {
      const path = join(dir, 'data', rel);
      const json = JSON.parse(readFileSync(path, 'utf8'));
      change(json);
      writeFileSync(path, JSON.stringify(json));
    },
  };
}

const errors = (data: string, src: string) =>
  checkData(data, src)
    .filter((p) => p.level === 'error')
    .map((p) => `${p.file}: ${p.message}`);

type CueFile = { cues: { id: string; kind: string }[] };

describe('check-data', () => {
  test('the bundled data has no errors', () => {
    assert.deepEqual(errors(join(root, 'data'), join(root, 'src')), []);
  });

  test('a cue kind or trigger subtype outside the vocabulary', () => {
    const c = copy();
    c.edit('cues/stall.json', (j) => {
      (j as CueFile).cues[0].kind = 'stal:info';
      (j as CueFile).cues[1].kind = 'stall:someday';
    });
    const found = errors(c.data, c.src);
    assert.equal(found.length, 2, found.join('\n'));
    assert.match(
      found[0],
      /^data\/cues\/stall\.json: cue .*: kind "stal:info" is not in the vocabulary/,
    );
    assert.match(found[1], /"someday" is not a subtype of stall/);
  });

  test('an id referenced by the data or by the code that nothing defines', () => {
    const c = copy(true);
    c.edit('grading.json', (j) => {
      const reasons = j.reasons as Record<string, { ids: string[] }>;
      reasons[Object.keys(reasons)[0]].ids.push('no-such-cue');
    });
    mkdirSync(join(c.src, 'extra'));
    writeFileSync(
      join(c.src, 'extra', 'uses.ts'),
      "phrase('no-such-phrase');\nif (f.reason === 'no-such-reason') {}\ndealPhrase('no-such-list');\n",
    );
    const found = errors(c.data, c.src);
    assert.equal(found.length, 4, found.join('\n'));
    assert.ok(found.some((e) => /^src\/extra\/uses\.ts: dealPhrase\('no-such-list'\)/.test(e)));
    assert.ok(found.some((e) => /^data\/grading\.json: .*names cue no-such-cue/.test(e)));
    assert.ok(found.some((e) => /^src\/extra\/uses\.ts: phrase\('no-such-phrase'\)/.test(e)));
    assert.ok(found.some((e) => /^src\/extra\/uses\.ts: .*"no-such-reason"/.test(e)));
  });

  test('a deal phrase list defined twice', () => {
    const c = copy();
    c.edit('deal-phrases.json', (j) => {
      const list = j.phrases as { id: string }[];
      list.push({ ...list[0] });
    });
    const found = errors(c.data, c.src);
    assert.deepEqual(found, [
      `data/deal-phrases.json: phrase list id ${JSON.parse(readFileSync(join(c.data, 'deal-phrases.json'), 'utf8')).phrases[0].id} appears twice`,
    ]);
  });

  test('an id defined twice, across files', () => {
    const c = copy();
    const stall = JSON.parse(readFileSync(join(c.data, 'cues/stall.json'), 'utf8')) as CueFile;
    c.edit('cues/objection.json', (j) => {
      (j as CueFile).cues[0].id = stall.cues[0].id;
    });
    const found = errors(c.data, c.src);
    assert.equal(found.length, 1, found.join('\n'));
    // files are read in name order: objection.json is first, stall.json repeats its id
    assert.ok(
      found[0].startsWith(
        `data/cues/stall.json: cue id ${stall.cues[0].id} is also defined in data/cues/objection.json`,
      ),
      found[0],
    );
  });

  test('a lexicon changed since the models were trained', () => {
    const c = copy();
    c.edit('lexicon.json', (j) => {
      (j.send as { words: string[] }).words.push('courier');
    });
    const found = errors(c.data, c.src);
    assert.deepEqual(
      found.map((e) => e.split(':')[0]),
      ['data/model/triggers.json', 'data/model/responses.json'],
    );
    assert.match(found[0], /trained with another data\/lexicon\.json.*npm run train/);
    // a note is not an input: editing it needs no retraining
    const d = copy();
    d.edit('lexicon.json', (j) => {
      (j.send as { note: string }).note = 'verbs for sending';
    });
    assert.deepEqual(errors(d.data, d.src), []);
  });
});
