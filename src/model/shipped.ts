import { readFileSync } from 'node:fs';
import type { Sentence } from '../types.js';
import type { Role } from '../vocabulary.js';
import { type FeatureVector, featurize } from './features.js';
import {
  type CompiledModel,
  compile,
  type Prediction,
  predict,
  type SoftmaxModel,
} from './softmax.js';

/**
 * The shipped models (data/model/*.json), built by `npm run train`: the trigger model reads
 * prospect sentences, the response model reads what the rep said after a walk-point.
 */
interface ModelFile extends SoftmaxModel {
  kind: string;
  threshold: number;
}

interface Loaded {
  compiled: CompiledModel;
  threshold: number;
}

const cache = new Map<string, Loaded>();

/**
 * Replaces a shipped model in this process (cross-validation trains one per fold); `undefined`
 * goes back to the file. Not for production use.
 */
export function overrideModel(
  file: 'triggers.json' | 'responses.json',
  model: (SoftmaxModel & { threshold: number }) | undefined,
): void {
  if (model) cache.set(file, { compiled: compile(model), threshold: model.threshold });
  else cache.delete(file);
}

function load(file: string, kind: string): Loaded {
  const hit = cache.get(file);
  if (hit) return hit;
  const data = JSON.parse(
    readFileSync(new URL(`../../data/model/${file}`, import.meta.url), 'utf8'),
  ) as ModelFile;
  if (data.kind !== kind) throw new Error(`data/model/${file} is not a ${kind}: run npm run train`);
  const loaded = { compiled: compile(data), threshold: data.threshold };
  cache.set(file, loaded);
  return loaded;
}

export interface Guess {
  /** The class: `objection:price`, `brush-off`, `walk-out`, `challenge`, ... */
  kind: string;
  probability: number;
  /** The features that pushed it, readable: "word 'pricey'", "class {costly}". */
  because: string[];
}

function describe(feature: string): string {
  const [type, ...rest] = feature.split(':');
  const value = rest.join(':');
  switch (type) {
    case 'w':
      return `word "${value}"`;
    case 'nw':
      return `negated "${value}"`;
    case 'b':
      return `words "${value.replace('_', ' ')}"`;
    case 'c':
      return `word class {${value}}`;
    case 'q':
      return `question (${value})`;
    default:
      return feature;
  }
}

/** One model's reading of a sentence, kept so that the model reads each sentence once. */
const readings = new WeakMap<Sentence, Map<Loaded, { fv: FeatureVector; quick: Prediction }>>();

function reading(model: Loaded, sentence: Sentence, role: Role) {
  let byModel = readings.get(sentence);
  if (!byModel) {
    byModel = new Map();
    readings.set(sentence, byModel);
  }
  let hit = byModel.get(model);
  if (!hit) {
    const fv = featurize(sentence, role);
    hit = { fv, quick: predict(model.compiled, fv, 0) };
    byModel.set(model, hit);
  }
  return hit;
}

function guess(model: Loaded, sentence: Sentence, role: Role): Guess | undefined {
  // "Yeah." "Okay.": a single word carries nothing the cue patterns would not see
  let words = 0;
  for (const t of sentence.tokens) if (t.kind === 'word' || t.kind === 'number') words++;
  if (words < 2) return undefined;
  const { compiled, threshold } = model;
  const { fv, quick } = reading(model, sentence, role);
  const kind = compiled.model.classes[quick.best];
  if (kind === 'none' || quick.probs[quick.best] < threshold) return undefined;
  const p = predict(compiled, fv);
  return {
    kind,
    probability: Math.round(p.probs[p.best] * 100) / 100,
    because: p.top.map((t) => describe(t.feature)),
  };
}

/** The trigger model's reading of one prospect sentence, or undefined when it sees none. */
export function guessTrigger(sentence: Sentence): Guess | undefined {
  return guess(load('triggers.json', 'walkpoint-trigger-model'), sentence, 'prospect');
}

/**
 * The response model's reading of one rep sentence: `walk-out`, `give-up`, `concession`,
 * `challenge` or `pitch`, or undefined when it sees none of them.
 */
export function guessResponse(sentence: Sentence): Guess | undefined {
  return guess(load('responses.json', 'walkpoint-response-model'), sentence, 'rep');
}

/** How sure the trigger model is that a prospect sentence holds no trigger at all (0 to 1). */
export function triggerNoneProbability(sentence: Sentence): number {
  const model = load('triggers.json', 'walkpoint-trigger-model');
  const { quick } = reading(model, sentence, 'prospect');
  return quick.probs[model.compiled.model.classes.indexOf('none')];
}
