import { readFileSync } from 'node:fs';
import type { Sentence } from '../types.js';
import { featurize } from './features.js';
import { type CompiledModel, compile, predict, type SoftmaxModel } from './softmax.js';

/** The shipped trigger model (data/model/triggers.json), built by `npm run train`. */
interface TriggerModelFile extends SoftmaxModel {
  kind: 'walkpoint-trigger-model';
  threshold: number;
}

let loaded: { compiled: CompiledModel; threshold: number } | undefined;

function load() {
  if (loaded) return loaded;
  const file = JSON.parse(
    readFileSync(new URL('../../data/model/triggers.json', import.meta.url), 'utf8'),
  ) as TriggerModelFile;
  if (file.kind !== 'walkpoint-trigger-model') {
    throw new Error('data/model/triggers.json is not a trigger model: run npm run train');
  }
  loaded = { compiled: compile(file), threshold: file.threshold };
  return loaded;
}

export interface TriggerGuess {
  /** `objection:price`, `brush-off`, ... */
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

/** The model's reading of one prospect sentence, or undefined when it sees no trigger. */
export function guessTrigger(sentence: Sentence): TriggerGuess | undefined {
  const { compiled, threshold } = load();
  // "Yeah." "Okay.": a single word carries no trigger the cue patterns would not see
  if (sentence.tokens.length < 2) return undefined;
  const fv = featurize(sentence, 'prospect');
  const quick = predict(compiled, fv, 0);
  const kind = compiled.model.classes[quick.best];
  if (kind === 'none' || quick.probs[quick.best] < threshold) return undefined;
  const p = predict(compiled, fv);
  return {
    kind,
    probability: Math.round(p.probs[p.best] * 100) / 100,
    because: p.top.map((t) => describe(t.feature)),
  };
}
