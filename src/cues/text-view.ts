import type { Sentence, Token } from '../core/types.js';

/** Sounds that carry no meaning for the cue patterns ("send me, uh, the deck"). */
const FILLERS = new Set(['um', 'uh', 'er', 'erm', 'ah', 'hmm', 'mm', 'mhm', 'uhm', 'umm', 'uhh']);

/**
 * A sentence as one lower-case string of normal forms separated by single spaces, without
 * punctuation or fillers, so that cue patterns are plain regular expressions over words. `at`
 * maps each kept token's offset in `text` back to the token, for character spans.
 */
export interface TextView {
  text: string;
  /** `text` with a space at each end, for the compiled cue patterns (cues.ts). */
  padded: string;
  offsets: number[];
  tokens: Token[];
}

const cache = new WeakMap<Sentence, TextView>();

export function textView(sentence: Sentence): TextView {
  const hit = cache.get(sentence);
  if (hit) return hit;
  const parts: string[] = [];
  const offsets: number[] = [];
  const tokens: Token[] = [];
  let length = 0;
  for (const token of sentence.tokens) {
    if (token.kind === 'punctuation' || token.kind === 'symbol') {
      if (token.value !== '$' && token.value !== '%') continue;
    }
    if (FILLERS.has(token.normal)) continue;
    if (parts.length > 0) length += 1;
    offsets.push(length);
    tokens.push(token);
    parts.push(token.normal);
    length += token.normal.length;
  }
  const text = parts.join(' ');
  const view = { text, padded: ` ${text} `, offsets, tokens };
  cache.set(sentence, view);
  return view;
}

/** Character span in the turn text covered by the match [from, to) of `view.text`. */
export function spanOf(view: TextView, from: number, to: number): [number, number] {
  let first = 0;
  while (first < view.offsets.length - 1 && view.offsets[first + 1] <= from) first++;
  let last = first;
  while (last < view.offsets.length - 1 && view.offsets[last + 1] < to) last++;
  return [view.tokens[first].start, view.tokens[last].end];
}
