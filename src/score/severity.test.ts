import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { RESPONSE_KINDS, type ResponseKind } from '../core/vocabulary.js';
import { SEVERITY } from '../server/db/effective.js';
import { computeScore } from './index.js';
import {
  FAILURE_SEVERITY,
  RESPONSE_CREDIT,
  RESPONSES_WORST_FIRST,
  responseSeverity,
  worstResponse,
} from './severity.js';

test('the ranking, worst first: walking out, giving up, caving, pitching through, the call ending, a challenge', () => {
  // docs/scoring.md: walking out is the failure the product was built to catch, below caving,
  // which at least keeps the deal alive; pitching through still engages with the prospect
  assert.deepEqual(RESPONSES_WORST_FIRST, [
    'walked-out',
    'gave-up',
    'caved',
    'pitched-through',
    'none',
    'challenged',
  ]);
  assert.deepEqual([...RESPONSES_WORST_FIRST].sort(), [...RESPONSE_KINDS].sort());
});

test('severities are the values stored with moments: 5 for a walk-out down to 0 for a challenge', () => {
  assert.deepEqual(Object.fromEntries(RESPONSE_KINDS.map((k) => [k, responseSeverity(k)])), {
    challenged: 0,
    none: 1,
    'pitched-through': 2,
    caved: 3,
    'gave-up': 4,
    'walked-out': 5,
  });
  assert.equal(FAILURE_SEVERITY, 2, 'the coaching queue lists pitched-through and worse');
  assert.deepEqual(
    SEVERITY,
    Object.fromEntries(RESPONSE_KINDS.map((k) => [k, responseSeverity(k)])),
  );
  assert.equal(responseSeverity('unknown' as ResponseKind), 0);
});

test('the ranking and the score agree: a worse response never earns more', () => {
  const scoreOf = (k: ResponseKind) => {
    const m = {
      turn: 0,
      speaker: 'Pat',
      trigger: { kind: 'stall', span: [0, 1], quote: 'x', confidence: 1, reason: 't' },
      response: { kind: k, evidence: '', reasons: [], explanation: '', confidence: 1 },
      suggestions: [],
      confidence: 1,
      needsReview: false,
    } as const;
    const metrics = {
      repTalkShare: 0.45,
      repTurns: 1,
      prospectTurns: 1,
      questions: 0,
      toughQuestions: 0,
      questionsPerRepTurn: 0,
      toughQuestionsPerRepTurn: 0,
      longestRepMonologue: null,
      longestProspectStretch: null,
      momentsByResponse: { ...Object.fromEntries(RESPONSE_KINDS.map((r) => [r, 0])), [k]: 1 },
      momentsByTrigger: { stall: 1, objection: 0, 'brush-off': 0, withholding: 0, demand: 0 },
      happyEars: 0,
      endsWithNextStep: false,
    } as Parameters<typeof computeScore>[0];
    return computeScore(metrics, [structuredClone(m)] as never).willingToWalk;
  };
  const graded = RESPONSES_WORST_FIRST.filter((k) => k !== 'none');
  for (let i = 1; i < graded.length; i++) {
    assert.ok(scoreOf(graded[i]) > scoreOf(graded[i - 1]), `${graded[i]} above ${graded[i - 1]}`);
    assert.ok(
      RESPONSE_CREDIT[graded[i] as keyof typeof RESPONSE_CREDIT] >
        RESPONSE_CREDIT[graded[i - 1] as keyof typeof RESPONSE_CREDIT],
    );
  }
});

test('the worst response of a call', () => {
  const table: [
    Partial<Record<ResponseKind, number>>,
    ResponseKind | undefined,
    ResponseKind | undefined,
  ][] = [
    // counts, worst, worst failure
    [{}, undefined, undefined],
    [{ challenged: 3 }, 'challenged', undefined],
    [{ challenged: 1, none: 1 }, 'none', undefined],
    [{ challenged: 2, 'pitched-through': 1, 'gave-up': 1 }, 'gave-up', 'gave-up'],
    [{ 'pitched-through': 2, caved: 1 }, 'caved', 'caved'],
    [{ 'pitched-through': 1, none: 4 }, 'pitched-through', 'pitched-through'],
    [{ caved: 1, 'walked-out': 1, 'gave-up': 1 }, 'walked-out', 'walked-out'],
    [{ 'walked-out': 0, caved: 0, challenged: 1 }, 'challenged', undefined],
  ];
  for (const [counts, worst, failure] of table) {
    assert.equal(worstResponse(counts), worst, JSON.stringify(counts));
    assert.equal(worstResponse(counts, { failuresOnly: true }), failure, JSON.stringify(counts));
  }
});

test('no other file ranks the response kinds itself', () => {
  // an ordered list of three or more response kinds used to pick the worst (or a table of
  // numbers per kind) is a second copy of this decision: use worstResponse or responseSeverity
  const root = new URL('../..', import.meta.url).pathname;
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = join(dir, e.name);
      if (e.isDirectory()) return e.name === 'node_modules' ? [] : files(p);
      return /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [p] : [];
    });
  const kind = `'(?:${RESPONSE_KINDS.join('|')})'`;
  const ranked = new RegExp(
    `\\[\\s*${kind}(?:,\\s*${kind}){2,}\\s*,?\\s*\\](?:\\s*as const)?\\s*\\)?\\s*\\.find`,
  );
  const numbered = new RegExp(
    `${kind.replace("'(", "'?(")}'?:\\s*\\d+,\\s*\\n?\\s*${kind.replace("'(", "'?(")}'?:\\s*\\d+,`,
  );
  const offenders = [...files(join(root, 'src')), ...files(join(root, 'web/src'))]
    .filter((f) => !f.endsWith('score/severity.ts'))
    .filter((f) => {
      const text = readFileSync(f, 'utf8');
      return ranked.test(text) || numbered.test(text);
    })
    .map((f) => relative(root, f));
  assert.deepEqual(offenders, []);
});
