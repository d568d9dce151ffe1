import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { labelCommand } from '../cli/label-command.js';
import { isWalkpointError } from '../core/errors.js';
import { evaluateCalls, readLabels } from './calls.js';
import { Confusion, LabelCounter, prf } from './metrics.js';
import { evaluateUtterances } from './utterances.js';

const dir = mkdtempSync(join(tmpdir(), 'walkpoint-eval-'));
const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
const lines = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n');

test('precision, recall and F1 from counts, and per-label counting', () => {
  assert.deepEqual(prf({ tp: 3, fp: 1, fn: 1 }), {
    tp: 3,
    fp: 1,
    fn: 1,
    precision: 0.75,
    recall: 0.75,
    f1: 0.75,
    support: 4,
  });
  assert.equal(prf({ tp: 0, fp: 0, fn: 0 }).f1, 0);
  const c = new LabelCounter();
  c.add(['stall', 'question'], ['stall']);
  c.add([], ['objection']);
  const t = c.table();
  assert.equal(t.stall.tp, 1);
  assert.equal(t.question.fn, 1);
  assert.equal(t.objection.fp, 1);
  const m = new Confusion();
  m.add('caved', 'caved');
  m.add('caved', 'challenged');
  assert.equal(m.accuracy(), 0.5);
  assert.deepEqual(m.toJSON().matrix, { caved: { caved: 1, challenged: 1 } });
});

test('utterance eval reads all three gold forms, with baselines, and reports unlabelled lines', () => {
  const file = write(
    'mixed.jsonl',
    lines([
      { role: 'prospect', text: 'Just email me a brochure.', trigger: 'stall' },
      { role: 'prospect', text: 'We have about forty reps.', trigger: null },
      { speaker: 'A', text: 'what kind of music do you like', question: true },
      { speaker: 'B', text: 'I like jazz.', question: false },
      {
        role: 'rep',
        text: 'What happens if you do nothing?',
        kinds: ['question', 'tough-question'],
      },
      { role: 'prospect', text: 'no label on this one' },
    ]),
  );
  const r = evaluateUtterances(file);
  assert.equal(r.lines, 6);
  assert.equal(r.evaluated, 5);
  assert.deepEqual(r.unlabelled, [6], 'a line without gold is reported, not counted');
  assert.equal(r.question?.asGiven.engine.tp, 1);
  assert.equal(r.question?.noPunctuation.baselines['question-mark'].tp, 0);
  assert.equal(r.anyTrigger?.engine.tp, 1);
  assert.equal(
    r.anyTrigger?.baselines.everything.fp,
    1,
    'the everything baseline flags the neutral line',
  );
  assert.equal(r.byKind?.engine['tough-question'].tp, 1);
});

test('a utterance line of the wrong shape names its line and field', () => {
  const file = write(
    'bad.jsonl',
    `${lines([{ role: 'prospect', text: 'ok', trigger: null }])}\n{"role": "boss", "text": "x", "trigger": null}\n`,
  );
  assert.throws(
    () => evaluateUtterances(file),
    (e) => isWalkpointError(e) && /bad\.jsonl:2: field "role"/.test(e.message),
  );
  const broken = write('broken.jsonl', '{"role": "rep", "text": \n');
  assert.throws(() => evaluateUtterances(broken), /broken\.jsonl:1: not valid JSON/);
});

test('labelled calls: moments are found by quote, triggers and responses scored', () => {
  write(
    'call.txt',
    [
      'Rita Rep: Hi Pat, thanks for the time. What made you take the call?',
      'Pat Prospect: Honestly, just email me a brochure and I will look at it.',
      'Rita Rep: Happy to. Before I do, what would it need to show for us to talk again?',
      'Pat Prospect: Our costs, mainly. We have about forty reps.',
      'Rita Rep: Got it. How much is the manual work costing you each month?',
      "Pat Prospect: Around twenty grand. But it's way too expensive for us.",
      'Rita Rep: Okay, I can knock twenty percent off.',
    ].join('\n'),
  );
  const labels = write(
    'call.labels.json',
    JSON.stringify({
      call: 'call.txt',
      rep: ['Rita Rep'],
      moments: [
        {
          quote: 'just email me a brochure',
          trigger: 'stall',
          subtype: 'info',
          response: 'challenged',
        },
        {
          quote: "it's way too expensive for us",
          trigger: 'objection',
          subtype: 'price',
          response: 'caved',
        },
      ],
    }),
  );
  const r = evaluateCalls([labels]);
  assert.equal(r.moments, 2);
  assert.equal(r.anyTrigger.engine.tp, 2);
  assert.equal(r.anyTrigger.engine.fp, 0, '"we have about forty reps" is not a walk-point');
  assert.equal(r.response.accuracy, 1);
  assert.equal(r.byKind.objection.tp, 1);
});

test('a labels file of the wrong shape names the field', () => {
  const bad = write(
    'x.labels.json',
    JSON.stringify({
      call: 'call.txt',
      rep: ['Rita'],
      moments: [{ quote: 'q', trigger: 'stall', subtype: 'soon', response: 'caved' }],
    }),
  );
  assert.throws(
    () => readLabels(bad),
    /field "moments\.0\.subtype": "soon" is not a subtype of stall/,
  );
  const missing = write(
    'y.labels.json',
    JSON.stringify({
      call: 'call.txt',
      rep: ['Rita Rep'],
      moments: [{ quote: 'never said', trigger: 'stall', response: 'caved' }],
    }),
  );
  assert.throws(() => evaluateCalls([missing]), /no prospect turn contains "never said"/);
});

test('walkpoint label streams one line out per line in, and names malformed lines', async () => {
  const input = Readable.from(
    [
      JSON.stringify({ id: 'a', role: 'prospect', text: 'Send me some information.' }),
      '{not json',
      JSON.stringify({
        id: 'c',
        role: 'rep',
        text: 'What happens if you do nothing?',
        context: [{ role: 'prospect', text: 'Let me think about it.' }],
      }),
      JSON.stringify({ id: 'd', role: 'buyer', text: 'hi' }),
    ].map((l) => `${l}\n`),
  );
  let out = '';
  let err = '';
  const code = await labelCommand(input, {
    out: { write: (s: string) => (out += s) },
    err: { write: (s: string) => (err += s) },
  });
  const rows = out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(rows.length, 4);
  assert.deepEqual(rows[0], { id: 'a', kinds: ['stall:info'] });
  assert.equal(rows[1].line, 2);
  assert.match(rows[1].error, /not valid JSON/);
  assert.ok(rows[2].kinds.includes('tough-question') && rows[2].kinds.includes('question'));
  assert.equal(rows[3].id, 'd');
  assert.match(rows[3].error, /field "role"/);
  assert.equal(code, 2);
  assert.match(err, /2 of 4 lines were malformed/);
});
