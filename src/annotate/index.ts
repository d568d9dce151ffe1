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

/** Turns are joined with a blank line, which wink-nlp always treats as a sentence break. */
const TURN_BREAK = '\n\n';

function sentenceOf(text: string, toks: Token[], punctuated: boolean): Sentence {
  const start = toks[0].start;
  const end = toks[toks.length - 1].end;
  const sentenceText = text.slice(start, end);
  const normals: string[] = [];
  let negated = false;
  for (const t of toks) {
    if (t.normal.includes(' ')) normals.push(...t.normal.split(' '));
    else normals.push(t.normal);
    if (t.negated || t.normal === 'not' || t.normal === 'no') negated = true;
  }
  const cue = questionCue(normals, /\?["')\]]*$/.test(sentenceText), punctuated);
  return {
    start,
    end,
    text: sentenceText,
    tokens: toks,
    // a question inside a run-on sentence is a weaker reading: kept for grading responses, but
    // the sentence is not counted as a question
    question: cue !== undefined && cue !== 'embedded-question',
    questionCue: cue,
    negated,
  };
}

/**
 * Reads the whole conversation with wink-nlp in one pass (one document is about twice as fast
 * as one per turn), then hands each turn its sentences and tokens, with offsets into the
 * turn's own text.
 */
export function annotate(turns: readonly Turn[]): AnnotatedTurn[] {
  const n = nlp();
  const its = n.its;
  const joined = turns.map((t) => t.text).join(TURN_BREAK);
  const doc = n.readDoc(joined);
  const tokens = doc.tokens();
  const values = tokens.out(its.value) as string[];
  const types = tokens.out(its.type) as string[];
  const negs = tokens.out(its.negationFlag) as unknown as boolean[];

  // where each turn starts in the joined text
  const bases: number[] = [];
  let base = 0;
  for (const t of turns) {
    bases.push(base);
    base += t.text.length + TURN_BREAK.length;
  }

  const turnOf: number[] = new Array(values.length);
  const all: Token[] = new Array(values.length);
  const words = new Array<number>(turns.length).fill(0);
  let cursor = 0;
  let turn = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    let at = joined.indexOf(value, cursor);
    if (at < 0) at = cursor; // wink may alter a token (rare): keep offsets monotonic
    cursor = at + value.length;
    while (turn < turns.length - 1 && at >= bases[turn + 1]) turn++;
    turnOf[i] = turn;
    const start = at - bases[turn];
    const kind = KIND[types[i]] ?? 'other';
    if (kind === 'word' || kind === 'number') words[turn]++;
    const prev = i > 0 && turnOf[i - 1] === turn ? all[i - 1].normal : undefined;
    all[i] = {
      value,
      normal: normalize(value, prev, values[i + 1]),
      start,
      end: Math.min(turns[turn].text.length, start + value.length),
      kind,
      negated: negs[i],
    };
  }

  const sentences: Sentence[][] = turns.map(() => []);
  const punctuated = turns.map((t) => /[.?!]/.test(t.text));
  const spans = doc.sentences().out(its.span) as unknown as [number, number][];
  for (const [first, last] of spans) {
    // a sentence never crosses a turn: split it where the speaker changes
    let from = first;
    for (let i = first; i <= last + 1; i++) {
      if (i === last + 1 || turnOf[i] !== turnOf[from]) {
        if (i > from)
          sentences[turnOf[from]].push(
            sentenceOf(turns[turnOf[from]].text, all.slice(from, i), punctuated[turnOf[from]]),
          );
        from = i;
      }
    }
  }
  return turns.map((t, i) => ({ ...t, sentences: sentences[i], words: words[i] }));
}

/** Reads a single turn (for tests and one-off utterances). */
export function annotateTurn(turn: Turn): AnnotatedTurn {
  return annotate([turn])[0];
}

export { questionCue } from './question.js';

/** Several sentences read as one (a labelled quote may span two). */
export function mergeSentences(sentences: Sentence[]): Sentence {
  if (sentences.length === 1) return sentences[0];
  return {
    start: sentences[0].start,
    end: sentences[sentences.length - 1].end,
    text: sentences.map((s) => s.text).join(' '),
    tokens: sentences.flatMap((s) => s.tokens),
    question: sentences.some((s) => s.question),
    questionCue: sentences.find((s) => s.questionCue)?.questionCue,
    negated: sentences.some((s) => s.negated),
  };
}

/** The sentence of a turn that holds the character at `offset`, if any. */
export function sentenceAt(turn: AnnotatedTurn, offset: number): Sentence | undefined {
  return turn.sentences.find((s) => offset >= s.start && offset < s.end);
}
