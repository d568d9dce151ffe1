import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { AnnotatedTurn, Finding, Metrics, Moment, Speaker } from '../core/types.js';
import { RESPONSE_KINDS, type ResponseKind } from '../core/vocabulary.js';
import { computeMetrics, computeScore, RESPONSE_CREDIT } from './index.js';

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

/**
 * The rules of docs/scoring.md worked by hand on small calls. Each row gives the five components
 * in the table's order (moments, tough-questions, talk-share, no-happy-ears, next-step) and the
 * score; the defaults are a call at its best outside the moments (0.15 tough questions per rep
 * turn, 45% talk share, no happy ears, a dated next step): 15 + 10 + 10 + 10 = 45 points.
 */
const SCORE_TABLE: {
  name: string;
  moments: ResponseKind[];
  over?: Partial<Metrics>;
  components: [number, number, number, number, number];
  score: number;
}[] = [
  {
    name: 'one challenge: 1 x 55',
    moments: ['challenged'],
    components: [55, 15, 10, 10, 10],
    score: 100,
  },
  {
    name: 'one pitch-through: 0.25 x 55 = 13.75, shown to one decimal',
    moments: ['pitched-through'],
    components: [13.8, 15, 10, 10, 10],
    score: 59,
  },
  { name: 'one cave: 0.2 x 55', moments: ['caved'], components: [11, 15, 10, 10, 10], score: 56 },
  {
    name: 'one give-up: 0.1 x 55 = 5.5; 50.5 rounds up',
    moments: ['gave-up'],
    components: [5.5, 15, 10, 10, 10],
    score: 51,
  },
  {
    name: 'one walk-out: 0 x 55',
    moments: ['walked-out'],
    components: [0, 15, 10, 10, 10],
    score: 45,
  },
  {
    name: 'a mean, not a sum: (1 + 0.2) / 2 x 55',
    moments: ['challenged', 'caved'],
    components: [33, 15, 10, 10, 10],
    score: 78,
  },
  {
    name: 'a none is left out of the mean: (1 + 0) / 2 x 55',
    moments: ['challenged', 'none', 'walked-out', 'none'],
    components: [27.5, 15, 10, 10, 10],
    score: 73,
  },
  {
    name: 'three graded: (1 + 1 + 0.25) / 3 x 55 = 41.25',
    moments: ['challenged', 'pitched-through', 'challenged'],
    components: [41.3, 15, 10, 10, 10],
    score: 86,
  },
  {
    name: 'no walk-point: half of 55; 72.5 rounds to 73',
    moments: [],
    components: [27.5, 15, 10, 10, 10],
    score: 73,
  },
  {
    name: 'only ended moments: half credit as with none',
    moments: ['none', 'none'],
    components: [27.5, 15, 10, 10, 10],
    score: 73,
  },
  {
    name: 'tough questions above 0.15 per turn: capped at 15',
    moments: ['challenged'],
    over: { toughQuestionsPerRepTurn: 0.45 },
    components: [55, 15, 10, 10, 10],
    score: 100,
  },
  {
    name: 'tough questions 0.12 per turn: 0.12 / 0.15 x 15',
    moments: ['challenged'],
    over: { toughQuestionsPerRepTurn: 0.12 },
    components: [55, 12, 10, 10, 10],
    score: 97,
  },
  {
    name: 'tough questions 0.03 per turn: 0.03 / 0.15 x 15',
    moments: ['challenged'],
    over: { toughQuestionsPerRepTurn: 0.03 },
    components: [55, 3, 10, 10, 10],
    score: 88,
  },
  {
    name: 'no tough question',
    moments: ['challenged'],
    over: { toughQuestionsPerRepTurn: 0 },
    components: [55, 0, 10, 10, 10],
    score: 85,
  },
  {
    name: 'talk share under 45%: capped at 10',
    moments: ['challenged'],
    over: { repTalkShare: 0.2 },
    components: [55, 15, 10, 10, 10],
    score: 100,
  },
  {
    name: 'talk share 46%: (0.75 - 0.46) / 0.3 x 10 = 9.67',
    moments: ['challenged'],
    over: { repTalkShare: 0.46 },
    components: [55, 15, 9.7, 10, 10],
    score: 100,
  },
  {
    name: 'talk share 66%: (0.75 - 0.66) / 0.3 x 10',
    moments: ['walked-out'],
    over: { repTalkShare: 0.66 },
    components: [0, 15, 3, 10, 10],
    score: 38,
  },
  {
    name: 'talk share 74%: (0.75 - 0.74) / 0.3 x 10 = 0.33',
    moments: ['walked-out'],
    over: { repTalkShare: 0.74 },
    components: [0, 15, 0.3, 10, 10],
    score: 35,
  },
  {
    name: 'talk share past 75%: none, never negative',
    moments: ['walked-out'],
    over: { repTalkShare: 0.9 },
    components: [0, 15, 0, 10, 10],
    score: 35,
  },
  {
    name: 'one happy ears: 5 off',
    moments: ['challenged'],
    over: { happyEars: 1 },
    components: [55, 15, 10, 5, 10],
    score: 95,
  },
  {
    name: 'three happy ears: never below zero',
    moments: ['challenged'],
    over: { happyEars: 3 },
    components: [55, 15, 10, 0, 10],
    score: 90,
  },
  {
    name: 'no next step at the end: 10 off',
    moments: ['challenged'],
    over: { endsWithNextStep: false, nextStep: undefined },
    components: [55, 15, 10, 10, 0],
    score: 90,
  },
  {
    name: 'everything wrong: 0',
    moments: ['walked-out', 'walked-out'],
    over: {
      toughQuestionsPerRepTurn: 0,
      repTalkShare: 0.8,
      happyEars: 2,
      endsWithNextStep: false,
      nextStep: undefined,
    },
    components: [0, 0, 0, 0, 0],
    score: 0,
  },
  {
    name: 'a bit of everything: 5.5 + 6 + 5 + 5 + 0 = 21.5, rounds to 22',
    moments: ['gave-up', 'none'],
    over: {
      toughQuestionsPerRepTurn: 0.06,
      repTalkShare: 0.6,
      happyEars: 1,
      endsWithNextStep: false,
      nextStep: undefined,
    },
    components: [5.5, 6, 5, 5, 0],
    score: 22,
  },
];

