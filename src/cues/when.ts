import type { AnnotatedTurn, Sentence } from '../core/types.js';
import { compilePattern } from './cues.js';
import { textView } from './text-view.js';

/**
 * Whether a sentence names a day or a clock time that pins something to the calendar:
 * "Tuesday", "tomorrow", "the 14th", "March 3", "10am", "2:30pm", "at 2". The one answer every
 * detector asks (a next step needs one; a give-up, a walk-out or happy ears has none). Vague
 * times ("next quarter", "soon") are not here on purpose: they are what a give-up sounds like.
 * Kept in code because the lexicon holds literal words only and clock times need a pattern; the
 * words are data/lexicon.json's {weekday}, {month} and {clock-word}.
 */
const WHEN_PATTERN = [
  '{weekday}',
  '{clock-word}',
  '{month} [0-9]{1,2}(?:st|nd|rd|th)?',
  '(?:the )?[0-9]{1,2}(?:st|nd|rd|th)',
  '[0-9]{1,2}(?::[0-9]{2})?(?:am|pm| am| pm| a\\.m\\.| p\\.m\\.)',
  'at [0-9]{1,2}(?::[0-9]{2})?',
  '[0-9]{1,2}:[0-9]{2}',
].join('|');

let when: RegExp | undefined;

/** True when the sentence names a day or a clock time. */
export function mentionsWhen(sentence: Sentence): boolean {
  when ??= compilePattern(WHEN_PATTERN, 'day or time');
  return when.test(textView(sentence).padded);
}

/** True when any sentence of the turn names a day or a clock time. */
export function turnMentionsWhen(turn: AnnotatedTurn | undefined): boolean {
  return turn?.sentences.some(mentionsWhen) ?? false;
}
