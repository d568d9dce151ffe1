import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli } from '../cli/testing.js';
import { isWalkpointError } from '../core/errors.js';
import type { Analysis, Moment } from '../core/types.js';
import type { ResponseKind, TriggerKind } from '../core/vocabulary.js';
import { compareWithCalls } from './compare.js';
import { appendHistory, historyEntry, readHistory } from './history.js';
import { loadSelfCheck } from './items.js';
import { type Answer, bandOf, parseAnswers, scoreSelfCheck } from './score.js';

const all = (v: number): Answer[] => Array(12).fill(v);
const sub = (r: ReturnType<typeof scoreSelfCheck>, id: string) =>
  r.subscales.find((s) => s.id === id)!;

describe('the self-check data', () => {
  test('twelve statements, four per subscale, items 4, 8 and 9-12 reversed', () => {
    const { items, subscales } = loadSelfCheck();
    assert.equal(items.length, 12);
    for (const s of subscales) assert.equal(items.filter((i) => i.subscale === s.id).length, 4);
    assert.deepEqual(
      items.filter((i) => i.reverse).map((i) => i.n),
      [4, 8, 9, 10, 11, 12],
    );
  });
});

describe('scoreSelfCheck', () => {
  test('reverse items score 6 - answer', () => {
    const r = scoreSelfCheck(all(5));
    // need for approval: 5, 5, 5, (6-5)=1 -> mean 4
    assert.equal(sub(r, 'need-for-approval').score, 4);
    // tough-question avoidance: all reversed -> 1
    assert.equal(sub(r, 'tough-question-avoidance').score, 1);
    assert.equal(r.items[8].scored, 1);
    assert.equal(r.items[0].scored, 5);
  });

  test('bands: below 2.5 low, 2.5-3.4 watch, 3.5 or more coach', () => {
    assert.equal(bandOf(1), 'low');
    assert.equal(bandOf(2.49), 'low');
    assert.equal(bandOf(2.5), 'watch');
    assert.equal(bandOf(3.4), 'watch');
    assert.equal(bandOf(3.5), 'coach');
    assert.equal(bandOf(5), 'coach');
    assert.equal(sub(scoreSelfCheck(all(5)), 'need-for-approval').band, 'coach');
  });

  test('an unanswered item is reported and left out of the mean, not scored as zero', () => {
    const answers = all(4);
    answers[0] = null; // need for approval, not reversed
    const r = scoreSelfCheck(answers);
    const s = sub(r, 'need-for-approval');
    // items 2, 3 = 4; item 4 reversed = 2 -> mean 10/3
    assert.equal(s.score, 3.33);
    assert.equal(s.answered, 3);
    assert.equal(s.complete, false);
    assert.deepEqual(r.unanswered, [1]);
    assert.equal(r.items[0].scored, null);
  });

  test('a subscale with no answers has no score', () => {
    const answers = all(3);
    for (const i of [8, 9, 10, 11]) answers[i] = null;
    const s = sub(scoreSelfCheck(answers), 'tough-question-avoidance');
    assert.equal(s.score, null);
    assert.equal(s.band, null);
    assert.deepEqual(scoreSelfCheck(answers).unanswered, [9, 10, 11, 12]);
  });

  test('wrong counts and out-of-range answers are user errors', () => {
    assert.throws(
      () => scoreSelfCheck([1, 2, 3]),
      (e: unknown) => isWalkpointError(e) && /expected 12/.test(e.message),
    );
    const bad = all(3);
    bad[4] = 6;
    assert.throws(
      () => scoreSelfCheck(bad),
      (e: unknown) => isWalkpointError(e) && /answer 5 is 6/.test(e.message),
    );
  });
});

describe('parseAnswers', () => {
  test('commas, blanks and dashes', () => {
    assert.deepEqual(parseAnswers('5,4,,-,3'), [5, 4, null, null, 3]);
    assert.deepEqual(parseAnswers('5 4 - 3'), [5, 4, null, 3]);
  });

  test('a non-number is named by position', () => {
    assert.throws(
      () => parseAnswers('5,x,3'),
      (e: unknown) => isWalkpointError(e) && /answer 2 is "x"/.test(e.message),
    );
  });
});

/** A call with the given moments answered by `rep` (the engine's output shape, built by hand). */
function callWith(
  rep: string,
  moments: [TriggerKind, string | undefined, ResponseKind][],
): Analysis {
  const turns = moments.flatMap((_, i) => [
    { index: 2 * i, speaker: 'Pat Prospect', role: 'prospect' as const, text: 'no' },
    { index: 2 * i + 1, speaker: rep, role: 'rep' as const, text: 'ok' },
  ]);
  const ms: Moment[] = moments.map(([kind, subtype, response], i) => ({
    turn: 2 * i,
    speaker: 'Pat Prospect',
    trigger: { kind, subtype, span: [0, 2], quote: 'no', confidence: 1, reason: 'test' },
    response: {
      kind: response,
      turn: 2 * i + 1,
      evidence: 'ok',
      reasons: [],
      explanation: '',
      confidence: 1,
    },
    suggestions: [],
    confidence: 1,
    needsReview: false,
  }));
  return {
    turns,
    moments: ms,
    speakers: [
      { name: rep, role: 'rep', roleConfidence: 1, talkShare: 0.5, words: 1, turns: 1 },
      {
        name: 'Pat Prospect',
        role: 'prospect',
        roleConfidence: 1,
        talkShare: 0.5,
        words: 1,
        turns: 1,
      },
    ],
  } as unknown as Analysis;
}

