/**
 * Every name on Object.prototype ("constructor", "__proto__", "toString"...) in the places a
 * user's text reaches: words, speaker names, JSON keys, CSV headers, --rep, `walkpoint label`.
 * A lookup table that is a plain object answers these with built-ins ("t.normal.includes is
 * not a function"); the engine must read them as ordinary text, or refuse the file cleanly.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { labelCommand } from '../src/cli/label-command.js';
import { captureIo, runCli } from '../src/cli/testing.js';
import { analyze, evaluateUtterances, isWalkpointError } from '../src/index.js';

const BASE = Object.getOwnPropertyNames(Object.prototype);
const cased = (name: string) => [
  name,
  name.toLowerCase(),
  name.toUpperCase(),
  name[0].toUpperCase() + name.slice(1),
];
const NAMES = [...new Set(BASE.flatMap(cased))];

/** analyze() either reads the input or refuses it with a WalkpointError: never anything else. */
function readOrRefuse(input: string, options: Parameters<typeof analyze>[1] = {}) {
  try {
    return analyze(input, options);
  } catch (e) {
    if (isWalkpointError(e)) return undefined;
    throw e;
  }
}

describe('Object.prototype names', () => {
  it('covers the names this engine version knows', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      assert.ok(NAMES.includes(name));
    }
  });

  it('as words, contractions and sentence ends, in every casing', () => {
    const words = NAMES.join(' ');
    const contracted = NAMES.map((n) => `${n}'s ${n}n't ${n}'re ${n}.`).join(' ');
    const analysis = analyze(
      [
        `Dana Reyes: We help teams like yours. ${words}?`,
        `Sam Ortiz: ${contracted} Send me something about ${words}.`,
        `Dana Reyes: What happens if nothing changes? ${words}`,
        'Sam Ortiz: constructor constructor constructor.',
      ].join('\n'),
    );
    assert.equal(analysis.turns.length, 4);
    for (const t of analysis.turns) assert.equal(typeof t.text, 'string');
  });

  it('as speaker names in "Name: text", WebVTT voice tags and --rep', () => {
    for (const name of NAMES) {
      const text = `${name}: We help teams like yours. What do you use today?\nSam Ortiz: We use spreadsheets, send me something.\n`;
      const a = readOrRefuse(text);
      if (/^\p{L}/u.test(name)) assert.equal(a?.speakers[0].name, name);
      readOrRefuse(text, { rep: [name] });
      readOrRefuse(text, { rep: ['sam'] });
      const vtt = `WEBVTT\n\n00:00.000 --> 00:02.000\n<v ${name}>We help teams like yours.\n\n00:02.000 --> 00:04.000\n<v Sam>Send me something.\n`;
      assert.equal(readOrRefuse(vtt)?.speakers[0].name, name);
    }
  });

  it('as JSON keys and values, at the root, in items and as speakers', () => {
    for (const name of NAMES) {
      const item = (speaker: unknown, text: string) => ({
        [name]: name,
        speaker,
        text,
        start: 1,
      });
      const items = [
        item(name, `${name} we help teams like yours`),
        item({ name, [name]: 1 }, 'send me something'),
        item('Sam', name),
      ];
      const a = readOrRefuse(JSON.stringify(items));
      assert.equal(a?.speakers[0].name, name);
      readOrRefuse(JSON.stringify({ [name]: items, participants: [name, { name }] }));
      readOrRefuse(JSON.stringify({ utterances: items, [name]: { [name]: [] } }));
      // a bare object keyed by the name: refused as "no utterances", never a crash
      readOrRefuse(`{"${name}": {"${name}": "${name}"}}`);
      readOrRefuse(`[{"speaker": {"${name}": "x"}, "text": "hello"}]`);
    }
  });

  it('as CSV headers and cells', () => {
    for (const name of NAMES) {
      readOrRefuse(`${name},text\nAnn,hello\nBen,hi\n`);
      readOrRefuse(`speaker,text,${name}\n${name},hello ${name},${name}\nBen,hi,x\n`);
      readOrRefuse(`speaker,${name}\nAnn,hello\n`);
    }
  });

  it('through `walkpoint label`: as text, role, id and keys', async () => {
    const lines = NAMES.flatMap((name) => [
      JSON.stringify({ id: name, role: 'prospect', text: `${name} send me ${name}` }),
      JSON.stringify({ id: 1, role: name, text: 'hello' }),
      JSON.stringify({
        [name]: name,
        role: 'rep',
        text: name,
        context: [{ role: 'prospect', text: name }],
      }),
      `{"__proto__": {"text": "x"}, "role": "rep"}`,
    ]);
    const c = captureIo();
    const code = await labelCommand(Readable.from(lines.map((l) => `${l}\n`)), c.io);
    const out = c
      .out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(out.length, lines.length);
    assert.equal(code, 2); // the lines with a bad role are malformed, each named
    for (const o of out) {
      if (o.error) assert.match(o.error, /field "(role|text)" must be/);
      else assert.ok(Array.isArray(o.kinds));
    }
  });

  it('through `walkpoint analyze`, with --rep', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'walkpoint-proto-')), 'call.txt');
    writeFileSync(
      file,
      `Constructor: We help teams like yours. ${NAMES.join(' ')}?\nValueOf: Send me something, ${NAMES.join(', ')}.\n`,
    );
    const r = await runCli('analyze', file, '--format', 'json', '--rep', 'constructor');
    assert.equal(r.code, 0, r.err);
    assert.equal(JSON.parse(r.out).speakers[0].role, 'rep');
    const unknown = await runCli('analyze', file, '--rep', '__proto__');
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /^walkpoint: .*no speaker matches --rep "__proto__"/);
  });

  it('as labelled kinds in `walkpoint eval` utterance sets', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'walkpoint-proto-')), 'set.jsonl');
    const lines = NAMES.map((name, i) =>
      JSON.stringify({
        id: `u${i}`,
        role: 'prospect',
        text: `${name}, send me something`,
        kinds: [name],
      }),
    );
    writeFileSync(file, `${lines.join('\n')}\n`);
    const result = evaluateUtterances(file);
    assert.equal(result.evaluated, NAMES.length);
    assert.ok(Object.hasOwn(result.misses, 'constructor'));
    assert.ok(Object.hasOwn(result.byKind?.engine ?? {}, '__proto__'));
  });
});
