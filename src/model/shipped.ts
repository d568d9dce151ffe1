import { readFileSync } from 'node:fs';
import type { Sentence } from '../core/types.js';
import type { Role } from '../core/vocabulary.js';
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

/** Loaded models by file (the shipped ones by their name in data/model). */
const cache = new Map<string, Loaded>();

/**
 * A model to read with instead of the shipped one: a version retrained from corrections, its
 * two files written where this thread can read them. `id` is what stored analyses record.
 */
export interface ModelChoice {
  id: string;
  /** Absolute paths of the model files. */
  triggers: string;
  responses: string;
}

export const SHIPPED_MODEL = 'shipped';

/** The choice this thread reads with now (see `withModel`); undefined: the shipped files. */
let selected: ModelChoice | undefined;
/** Choices that failed to load: said once, then the shipped model is used without trying again. */
const failed = new Set<string>();
/** Retrained versions kept loaded; the oldest goes first (the shipped files always stay). */
const KEEP_VERSIONS = 4;

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

/** Reads and checks one model file: the right kind, and weights that fit its classes and features. */
function readModel(path: string, kind: string, shown: string): Loaded {
  const data = JSON.parse(readFileSync(path, 'utf8')) as ModelFile;
  if (data.kind !== kind) throw new Error(`${shown} is not a ${kind}`);
  const width = (data.features?.length ?? 0) + (data.dense ?? 0);
  if (
    !Array.isArray(data.classes) ||
    !Array.isArray(data.weights) ||
    data.weights.length !== data.classes.length * width ||
    data.bias?.length !== data.classes.length ||
    typeof data.threshold !== 'number'
  ) {
    throw new Error(`${shown}: its weights do not fit its classes and features`);
  }
  return { compiled: compile(data), threshold: data.threshold };
}

function loadShipped(file: string, kind: string): Loaded {
  const hit = cache.get(file);
  if (hit) return hit;
  const path = new URL(`../../data/model/${file}`, import.meta.url);
  let loaded: Loaded;
  try {
    loaded = readModel(path.pathname, kind, `data/model/${file}`);
  } catch (e) {
    throw new Error(`data/model/${file}: ${(e as Error).message}; run npm run train`);
  }
  cache.set(file, loaded);
  return loaded;
}

/** Loads both files of a choice (or says why not, once, and answers undefined). */
function loadChoice(choice: ModelChoice): { triggers: Loaded; responses: Loaded } | undefined {
  if (failed.has(choice.triggers)) return undefined;
  try {
    const triggers =
      cache.get(choice.triggers) ?? readModel(choice.triggers, TRIGGER_KIND, choice.triggers);
    const responses =
      cache.get(choice.responses) ?? readModel(choice.responses, RESPONSE_KIND, choice.responses);
    for (const [path, m] of [
      [choice.triggers, triggers],
      [choice.responses, responses],
    ] as const) {
      cache.delete(path);
      cache.set(path, m);
    }
    const retrained = [...cache.keys()].filter((k) => k.includes('/'));
    for (const old of retrained.slice(0, Math.max(0, retrained.length - 2 * KEEP_VERSIONS))) {
      cache.delete(old);
    }
    return { triggers, responses };
  } catch (e) {
    failed.add(choice.triggers);
    console.warn(
      `walkpoint: model ${choice.id} failed to load (${(e as Error).message.split('\n')[0]}); using the shipped model instead`,
    );
    return undefined;
  }
}

/**
 * Runs `fn` (an analysis: synchronous) reading with `choice`, or with the shipped model when
 * there is none or it fails to load. Returns what `fn` returns and the model id actually used.
 */
export function withModel<T>(
  choice: ModelChoice | undefined,
  fn: () => T,
): { result: T; model: string } {
  const usable = choice && loadChoice(choice) ? choice : undefined;
  const previous = selected;
  selected = usable;
  try {
    return { result: fn(), model: usable?.id ?? SHIPPED_MODEL };
  } finally {
    selected = previous;
  }
}

const TRIGGER_KIND = 'walkpoint-trigger-model';
const RESPONSE_KIND = 'walkpoint-response-model';

function load(file: 'triggers.json' | 'responses.json', kind: string): Loaded {
  if (selected) {
    const hit = cache.get(file === 'triggers.json' ? selected.triggers : selected.responses);
    if (hit) return hit;
  }
  return loadShipped(file, kind);
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
      return `a ${value.replace(/[-_]/g, ' ')} word`;
    case 'q':
      return 'the way it asks';
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
  return guess(load('triggers.json', TRIGGER_KIND), sentence, 'prospect');
}

/**
 * The response model's reading of one rep sentence: `walk-out`, `give-up`, `concession`,
 * `challenge` or `pitch`, or undefined when it sees none of them.
 */
export function guessResponse(sentence: Sentence): Guess | undefined {
  return guess(load('responses.json', RESPONSE_KIND), sentence, 'rep');
}

/** How sure the trigger model is that a prospect sentence holds no trigger at all (0 to 1). */
export function triggerNoneProbability(sentence: Sentence): number {
  const model = load('triggers.json', TRIGGER_KIND);
  const { quick } = reading(model, sentence, 'prospect');
  return quick.probs[model.compiled.model.classes.indexOf('none')];
}
