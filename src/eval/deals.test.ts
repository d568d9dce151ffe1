import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from '../cli/testing.js';
import { isWalkpointError } from '../core/errors.js';
import type { Turn } from '../core/types.js';
import { CRITERION_IDS } from '../deals/rubric/criteria.js';
import {
  dealAgreement,
  evaluateDeals,
  locateQuotes,
  matchSentences,
  segmentRanges,
} from './deals.js';

const turn = (index: number, text: string): Turn => ({
  index,
  speaker: index % 2 ? 'Sam' : 'Kay',
  role: index % 2 ? 'prospect' : 'rep',
  text,
});

describe('sentence matching', () => {
  test('same turn and overlapping spans match, one to one', () => {
    const gold = [
      { turn: 1, start: 0, end: 10, quote: 'a' },
      { turn: 1, start: 11, end: 20, quote: 'b' },
    ];
    const predicted = [
      { turn: 1, start: 0, end: 10, quote: 'a' },
      { turn: 1, start: 2, end: 8, quote: 'a again' },
      { turn: 3, start: 0, end: 10, quote: 'other turn' },
    ];
    const { counts, missed, extra } = matchSentences(gold, predicted);
    assert.deepEqual(counts, { tp: 1, fp: 2, fn: 1 });
    assert.deepEqual(
      missed.map((m) => m.quote),
      ['b'],
    );
    assert.deepEqual(
      extra.map((m) => m.quote),
      ['a again', 'other turn'],
    );
  });

  test('a quote is found whatever its case and punctuation, in the turn nearest its number', () => {
    const turns = [turn(0, 'Hi.'), turn(1, 'Sounds good. We lose money!'), turn(2, 'Ok.')];
    turns.push(turn(3, 'Sounds good, see you then.'));
    const warnings: string[] = [];
    const ranges = segmentRanges(turns, [
      'Hi.',
      'Sounds good.',
      'We lose money!',
      'Ok.',
      'Sounds good, see you then.',
    ]);
    assert.deepEqual(ranges, [
      [1, 1],
      [2, 3],
      [4, 4],
      [5, 5],
    ]);
    const found = locateQuotes(
      turns,
      [
        { turn: 3, quote: 'we lose money' },
        { turn: 5, quote: 'Sounds good' },
        { turn: 2, quote: 'not said at all' },
      ],
      ranges,
      (m) => warnings.push(m),
    );
    assert.deepEqual(found[0], { turn: 1, start: 13, end: 26, quote: 'We lose money' });
    assert.equal(found[1]?.turn, 3);
    assert.equal(found[2], undefined);
    assert.match(warnings[0], /not found.*not said at all/);
  });
});

/** A folder with one call and its deal labels, as corpus/deals lays them out. */
function labelledSet(labels: object): string {
  const root = mkdtempSync(join(tmpdir(), 'walkpoint-deals-'));
  mkdirSync(join(root, 'calls'));
  mkdirSync(join(root, 'labels'));
  writeFileSync(
    join(root, 'calls', 'one.txt'),
    [
      'Kay: What is this costing you today?',
      'Sam: We lose about twenty thousand dollars a month to missed orders, and it is on me. The weather was nice.',
      'Kay: Who else is involved?',
      'Sam: Our team looks at it.',
    ].join('\n'),
  );
  writeFileSync(join(root, 'labels', 'one.deal.json'), JSON.stringify(labels));
  return join(root, 'labels');
}

const none: { score: number; evidence: { turn: number; quote: string }[] } = {
  score: 0,
  evidence: [],
};

describe('evaluateDeals', () => {
  test('per criterion evidence P/R/F1 and score accuracy, beside the keyword baseline', () => {
    const criteria = Object.fromEntries(CRITERION_IDS.map((id) => [id, none]));
    criteria['compelling-reason'] = {
      score: 2,
      evidence: [
        {
          turn: 2,
          quote: 'We lose about twenty thousand dollars a month to missed orders, and it is on me.',
        },
        { turn: 4, quote: 'Our team looks at it.' },
      ],
    };
    const dir = labelledSet({
      call: 'calls/one.txt',
      split: 'dev',
      labeller: 't',
      rep: ['Kay'],
      criteria,
    });
    const r = evaluateDeals([dir]);
    assert.equal(r.calls, 1);
    const cr = r.criteria['compelling-reason'];
    assert.equal(cr.evidence.tp, 1);
    assert.equal(cr.evidence.fn, 1);
    assert.equal(cr.evidence.recall, 0.5);
    assert.equal(cr.score.accuracy, 1);
    assert.equal(cr.baselineScore, 0, 'no baseline keyword in the call: scored 0');
    assert.ok(
      r.misses.some(
        (m) => m.criterion === 'compelling-reason' && m.type === 'missed' && m.turn === 4,
      ),
    );
    assert.equal(evaluateDeals([dir], { split: 'train' }).calls, 0);
  });

  test('a malformed labels file names the file and the field', () => {
    const criteria = Object.fromEntries(CRITERION_IDS.map((id) => [id, none]));
    criteria.budget = { score: 3, evidence: [] };
    const dir = labelledSet({ call: 'calls/one.txt', split: 'dev', labeller: 't', criteria });
    assert.throws(
      () => evaluateDeals([dir]),
      (e: unknown) =>
        isWalkpointError(e) &&
        e.code === 'bad-labels' &&
        /one\.deal\.json/.test(String(e.file)) &&
        /criteria\.budget\.score/.test(e.message),
    );
  });
});

