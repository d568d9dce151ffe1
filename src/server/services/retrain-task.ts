/**
 * The work of retraining, as plain data in and out so it runs on a worker thread
 * (retrain-worker.ts): train on the corpus plus the train share of the corrections, then measure
 * the model in use before and the new one on the held-out corrections and on the corpus test
 * split (as `walkpoint eval corpus/calls --split test` measures it).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../engine/analyze.js';
import { evaluateCalls, findLabelFiles } from '../../eval/calls.js';
import { prf } from '../../eval/metrics.js';
import { type ModelChoice, withModel } from '../../model/shipped.js';
import { type CorrectionLine, correctionUnits } from '../../training/corrections.js';
import { trainModels } from '../../training/train.js';
import type { ModelEvaluationRow, Reading } from '../contract/shapes.js';

export interface HeldOutCall {
  id: number;
  title: string;
  content: string;
  rep: string[];
  /** The corrected reading per turn (null: not a walk-point). */
  gold: { turn: number; reading: Reading | null }[];
}

export interface RetrainInput {
  lines: CorrectionLine[];
  heldOut: HeldOutCall[];
  /** The model in use when training started (undefined: the shipped one). */
  before?: ModelChoice;
  /** A folder for the new model's files while it is measured. */
  scratch: string;
  /** The corpus' labelled calls (the test split is measured). */
  corpusCalls: string;
}

export interface RetrainResult {
  triggers: string;
  responses: string;
  evaluation: ModelEvaluationRow[];
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** How a model reads the held-out corrections' turns: F1 of finding them, grades, kinds. */
function heldOutScores(calls: HeldOutCall[], model: ModelChoice | undefined) {
  const counts = { tp: 0, fp: 0, fn: 0 };
  let graded = 0;
  let gradeRight = 0;
  let kindRight = 0;
  for (const call of calls) {
    const { result: analysis } = withModel(model, () =>
      analyze(call.content, { file: call.title, rep: call.rep }),
    );
    const at = new Map(analysis.moments.map((m) => [m.turn, m]));
    for (const g of call.gold) {
      const got = at.get(g.turn);
      if (g.reading && got) counts.tp++;
      else if (got) counts.fp++;
      else if (g.reading) counts.fn++;
      if (!g.reading) continue;
      graded++;
      if (got?.response.kind === g.reading.responseKind) gradeRight++;
      if (got?.trigger.kind === g.reading.triggerKind) kindRight++;
    }
  }
  const turns = calls.reduce((n, c) => n + c.gold.length, 0);
  return { f1: prf(counts).f1, graded, gradeRight, kindRight, turns };
}

function testSplitScores(corpusCalls: string, model: ModelChoice | undefined) {
  const { result } = withModel(model, () =>
    evaluateCalls(findLabelFiles([corpusCalls]), { split: 'test' }),
  );
  return result;
}

export function runRetrain(
  input: RetrainInput,
  progress: (share: number) => void = () => {},
): RetrainResult {
  const extra = correctionUnits(input.lines);
  const trained = trainModels(extra, (p) => progress(p * 0.8));
  const triggers = JSON.stringify(trained.triggers);
  const responses = JSON.stringify(trained.responses);
  mkdirSync(input.scratch, { recursive: true });
  const after: ModelChoice = {
    id: 'candidate',
    triggers: join(input.scratch, 'triggers.json'),
    responses: join(input.scratch, 'responses.json'),
  };
  writeFileSync(after.triggers, triggers);
  writeFileSync(after.responses, responses);

  const hb = heldOutScores(input.heldOut, input.before);
  const ha = heldOutScores(input.heldOut, after);
  progress(0.85);
  const tb = testSplitScores(input.corpusCalls, input.before);
  progress(0.92);
  const ta = testSplitScores(input.corpusCalls, after);
  progress(1);
  const rate = (right: number, n: number) => (n ? round(right / n) : 0);
  const held = 'held-out corrections' as const;
  const test = 'shipped test split' as const;
  const evaluation: ModelEvaluationRow[] = [
    {
      set: held,
      measure: 'walk-point turn F1',
      before: round(hb.f1),
      after: round(ha.f1),
      n: hb.turns,
    },
    {
      set: held,
      measure: 'trigger kind right',
      before: rate(hb.kindRight, hb.graded),
      after: rate(ha.kindRight, ha.graded),
      n: hb.graded,
    },
    {
      set: held,
      measure: 'grade right',
      before: rate(hb.gradeRight, hb.graded),
      after: rate(ha.gradeRight, ha.graded),
      n: hb.graded,
    },
    {
      set: test,
      measure: 'walk-point turn F1',
      before: round(tb.anyTrigger.engine.f1),
      after: round(ta.anyTrigger.engine.f1),
      n: tb.moments,
    },
    {
      set: test,
      measure: 'response accuracy',
      before: tb.response.accuracy,
      after: ta.response.accuracy,
      n: tb.response.total,
    },
  ];
  return { triggers, responses, evaluation };
}
