import { prng } from '../core/prng.js';
import type { FeatureVector } from './features.js';

/**
 * Multinomial logistic regression over named sparse features plus a dense block (the mean
 * word vector). Small, deterministic to train, and explainable: every prediction can list the
 * features that pushed it, by name.
 */

export interface SoftmaxModel {
  classes: string[];
  /** Sparse feature names; their weights come first in each class row. */
  features: string[];
  dense: number;
  /** classes x (features + dense), row-major. */
  weights: number[];
  bias: number[];
}

export interface Prediction {
  probs: number[];
  best: number;
  /** The sparse features that pushed the best class most, with their weights. */
  top: { feature: string; weight: number }[];
}

export interface CompiledModel {
  model: SoftmaxModel;
  index: Map<string, number>;
  width: number;
}

export function compile(model: SoftmaxModel): CompiledModel {
  return {
    model,
    index: new Map(model.features.map((f, i) => [f, i])),
    width: model.features.length + model.dense,
  };
}

function encode(c: CompiledModel, fv: FeatureVector): number[] {
  const ids: number[] = [];
  for (const f of fv.sparse) {
    const i = c.index.get(f);
    if (i !== undefined) ids.push(i);
  }
  return ids;
}

function scores(c: CompiledModel, ids: number[], dense: Float64Array): number[] {
  const { model, width } = c;
  const out = new Array<number>(model.classes.length);
  const nf = model.features.length;
  for (let k = 0; k < model.classes.length; k++) {
    const row = k * width;
    let s = model.bias[k];
    for (const i of ids) s += model.weights[row + i];
    for (let d = 0; d < model.dense; d++) s += model.weights[row + nf + d] * dense[d];
    out[k] = s;
  }
  return out;
}

function softmax(z: number[]): number[] {
  let max = z[0];
  for (let k = 1; k < z.length; k++) if (z[k] > max) max = z[k];
  let sum = 0;
  for (let k = 0; k < z.length; k++) {
    z[k] = Math.exp(z[k] - max);
    sum += z[k];
  }
  for (let k = 0; k < z.length; k++) z[k] /= sum;
  return z;
}

/** `topN` features are listed only when asked for (0 skips the work). */
export function predict(c: CompiledModel, fv: FeatureVector, topN = 3): Prediction {
  const ids = encode(c, fv);
  const probs = softmax(scores(c, ids, fv.dense));
  let best = 0;
  for (let k = 1; k < probs.length; k++) if (probs[k] > probs[best]) best = k;
  if (topN === 0) return { probs, best, top: [] };
  const row = best * c.width;
  const top = ids
    .map((i) => ({ feature: c.model.features[i], weight: c.model.weights[row + i] }))
    .filter((t) => t.weight > 0)
    .sort((a, b) => b.weight - a.weight)
    .slice(0, topN)
    .map((t) => ({ feature: t.feature, weight: Math.round(t.weight * 100) / 100 }));
  return { probs, best, top };
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Weight of each class in the loss (to keep rare triggers from drowning in "none"). */
  classWeights?: number[];
}

/** Trains with Adam on single examples in a seeded order: the same data gives the same model. */
export function train(
  examples: { fv: FeatureVector; label: number; weight?: number }[],
  classes: string[],
  features: string[],
  dense: number,
  options: TrainOptions,
): SoftmaxModel {
  const width = features.length + dense;
  const model: SoftmaxModel = {
    classes,
    features,
    dense,
    weights: new Array(classes.length * width).fill(0),
    bias: new Array(classes.length).fill(0),
  };
  const c = compile(model);
  const m = new Float64Array(model.weights.length);
  const v = new Float64Array(model.weights.length);
  const mb = new Float64Array(classes.length);
  const vb = new Float64Array(classes.length);
  const [b1, b2, eps] = [0.9, 0.999, 1e-8];
  const rand = prng(options.seed);
  const order = examples.map((_, i) => i);
  const encoded = examples.map((e) => encode(c, e.fv));
  let step = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const n of order) {
      step++;
      const { fv, label, weight = 1 } = examples[n];
      const ids = encoded[n];
      const p = softmax(scores(c, ids, fv.dense));
      const cw = (options.classWeights?.[label] ?? 1) * weight;
      const lr = (options.learningRate * Math.sqrt(1 - b2 ** step)) / (1 - b1 ** step);
      for (let k = 0; k < classes.length; k++) {
        const g = (p[k] - (k === label ? 1 : 0)) * cw;
        const row = k * width;
        const update = (w: number, grad: number) => {
          const gg = grad + options.l2 * model.weights[w];
          m[w] = b1 * m[w] + (1 - b1) * gg;
          v[w] = b2 * v[w] + (1 - b2) * gg * gg;
          model.weights[w] -= (lr * m[w]) / (Math.sqrt(v[w]) + eps);
        };
        for (const i of ids) update(row + i, g);
        for (let d = 0; d < dense; d++) update(row + features.length + d, g * fv.dense[d]);
        mb[k] = b1 * mb[k] + (1 - b1) * g;
        vb[k] = b2 * vb[k] + (1 - b2) * g * g;
        model.bias[k] -= (lr * mb[k]) / (Math.sqrt(vb[k]) + eps);
      }
    }
  }
  // round for a compact, stable file
  model.weights = model.weights.map((w) => Math.round(w * 1e4) / 1e4);
  model.bias = model.bias.map((w) => Math.round(w * 1e4) / 1e4);
  return model;
}