describe('walkpoint eval --deals', () => {
  const criteria = Object.fromEntries(CRITERION_IDS.map((id) => [id, none]));
  const dir = labelledSet({
    call: 'calls/one.txt',
    split: 'test',
    labeller: 't',
    rep: ['Kay'],
    criteria,
  });

  test('prints the per-criterion table with the baseline, and the misses', async () => {
    const { code, out } = await runCli('eval', '--deals', dir, '--misses', '5');
    assert.equal(code, 0);
    assert.match(out, /Deal evidence: 1 labelled calls/);
    assert.match(out, /compelling-reason\s+0\.000\s+0\.000/);
    assert.match(out, /score {3}\S*one\.deal\.json: 0 -> 2/);
  });

  test('--json gives the same figures as one document; --split filters', async () => {
    const { out } = await runCli('eval', '--deals', dir, '--json', '--split', 'test');
    const { deals } = JSON.parse(out);
    assert.equal(deals.calls, 1);
    assert.equal(deals.split, 'test');
    assert.equal(deals.criteria['compelling-reason'].evidence.fp, 1);
  });

  test('plain eval still needs its paths', async () => {
    const { code, err } = await runCli('eval');
    assert.notEqual(code, 0);
    assert.match(err, /--deals/);
  });
});

describe('walkpoint eval --deals --agreement', () => {
  const reason = (evidence: { turn: number; quote: string }[], score: number) => {
    const criteria = Object.fromEntries(CRITERION_IDS.map((id) => [id, none]));
    criteria['compelling-reason'] = { score, evidence };
    return criteria;
  };
  const cost = {
    turn: 2,
    quote: 'We lose about twenty thousand dollars a month to missed orders, and it is on me.',
  };
  const first = labelledSet({
    call: 'calls/one.txt',
    split: 'dev',
    labeller: 'a',
    rep: ['Kay'],
    criteria: reason([cost, { turn: 4, quote: 'Our team looks at it.' }], 2),
  });
  // the second labeller cites the cost sentence only, and scores 1
  const second = join(first, '..', 'second');
  mkdirSync(second);
  writeFileSync(
    join(second, 'one.deal.json'),
    JSON.stringify({
      call: 'calls/one.txt',
      split: 'dev',
      labeller: 'b',
      rep: ['Kay'],
      criteria: reason([cost], 1),
    }),
  );

  test('measures the second labelling against the first, beside the engine, on the same calls', () => {
    const r = dealAgreement([first], [second]);
    assert.equal(r.calls, 1);
    const cr = r.criteria['compelling-reason'];
    assert.deepEqual([cr.human.tp, cr.human.fp, cr.human.fn], [1, 0, 1]);
    assert.equal(cr.human.precision, 1);
    assert.equal(cr.human.recall, 0.5);
    assert.equal(cr.humanScore, 0, 'scored 1 against the first labeller’s 2');
    assert.equal(r.criteria.budget.humanScore, 1, 'both scored budget 0');
    assert.equal(r.overall.humanScore, Math.round((6 / 7) * 1000) / 1000);
    assert.equal(cr.engine.support, 2);
    // against both: the cost sentence is the one both cited; the team sentence only the first
    const both = cr.engineBoth;
    assert.equal(both.both, 1);
    assert.ok(both.inEither <= both.predicted && both.bothFound <= 1);
    assert.equal(
      both.precision,
      both.predicted ? Math.round((both.inEither / both.predicted) * 1000) / 1000 : 0,
    );
    assert.equal(both.recall, both.bothFound);
    assert.deepEqual(dealAgreement([first], [second], { split: 'test' }).calls, 0);
  });

  test('prints the table; a call labelled once is named; a missing folder is a clear error', async () => {
    const { code, out } = await runCli('eval', '--deals', first, '--agreement', second);
    assert.equal(code, 0);
    assert.match(out, /1 calls labelled twice/);
    assert.match(out, /compelling-reason\s+1\.000\s+0\.500\s+0\.667/);
    const lonely = await runCli('eval', '--deals', first, '--agreement', join(first, 'nowhere'));
    assert.notEqual(lonely.code, 0);
    assert.match(lonely.err, /no such file or folder: .*nowhere/);
    const plain = await runCli('eval', first, '--agreement', second);
    assert.notEqual(plain.code, 0);
    assert.match(plain.err, /add --deals/);
  });
});