describe('compareWithCalls', () => {
  const answers = all(3);
  answers[8] = 5; // item 9 (R): "I ask about budget before presenting" -> scored 1: claims ease with money talk
  answers[10] = 1; // item 11 (R): "When a buyer stalls, I ask what's behind it" -> scored 5: admits avoiding
  const result = scoreSelfCheck(answers);
  const price: [TriggerKind, string, ResponseKind][] = [
    ...Array(6).fill(['objection', 'price', 'caved']),
    ...Array(2).fill(['objection', 'price', 'pitched-through']),
    ['objection', 'price', 'challenged'],
  ];
  const stalls: [TriggerKind, string, ResponseKind][] = Array(4).fill([
    'stall',
    'later',
    'challenged',
  ]);

  test('a good self-rating with caves on the calls is a gap, quoted with counts', () => {
    const cmp = compareWithCalls(result, [callWith('Dana Ortiz', price)], 'Dana');
    const gap = cmp.gaps.find((g) => g.item === 9)!;
    assert.equal(gap.kind, 'overrates');
    assert.equal(gap.moments, 9);
    assert.equal(gap.challenged, 1);
    assert.match(gap.text, /at ease with money talk.*caved on 6 of 9/);
    assert.equal(cmp.mix.caved, 6);
  });

  test('a poor self-rating with challenges on the calls is the other gap', () => {
    const gap = compareWithCalls(result, [callWith('Dana Ortiz', stalls)], 'dana ortiz').gaps.find(
      (g) => g.item === 11,
    )!;
    assert.equal(gap.kind, 'underrates');
    assert.match(gap.text, /challenged 4 of 4 stalls/);
  });

  test("only the named rep's moments count; too few moments say nothing", () => {
    const cmp = compareWithCalls(
      result,
      [callWith('Someone Else', price), callWith('Dana Ortiz', [['stall', 'info', 'caved']])],
      'Dana',
    );
    assert.equal(cmp.moments, 1);
    assert.equal(cmp.gaps.find((g) => g.item === 9)!.kind, 'too-few');
  });

  test('unanswered items are not compared', () => {
    const skip = [...answers];
    skip[8] = null;
    const cmp = compareWithCalls(scoreSelfCheck(skip), [callWith('Dana', price)], 'Dana');
    assert.equal(
      cmp.gaps.some((g) => g.item === 9),
      false,
    );
  });
});

describe('history and the CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'walkpoint-selfcheck-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('entries append and read back per rep, oldest first', () => {
    const path = join(dir, 'nested', 'h.jsonl');
    appendHistory(path, historyEntry(scoreSelfCheck(all(2)), 'Dana', new Date('2025-01-01')));
    appendHistory(path, historyEntry(scoreSelfCheck(all(4)), 'Sam'));
    appendHistory(path, historyEntry(scoreSelfCheck(all(4)), 'dana'));
    const dana = readHistory(path, 'Dana');
    assert.equal(dana.length, 2);
    assert.equal(dana[0].at, '2025-01-01T00:00:00.000Z');
    assert.equal(readHistory(path).length, 3);
    assert.deepEqual(readHistory(join(dir, 'none.jsonl')), []);
  });

  test('a broken history line names the file and line', () => {
    const path = join(dir, 'broken.jsonl');
    writeFileSync(path, '{"at":"x","subscales":[]}\nnot json\n');
    assert.throws(
      () => readHistory(path),
      (e: unknown) => isWalkpointError(e) && e.line === 2,
    );
  });

  const run = runCli;

  test('selfcheck --answers scores, saves, and compares with calls', async () => {
    const history = join(dir, 'cli.jsonl');
    const call = fileURLToPath(
      new URL('../../examples/saas-renewal-discount.srt', import.meta.url),
    );
    const args = [
      'selfcheck',
      '--answers',
      '2,2,3,4,2,3,1,2,5,4,5,-',
      '--history',
      history,
      '--rep',
      'Tyler Brooks',
    ];
    const first = await run(...args, '--calls', call, '--format', 'json');
    assert.equal(first.code, 0, first.err);
    const json = JSON.parse(first.out);
    assert.deepEqual(json.unanswered, [12]);
    assert.equal(json.comparison.rep, 'Tyler Brooks');
    assert.ok(json.comparison.moments > 0);
    assert.ok(existsSync(history));
    const second = await run(...args);
    assert.equal(second.code, 0);
    assert.match(second.out, /Unanswered \(not scored\): item 12/);
    assert.match(second.out, /last time/);
    assert.equal(readHistory(history, 'Tyler Brooks').length, 2);
  });

  test('--calls without --rep, or bad answers, exit 2', async () => {
    const history = join(dir, 'x.jsonl');
    assert.equal((await run('selfcheck', '--answers', '1,2', '--history', history)).code, 2);
    const noRep = await run(
      'selfcheck',
      '--answers',
      all(3).join(','),
      '--calls',
      'x.txt',
      '--history',
      history,
    );
    assert.equal(noRep.code, 2);
    assert.match(noRep.err, /--rep/);
  });
});
