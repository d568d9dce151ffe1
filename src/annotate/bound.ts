/**
 * Bounds the length of the tokens wink-nlp reads. Some of its tokenizer's regular expressions
 * (the abbreviation, URL and e-mail rules) cost the square, or worse, of a token's length on
 * runs like "!!!!", "****", "////" or "//::::": one 16 KB run took seconds. Speech has no
 * token anywhere near this long (the longest in the corpus has 25 characters; a pasted URL
 * rarely passes 100), so ordinary calls read exactly as before; a longer run of non-space
 * characters is cut with a space every MAX_TOKEN_CHARS characters, which keeps wink's cost
 * linear in the text (at 128, the worst run costs about 4 ms per KB).
 */

/** The longest run of non-space characters wink-nlp is given. */
export const MAX_TOKEN_CHARS = 128;

/** Text for wink-nlp, and where spaces were inserted, to map its offsets back. */
export interface BoundedText {
  text: string;
  /** Offsets in `text` of each inserted space, ascending. */
  inserted: number[];
}

/** The characters wink-nlp splits tokens on (its `splitter` helper). */
function isWinkSpace(c: number): boolean {
  return (
    c === 32 ||
    c === 10 ||
    c === 13 ||
    c === 9 ||
    c === 0xa0 ||
    (c >= 0x2002 && c <= 0x2005) ||
    c === 0x2009 ||
    c === 0x200a ||
    c === 0x202f ||
    c === 0x205f
  );
}

/** `text` with a space inside every run of non-space characters longer than `max`. */
export function boundTokens(text: string, max = MAX_TOKEN_CHARS): BoundedText {
  const inserted: number[] = [];
  let out = '';
  let copied = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isWinkSpace(c)) {
      run = 0;
      continue;
    }
    // never between the two halves of a surrogate pair
    if (run >= max && !(c >= 0xdc00 && c <= 0xdfff)) {
      out += `${text.slice(copied, i)} `;
      copied = i;
      inserted.push(out.length - 1);
      run = 0;
    }
    run++;
  }
  if (inserted.length === 0) return { text, inserted };
  return { text: out + text.slice(copied), inserted };
}

/**
 * Maps offsets in the bounded text back to the original, for offsets that only grow (tokens
 * in order): each call moves a cursor over the inserted spaces, so a whole pass is linear.
 */
export function offsetMapper(inserted: readonly number[]): (at: number) => number {
  let passed = 0;
  return (at) => {
    while (passed < inserted.length && inserted[passed] < at) passed++;
    return at - passed;
  };
}
