import type { AnnotatedTurn, Sentence, Token, Turn } from '../core/types.js';
import { boundTokens, offsetMapper } from './bound.js';
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

/** `\s`, without a regular expression for the common ASCII cases. */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return /\s/.test(String.fromCharCode(c));
}

/** How far past the previous token the next one is looked for; turns are joined by 2 chars. */
const MAX_GAP = 256;

/**
 * Where token `value` starts at or after `cursor`: right after the spaces that follow the
 * previous token, or else its first occurrence a short way on. wink may alter a token (rare):
 * then it stays at `cursor`, keeping offsets monotonic. The search is bounded so that many
 * altered tokens cannot each scan the rest of the text.
 */
function locate(text: string, value: string, cursor: number): number {
  if (value === '') return cursor;
  let p = cursor;
  while (p < text.length && isSpace(text.charCodeAt(p))) p++;
  if (text.startsWith(value, p)) return p;
  const at = text.slice(cursor, cursor + value.length + MAX_GAP).indexOf(value);
  return at < 0 ? cursor : cursor + at;
}

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
  // wink reads a copy with over-long tokens cut (see bound.ts); offsets are mapped back
  const bounded = boundTokens(joined);
  const toJoined = offsetMapper(bounded.inserted);
  const doc = n.readDoc(bounded.text);
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
    const found = locate(bounded.text, value, cursor);
    cursor = found + value.length;
    const at = toJoined(found);
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

/** A quote longer than this keeps fewer of its sentences and ends in an ellipsis. */
export const QUOTE_MAX = 320;

/**
 * What the product quotes for a span of a turn: the whole sentence(s) holding it, never the
 * span's own words cut mid-sentence ("by Friday, or"). Sentences past `max` characters are left
 * out from the end, at a sentence boundary, with an ellipsis; one long sentence is quoted whole.
 * Undefined for a turn without words.
 */
export function quoteSentences(
  turn: AnnotatedTurn,
  span: readonly [number, number],
  max = QUOTE_MAX,
): string | undefined {
  const [start, end] = span;
  const inside = turn.sentences.filter((s) => s.end > start && s.start < Math.max(end, start + 1));
  if (inside.length === 0) return turn.text.trim() || undefined;
  const from = inside[0].start;
  let last = 0;
  while (last + 1 < inside.length && inside[last + 1].end - from <= max) last++;
  const text = turn.text.slice(from, inside[last].end).trim();
  return last + 1 < inside.length ? `${text} …` : text;
}