describe('the score, worked by hand from docs/scoring.md', () => {
  for (const row of SCORE_TABLE) {
    test(row.name, () => {
      const ms = row.moments.map(moment);
      const s = computeScore(metricsFor(ms, row.over), ms);
      assert.deepEqual(
        s.components.map((c) => [c.id, c.points, c.max]),
        [
          ['moments', row.components[0], 55],
          ['tough-questions', row.components[1], 15],
          ['talk-share', row.components[2], 10],
          ['no-happy-ears', row.components[3], 10],
          ['next-step', row.components[4], 10],
        ],
      );
      assert.equal(s.willingToWalk, row.score);
    });
  }
});

test('the details say where the points came from', () => {
  const ms = [moment('challenged'), moment('caved'), moment('none')];
  const s = computeScore(
    metricsFor(ms, { toughQuestions: 2, repTurns: 14, repTalkShare: 0.516, happyEars: 1 }),
    ms,
  );
  const detail = (id: string) => s.components.find((c) => c.id === id)?.detail;
  assert.equal(detail('moments'), '1 of 2 graded moments challenged');
  assert.equal(
    detail('tough-questions'),
    '2 tough questions in 14 rep turns (full credit at 0.15 per turn)',
  );
  assert.equal(
    detail('talk-share'),
    'rep talk share 52% (full credit at 45% or less, none at 75%)',
  );
  assert.equal(detail('no-happy-ears'), '1 happy ears statement (5 points off each)');
  assert.equal(detail('next-step'), '"Tuesday at ten works"');
  const bare = computeScore(
    metricsFor([], { happyEars: 2, endsWithNextStep: false, nextStep: undefined }),
    [],
  );
  assert.equal(
    bare.components.find((c) => c.id === 'moments')?.detail,
    'no graded walk-points in this call: half credit',
  );
  assert.equal(
    bare.components.find((c) => c.id === 'no-happy-ears')?.detail,
    '2 happy ears statements (5 points off each)',
  );
});

/** A turn of `words` words, `seconds` long, starting where the previous one ended. */
function turn(index: number, role: 'rep' | 'prospect', words = 10): AnnotatedTurn {
  const text = Array.from({ length: words }, () => 'word').join(' ');
  return {
    index,
    speaker: role === 'rep' ? 'Rita' : 'Pat',
    role,
    start: index * 10,
    end: index * 10 + 8,
    text,
    sentences: [{ start: 0, end: text.length, text, tokens: [], question: false, negated: false }],
    words,
  };
}

function finding(turnIndex: number, kind: string, role: 'rep' | 'prospect' = 'rep'): Finding {
  return {
    turn: turnIndex,
    kind,
    span: [0, 4],
    quote: 'word',
    confidence: 0.9,
    reason: 'test',
    detector: 'test',
    explanation: '',
    role,
  };
}

