import type { AnnotatedTurn, Sentence, Token, Turn } from '../types.js';
import { nlp } from './nlp.js';
import { normalize } from './normal.js';
import { questionCue } from './question.js';

const KIND: Record<string, Token['kind']> = {
  word: 'word',
  number: 'number',
  punctuation: 'punctuation',
  symbol: 'symbol',
};

/** Reads one turn with wink-nlp: sentences, tokens with offsets, negation and question form. */
export function annotateTurn(turn: Turn): AnnotatedTurn {
  const text = turn.text;
  const n = nlp();
  const its = n.its;
  const doc = n.readDoc(text);
  const tokens = doc.tokens();
  const values = tokens.out(its.value) as string[];
  const types = tokens.out(its.type) as string[];
  const negs = tokens.out(its.negationFlag) as unknown as boolean[];

  const all: Token[] = new Array(values.length);
  let cursor = 0;
  let words = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    let start = text.indexOf(value, cursor);
    if (start < 0) start = cursor; // wink may alter a token (rare): keep offsets monotonic
    const end = Math.min(text.length, start + value.length);
    cursor = end;
    const kind = KIND[types[i]] ?? 'other';
    if (kind === 'word' || kind === 'number') words++;
    const normal = normalize(value, i > 0 ? all[i - 1].normal : undefined, values[i + 1]);
    all[i] = { value, normal, start, end, kind, negated: negs[i] };
  }

  const sentences: Sentence[] = [];
  const spans = doc.sentences().out(its.span) as unknown as [number, number][];
  for (const [first, last] of spans) {
    const toks = all.slice(first, last + 1);
    if (toks.length === 0) continue;
    const start = toks[0].start;
    const end = toks[toks.length - 1].end;
    const sentenceText = text.slice(start, end);
    const cue = questionCue(
      toks.flatMap((t) => t.normal.split(' ')),
      /\?["')\]]*$/.test(sentenceText),
    );
    sentences.push({
      start,
      end,
      text: sentenceText,
      tokens: toks,
      question: cue !== undefined,
      questionCue: cue,
      negated: toks.some((t) => t.negated || t.normal === 'not' || t.normal === 'no'),
    });
  }
  return { ...turn, sentences, words };
}

export function annotate(turns: Turn[]): AnnotatedTurn[] {
  return turns.map(annotateTurn);
}

export { questionCue } from './question.js';
