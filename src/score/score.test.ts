import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Metrics, Moment } from '../core/types.js';
import { RESPONSE_KINDS, type ResponseKind } from '../core/vocabulary.js';
import { computeScore, RESPONSE_CREDIT } from './index.js';

/** Metrics for a call with the given moments; everything else neutral unless overridden. */
function metricsFor(moments: Moment[], over: Partial<Metrics> = {}): Metrics {
  const momentsByResponse = Object.fromEntries(RESPONSE_KINDS.map((k) => [k, 0])) as Record<
    ResponseKind,
    number
  >;
  for (const m of moments) momentsByResponse[m.response.kind]++;
  return {
    repTalkShare: 0.45,
    repTurns: 20,
    prospectTurns: 20,
    questions: 6,
    toughQuestions: 3,
    questionsPerRepTurn: 0.3,
    toughQuestionsPerRepTurn: 0.15,
    longestRepMonologue: null,
    longestProspectStretch: null,
    momentsByResponse,
    momentsByTrigger: {
      stall: moments.length,
      objection: 0,
      'brush-off': 0,
      withholding: 0,
      demand: 0,
    },
    happyEars: 0,
    endsWithNextStep: true,
    nextStep: { turn: 39, quote: 'Tuesday at ten works' },
    ...over,
  };
}

function moment(kind: ResponseKind): Moment {
  return {
    turn: 0,
    speaker: 'Pat',
    trigger: {
      kind: 'stall',
      subtype: 'think',
      span: [0, 4],
      quote: 'let me think',
      confidence: 0.8,
      reason: 'test',
    },
    response: { kind, evidence: '', reasons: [], explanation: '', confidence: 0.8 },
    suggestions: [],
    confidence: 0.64,
    needsReview: false,
  };
}

const points = (s: ReturnType<typeof computeScore>, id: string) =>
  s.components.find((c) => c.id === id)?.points;

test('every component at its best gives 100, and the components add up to the score', () => {
  const s = computeScore(metricsFor([moment('challenged')]), [moment('challenged')]);
  assert.equal(s.willingToWalk, 100);
  assert.equal(
    s.components.reduce((a, c) => a + c.max, 0),
    100,
  );
  assert.equal(Math.round(s.components.reduce((a, c) => a + c.points, 0)), s.willingToWalk);
});

test('moments: the mean credit of the graded moments, out of 55; an ended call is left out', () => {
  const ms = [moment('challenged'), moment('caved'), moment('none')];
  const s = computeScore(metricsFor(ms), ms);
  // (1 + 0.2) / 2 * 55
  assert.equal(points(s, 'moments'), 33);
  assert.match(s.components[0].detail, /1 of 2 graded moments challenged/);
  const walked = computeScore(metricsFor([moment('walked-out')]), [moment('walked-out')]);
  assert.equal(points(walked, 'moments'), 0);
  const none = computeScore(metricsFor([]), []);
  assert.equal(points(none, 'moments'), 27.5, 'no graded walk-point: half credit');
});

test('walking out scores below caving, caving below pitching, pitching below challenging', () => {
  const order: Exclude<ResponseKind, 'none'>[] = [
    'walked-out',
    'gave-up',
    'caved',
    'pitched-through',
    'challenged',
  ];
  const scores = order.map((k) => computeScore(metricsFor([moment(k)]), [moment(k)]).willingToWalk);
  for (let i = 1; i < scores.length; i++) assert.ok(scores[i] > scores[i - 1], order[i]);
});

test('tough questions: full credit at 0.15 per rep turn, linear below', () => {
  const at = (rate: number) =>
    points(computeScore(metricsFor([], { toughQuestionsPerRepTurn: rate }), []), 'tough-questions');
  assert.equal(at(0.3), 15);
  assert.equal(at(0.15), 15);
  assert.equal(at(0.075), 7.5);
  assert.equal(at(0), 0);
});

test('talk share: full credit at 45% or less, none at 75%', () => {
  const at = (share: number) =>
    points(computeScore(metricsFor([], { repTalkShare: share }), []), 'talk-share');
  assert.equal(at(0.3), 10);
  assert.equal(at(0.45), 10);
  assert.equal(at(0.6), 5);
  assert.equal(at(0.75), 0);
  assert.equal(at(0.9), 0);
});

test('happy ears cost 5 points each, never below zero; a missing next step costs 10', () => {
  const ears = (n: number) =>
    points(computeScore(metricsFor([], { happyEars: n }), []), 'no-happy-ears');
  assert.deepEqual([ears(0), ears(1), ears(2), ears(5)], [10, 5, 0, 0]);
  const s = computeScore(metricsFor([], { endsWithNextStep: false, nextStep: undefined }), []);
  assert.equal(points(s, 'next-step'), 0);
  assert.match(s.components.find((c) => c.id === 'next-step')!.detail, /no dated next step/);
});

test('docs/scoring.md states the credits and weights the code uses', () => {
  const doc = readFileSync(new URL('../../docs/scoring.md', import.meta.url), 'utf8');
  for (const [kind, credit] of Object.entries(RESPONSE_CREDIT)) {
    assert.match(doc, new RegExp(`${kind} ${String(credit).replace('.', '\\.')}\\b`), kind);
  }
  const s = computeScore(metricsFor([]), []);
  for (const c of s.components) {
    assert.match(doc, new RegExp(`\\| ${c.id} \\| ${c.max} \\|`), `${c.id} max ${c.max}`);
  }
});
