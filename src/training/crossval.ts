/**
 * `npm run crossval`: k-fold cross-validation over the corpus calls that are not in the test
 * split. Each fold trains the trigger model without that fold's calls (utterance sets and the
 * other calls stay in), then runs the whole engine, rules and model together, on the held-out
 * calls. Far steadier than the ten dev calls alone, and the test split is never read.
 *
 *   node --import tsx src/training/crossval.ts [--folds 5] [--threshold 0.5] [--misses file.json]
 *     [--folds-up-to N --extra-up-to M] [--no-reply-units]
 *
 * With --folds-up-to N only calls numbered up to N are measured, and calls N+1..M always train:
 * a learning curve on a fixed set of calls (how much more training calls buy). --no-reply-units
 * trains the response model on the utterance lines only (what the calls' replies add).
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CallMiss, evaluateCalls, readLabels } from '../eval/calls.js';
import { overrideModel } from '../model/shipped.js';
import {
  CLASSES,
  fitModel,
  RESPONSE_CLASSES,
  RESPONSE_THRESHOLD,
  repUnits,
  TRIGGER_EPOCHS,
} from './train.js';
import { callUnits, responseWindowUnits, type Unit, utteranceUnits } from './units.js';

const root = new URL('../../', import.meta.url).pathname;
const calls = join(root, 'corpus/calls');
const sets = ['set-a', 'set-b', 'set-c'].map((s) => join(root, `corpus/utterances/${s}.jsonl`));

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

export interface CrossValidation {
  folds: number;
  calls: number;
  moments: number;
  trigger: { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number };
  rulesOnly: { precision: number; recall: number; f1: number };
  responseAccuracy: number;
  /** The same figures for the project's own calls and for other people's conversations. */
  byVoice: Record<string, { f1: number; response: number }>;
  perFold: { calls: number; f1: number; response: number }[];
  /** Every miss of every fold, as `walkpoint eval` lists them. */
  misses: CallMiss[];
}

export interface CrossValidationOptions {
  folds: number;
  threshold: number;
  /** Only calls numbered up to this are split into folds (default: all). */
  foldsUpTo: number;
  /** Calls numbered above `foldsUpTo` and up to this always train, never measure (a learning curve). */
  extraUpTo: number;
  /** Whether the response model also learns from the calls' labelled replies (an ablation). */
  replyUnits: boolean;
}

