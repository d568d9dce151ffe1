import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as walkpoint from './index.js';

/**
 * The public API is a contract: other programs import these names. Adding is fine; removing or
 * renaming one fails here on purpose.
 */
const PINNED = [
  'analyze',
  'ENGINE_VERSION',
  'annotate',
  'annotateTurn',
  'listQuestions',
  'suggest',
  'detect',
  'detectors',
  'evaluateCalls',
  'evaluateUtterances',
  'findLabelFiles',
  'readLabels',
  'labelKinds',
  'WalkpointError',
  'isWalkpointError',
  'findMoments',
  'detectFormat',
  'parseTranscript',
  'toTurns',
  'assignRoles',
  'computeMetrics',
  'computeScore',
  'reviewDeal',
  'reviewDealFile',
  'parseDeal',
  'proposeEvidence',
  'callPlan',
  'bandFor',
  'CRITERIA',
  'CRITERION_IDS',
  'listScenarios',
  'loadScenario',
  'parseScenario',
  'startSession',
  'submitReply',
  'playReplies',
  'practiceReport',
  'sessionTranscript',
  'OUTCOMES',
  'scoreSelfCheck',
  'parseAnswers',
  'compareWithCalls',
  'historyEntry',
  'appendHistory',
  'readHistory',
  'loadSelfCheck',
  'TRIGGER_KINDS',
  'TRIGGER_SUBTYPES',
  'RESPONSE_KINDS',
  'UTTERANCE_KINDS',
  'FINDING_KINDS',
  'ROLES',
  'TRANSCRIPT_FORMATS',
  'isTriggerKind',
  'splitKind',
];

test('every pinned export is still there', () => {
  const missing = PINNED.filter((name) => !(name in walkpoint));
  assert.deepEqual(missing, []);
});

test('the vocabulary keeps the names of ../shared/PRODUCT.md', () => {
  assert.deepEqual(
    [...walkpoint.TRIGGER_KINDS],
    ['stall', 'objection', 'brush-off', 'withholding', 'demand'],
  );
  assert.deepEqual(
    [...walkpoint.RESPONSE_KINDS],
    ['challenged', 'caved', 'gave-up', 'walked-out', 'pitched-through', 'none'],
  );
  for (const kind of [
    'question',
    'tough-question',
    'pushback',
    'label',
    'concession',
    'give-up',
    'walk-out',
    'pitch',
    'happy-ears',
    'next-step',
  ]) {
    assert.ok((walkpoint.UTTERANCE_KINDS as readonly string[]).includes(kind), kind);
  }
});

test('analyze returns the documented JSON shape', () => {
  const a = walkpoint.analyze(
    [
      'Marcus Webb: Thanks for the time. What made you take the call?',
      "Dana Cole: Honestly, it's way too expensive for us.",
      'Marcus Webb: Too expensive compared with what?',
      "Dana Cole: Compared with doing nothing. Let's meet Tuesday at 2 to go through it.",
    ].join('\n'),
    { file: 'call.txt' },
  );
  assert.equal(a.version, 1);
  assert.deepEqual(a.source, { file: 'call.txt', format: 'text', bytes: a.source.bytes });
  const rep = a.speakers.find((s) => s.name === 'Marcus Webb');
  assert.equal(rep?.role, 'rep');
  assert.equal(typeof rep?.roleConfidence, 'number');
  assert.equal(typeof rep?.talkShare, 'number');
  assert.deepEqual(Object.keys(a.turns[0]).sort(), ['index', 'line', 'role', 'speaker', 'text']);
  const [m] = a.moments;
  assert.equal(m.turn, 1);
  assert.equal(m.trigger.kind, 'objection');
  assert.equal(m.trigger.subtype, 'price');
  // the span is the cue; the quote is the whole sentence holding it
  const cue = a.turns[m.trigger.span[0] >= 0 ? m.turn : -1].text.slice(...m.trigger.span);
  assert.ok(m.trigger.quote.includes(cue), `"${cue}" in "${m.trigger.quote}"`);
  assert.equal(m.trigger.quote, "Honestly, it's way too expensive for us.");
  assert.equal(m.response.kind, 'challenged');
  assert.equal(m.response.turn, 2);
  for (const f of a.findings) {
    assert.ok(a.turns[f.turn], 'finding.turn indexes turns');
    assert.ok(f.reason && f.explanation && f.span.length === 2 && f.confidence > 0);
  }
  assert.equal(typeof a.score.willingToWalk, 'number');
  assert.ok(a.metrics.endsWithNextStep);
});
