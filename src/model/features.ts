import type { Sentence } from '../core/types.js';
import { lexiconEntries } from '../cues/cues.js';
import { textView } from '../cues/text-view.js';
import { addVector, DIMENSIONS, loadVectors } from './vectors.js';

/**
 * The features the trained model reads from one sentence. Every feature has a readable name so
 * that a finding can say which ones pushed it ("word 'pricey'", "class {costly}"):
 *   w:WORD   a word (nw:WORD when wink-nlp marks it as negated)
 *   b:A_B    two words in a row
 *   c:CLASS  a word class from data/lexicon.json occurs
 *   q:CUE    the sentence reads as a question, and how
 *   r:ROLE   who speaks
 *   len:N    length bucket
 *   v0..v99  the mean word vector of the content words (dense)
 */

const STOP = new Set(
  'a an the of to and or in on at for with is are was were be been am i you we they he she it this that these those my your our their me us him her them do does did so uh um just like really very'.split(
    ' ',
  ),
);

export interface FeatureVector {
  sparse: string[];
  dense: Float64Array;
}

/** Every lexicon phrase (one or more words) with the classes it belongs to. */
let phrases: { map: Map<string, string[]>; prefixes: Set<string> } | undefined;

function phraseIndex() {
  if (phrases) return phrases;
  const map = new Map<string, string[]>();
  // the beginnings of longer phrases, so that a scan stops as soon as nothing can follow
  const prefixes = new Set<string>();
  for (const [name, words] of Object.entries(lexiconEntries())) {
    for (const w of words) {
      const list = map.get(w);
      if (list) list.push(name);
      else map.set(w, [name]);
      const parts = w.split(' ');
      for (let k = 1; k < parts.length; k++) prefixes.add(parts.slice(0, k).join(' '));
    }
  }
  phrases = { map, prefixes };
  return phrases;
}

export function featurize(sentence: Sentence, role: string): FeatureVector {
  const view = textView(sentence);
  const words = view.text.length ? view.text.split(' ') : [];
  const sparse = new Set<string>();
  sparse.add(`r:${role}`);
  sparse.add(`len:${words.length < 4 ? 's' : words.length < 12 ? 'm' : 'l'}`);
  if (sentence.questionCue) sparse.add(`q:${sentence.questionCue}`);
  const negated = new Set(view.tokens.filter((t) => t.negated).map((t) => t.normal));
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    sparse.add(negated.has(w) ? `nw:${w}` : `w:${w}`);
    if (i > 0) sparse.add(`b:${words[i - 1]}_${w}`);
  }
  const { map, prefixes } = phraseIndex();
  for (let i = 0; i < words.length; i++) {
    let key = words[i];
    for (let j = i; ; ) {
      const hit = map.get(key);
      if (hit) for (const name of hit) sparse.add(`c:${name}`);
      if (++j >= words.length || !prefixes.has(key)) break;
      key += ` ${words[j]}`;
    }
  }

  const dense = new Float64Array(DIMENSIONS);
  const vectors = loadVectors();
  let n = 0;
  for (const w of words) {
    if (STOP.has(w)) continue;
    for (const part of w.split(' ')) if (addVector(vectors, part, dense)) n++;
  }
  if (n > 0) for (let d = 0; d < DIMENSIONS; d++) dense[d] /= n;
  return { sparse: [...sparse], dense };
}