/** Ten turns, rep on even indexes; Rita and Sam speak as reps, Pat as the prospect. */
const TURNS = Array.from({ length: 10 }, (_, i) => turn(i, i % 2 === 0 ? 'rep' : 'prospect'));
const SPEAKERS: Speaker[] = [
  { name: 'Rita', role: 'rep', roleConfidence: 1, talkShare: 0.3, words: 30, turns: 3 },
  { name: 'Sam', role: 'rep', roleConfidence: 1, talkShare: 0.2, words: 20, turns: 2 },
  { name: 'Pat', role: 'prospect', roleConfidence: 1, talkShare: 0.5, words: 50, turns: 5 },
];

describe('the metrics the score reads', () => {
  test('tough questions per rep turn count the rep only, to two decimals', () => {
    const findings = [
      finding(0, 'tough-question'),
      finding(2, 'tough-question:cost'),
      finding(2, 'question'),
      finding(1, 'tough-question', 'prospect'),
    ];
    const m = computeMetrics(TURNS.slice(0, 6), SPEAKERS, findings, []);
    assert.equal(m.repTurns, 3);
    assert.equal(m.toughQuestions, 2);
    assert.equal(m.toughQuestionsPerRepTurn, 0.67);
    assert.equal(m.questions, 1);
    assert.equal(m.questionsPerRepTurn, 0.33);
    assert.equal(
      computeMetrics([turn(0, 'prospect')], SPEAKERS, [], []).toughQuestionsPerRepTurn,
      0,
    );
  });

  test('the rep talk share adds every rep speaker', () => {
    assert.equal(computeMetrics(TURNS, SPEAKERS, [], []).repTalkShare, 0.5);
  });

  test('happy ears count the rep only', () => {
    const findings = [
      finding(0, 'happy-ears'),
      finding(4, 'happy-ears'),
      finding(1, 'happy-ears', 'prospect'),
    ];
    assert.equal(computeMetrics(TURNS, SPEAKERS, findings, []).happyEars, 2);
  });

  test('a next step counts in the last six turns, said by either side, not before', () => {
    const at = (i: number, role: 'rep' | 'prospect' = 'rep') =>
      computeMetrics(TURNS, SPEAKERS, [finding(i, 'next-step:dated', role)], []);
    assert.equal(at(9).endsWithNextStep, true);
    assert.equal(at(4).endsWithNextStep, true, 'the sixth turn from the end');
    assert.equal(at(3).endsWithNextStep, false, 'the seventh turn from the end');
    assert.equal(at(5, 'prospect').endsWithNextStep, true);
    assert.equal(at(3).nextStep, undefined);
    assert.deepEqual(at(9).nextStep, { turn: 9, quote: TURNS[9].text });
    const none = computeMetrics(TURNS, SPEAKERS, [finding(9, 'question')], []);
    assert.equal(none.endsWithNextStep, false);
  });

  test('moments are counted by response and by trigger', () => {
    const ms = [moment('caved'), moment('caved'), moment('none')];
    const m = computeMetrics(TURNS, SPEAKERS, [], ms);
    assert.equal(m.momentsByResponse.caved, 2);
    assert.equal(m.momentsByResponse.none, 1);
    assert.equal(m.momentsByResponse.challenged, 0);
    assert.equal(m.momentsByTrigger.stall, 3);
  });

  test('a small call from metrics to score, by hand', () => {
    // 5 rep turns with 1 tough question: 0.2 per turn, full 15; talk share 50%:
    // (0.75 - 0.5) / 0.3 x 10 = 8.3; one cave: 11; one happy ears: 5; next step at turn 8: 10
    const findings = [
      finding(2, 'tough-question'),
      finding(4, 'happy-ears'),
      finding(8, 'next-step'),
    ];
    const ms = [moment('caved')];
    const s = computeScore(computeMetrics(TURNS, SPEAKERS, findings, ms), ms);
    assert.deepEqual(
      s.components.map((c) => c.points),
      [11, 15, 8.3, 5, 10],
    );
    assert.equal(s.willingToWalk, 49);
  });
});

test('the score stays within 0 and 100 even for metrics no call produces', () => {
  // a stored analysis edited by hand, or a future metric gone wrong, must not show -40 or 115
  const low = computeScore(metricsFor([], { toughQuestionsPerRepTurn: -1 }), []);
  assert.equal(low.willingToWalk, 0);
  const high = computeScore(metricsFor([moment('challenged')], { happyEars: -3 }), [
    moment('challenged'),
  ]);
  assert.equal(high.willingToWalk, 100);
});
