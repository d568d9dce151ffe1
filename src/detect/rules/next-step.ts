import type { AnnotatedTurn, Sentence } from '../../core/types.js';
import { cueDetector } from '../../cues/cue-detector.js';
import { compilePattern } from '../../cues/cues.js';
import { textView } from '../../cues/text-view.js';

/**
 * A day or clock time that pins a step to the calendar: "Tuesday", "tomorrow", "the 14th",
 * "March 3", "10am", "2:30pm", "at 2". Vague times ("next quarter", "soon") are not here on
 * purpose: they are what a give-up sounds like. Kept in code because the lexicon holds literal
 * words only and clock times need a pattern.
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
  when ??= compilePattern(WHEN_PATTERN, 'next-step day or time');
  return when.test(textView(sentence).padded);
}

/** True when any sentence of the turn names a day or a clock time. */
export function turnMentionsWhen(turn: AnnotatedTurn | undefined): boolean {
  return turn?.sentences.some(mentionsWhen) ?? false;
}

/** Cue patterns: data/cues/next-step.json (the scheduling act); a day or time is required here. */
export default cueDetector({
  id: 'next-step',
  kind: 'next-step',
  role: 'any',
  description:
    'A concrete next step is agreed: a meeting or action pinned to a day, a time or the calendar.',
  // a calendar invite is concrete on its own; any other scheduling words need a day or time
  accept: (m) => m.cue.id === 'on-calendar' || mentionsWhen(m.sentence),
});