export function crossValidate(options: CrossValidationOptions): CrossValidation {
  const { folds, threshold } = options;
  const files = readdirSync(calls)
    .filter((n) => n.endsWith('.labels.json'))
    // by call number, so that calls 100 and up do not reshuffle the folds
    .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10) || a.localeCompare(b))
    .filter((n) => readLabels(join(calls, n)).split !== 'test')
    .filter((n) => Number.parseInt(n, 10) <= options.foldsUpTo);
  // the utterance lines never change between folds: train and dev lines of every set
  const lines: Unit[] = sets.flatMap((f) => [
    ...utteranceUnits(f, 'train'),
    ...utteranceUnits(f, 'dev'),
  ]);
  const examples = callUnits(join(root, 'examples'), undefined);
  const repLines = [...repUnits('train'), ...repUnits('dev')];
  const sum = { tp: 0, fp: 0, fn: 0, rulesTp: 0, rulesFp: 0, rulesFn: 0, right: 0, moments: 0 };
  const perFold: CrossValidation['perFold'] = [];
  const byVoice: Record<
    string,
    { tp: number; fp: number; fn: number; right: number; moments: number }
  > = {};
  const misses: CallMiss[] = [];
  for (let k = 0; k < folds; k++) {
    const held = new Set(files.filter((_, i) => i % folds === k));
    const number = (n: string) => Number.parseInt(n, 10);
    const trains = (n: string) =>
      (files.includes(n) && !held.has(n)) ||
      (number(n) > options.foldsUpTo &&
        number(n) <= options.extraUpTo &&
        readLabels(join(calls, n)).split !== 'test');
    const trainCalls = callUnits(calls, undefined, trains);
    // the response model too learns from the training calls' labelled responses
    const responses = [
      ...repLines,
      ...(options.replyUnits ? responseWindowUnits(calls, undefined, trains) : []),
    ];
    overrideModel(
      'responses.json',
      fitModel(RESPONSE_CLASSES, responses, responses, RESPONSE_THRESHOLD).model,
    );
    const train = [...lines, ...trainCalls, ...examples];
    const { model } = fitModel(CLASSES, train, train, threshold, TRIGGER_EPOCHS);
    // a fixed threshold: choosing it on the held-out calls would flatter the figure
    overrideModel('triggers.json', { ...model, threshold });
    const result = evaluateCalls([...held].map((n) => join(calls, n)));
    // the same held-out calls, split by voice: the project's own, and other people's
    for (const [voice, outside] of [
      ['own', false],
      ['outside', true],
    ] as const) {
      const mine = [...held].filter((n) => !!readLabels(join(calls, n)).source === outside);
      if (mine.length === 0) continue;
      const r = evaluateCalls(mine.map((n) => join(calls, n)));
      byVoice[voice] ??= { tp: 0, fp: 0, fn: 0, right: 0, moments: 0 };
      const v = byVoice[voice];
      v.tp += r.anyTrigger.engine.tp;
      v.fp += r.anyTrigger.engine.fp;
      v.fn += r.anyTrigger.engine.fn;
      v.right += Math.round(r.response.accuracy * r.response.total);
      v.moments += r.response.total;
    }
    const e = result.anyTrigger.engine;
    const r = result.anyTrigger.rulesOnly;
    sum.tp += e.tp;
    sum.fp += e.fp;
    sum.fn += e.fn;
    sum.rulesTp += r.tp;
    sum.rulesFp += r.fp;
    sum.rulesFn += r.fn;
    sum.right += Math.round(result.response.accuracy * result.response.total);
    sum.moments += result.response.total;
    perFold.push({ calls: held.size, f1: e.f1, response: result.response.accuracy });
    misses.push(...result.misses);
  }
  overrideModel('triggers.json', undefined);
  overrideModel('responses.json', undefined);
  const prf = (tp: number, fp: number, fn: number) => {
    const precision = tp / Math.max(1, tp + fp);
    const recall = tp / Math.max(1, tp + fn);
    return { precision, recall, f1: (2 * precision * recall) / Math.max(1e-9, precision + recall) };
  };
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const t = prf(sum.tp, sum.fp, sum.fn);
  return {
    folds,
    calls: files.length,
    moments: sum.moments,
    trigger: {
      tp: sum.tp,
      fp: sum.fp,
      fn: sum.fn,
      precision: round(t.precision),
      recall: round(t.recall),
      f1: round(t.f1),
    },
    rulesOnly: (({ precision, recall, f1 }) => ({
      precision: round(precision),
      recall: round(recall),
      f1: round(f1),
    }))(prf(sum.rulesTp, sum.rulesFp, sum.rulesFn)),
    responseAccuracy: round(sum.right / Math.max(1, sum.moments)),
    byVoice: Object.fromEntries(
      Object.entries(byVoice).map(([voice, v]) => [
        voice,
        { f1: round(prf(v.tp, v.fp, v.fn).f1), response: round(v.right / Math.max(1, v.moments)) },
      ]),
    ),
    perFold: perFold.map((f) => ({ calls: f.calls, f1: round(f.f1), response: round(f.response) })),
    misses,
  };
}

function main(): void {
  const cv = crossValidate({
    folds: flag('folds', 5),
    threshold: flag('threshold', 0.5),
    foldsUpTo: flag('folds-up-to', Number.POSITIVE_INFINITY),
    extraUpTo: flag('extra-up-to', 0),
    replyUnits: !process.argv.includes('--no-reply-units'),
  });
  const extra = process.argv.includes('--extra-up-to')
    ? `; calls above ${flag('folds-up-to', 0)} up to ${flag('extra-up-to', 0)} always train`
    : '';
  console.log(
    `${cv.folds}-fold cross-validation over ${cv.calls} train/dev calls (${cv.moments} moments)${extra}`,
  );
  console.log(
    `  walk-point turns: P ${cv.trigger.precision} R ${cv.trigger.recall} F1 ${cv.trigger.f1} (rules only: P ${cv.rulesOnly.precision} R ${cv.rulesOnly.recall} F1 ${cv.rulesOnly.f1})`,
  );
  console.log(`  response accuracy at labelled moments: ${cv.responseAccuracy}`);
  for (const [voice, v] of Object.entries(cv.byVoice)) {
    console.log(`  ${voice} calls: walk-point F1 ${v.f1}, response accuracy ${v.response}`);
  }
  const at = process.argv.indexOf('--misses');
  if (at > 0) writeFileSync(process.argv[at + 1], `${JSON.stringify(cv.misses, null, 1)}\n`);
  for (const [i, f] of cv.perFold.entries()) {
    console.log(`  fold ${i + 1}: ${f.calls} calls, F1 ${f.f1}, response ${f.response}`);
  }
}

main();
