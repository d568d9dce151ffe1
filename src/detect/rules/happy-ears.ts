import type { AnnotatedTurn } from '../../core/types.js';
import { cueDetector } from '../../cues/cue-detector.js';
import { compilePattern } from '../../cues/cues.js';
import { textView } from '../../cues/text-view.js';
import { turnMentionsWhen } from '../../cues/when.js';

let commitment: RegExp | undefined;

/** The turn holds a concrete commitment: to sign, to buy, a contract asked for, or a date. */
export function commits(turn: AnnotatedTurn): boolean {
  commitment ??= compilePattern('{commitment}', 'happy-ears commitment words');
  const re = commitment;
  return turn.sentences.some((s) => re.test(textView(s).padded)) || turnMentionsWhen(turn);
}

/** Cue patterns: data/cues/happy-ears.json; the prospect's previous turn decides. */
export default cueDetector({
  id: 'happy-ears',
  kind: 'happy-ears',
  role: 'rep',
  description:
    'The rep treats vague interest as a commitment: "great, so we\'re moving forward!" after "sounds interesting".',
  // Only hope when the prospect said nothing concrete; with no earlier turn there is nothing to judge.
  accept: (_m, ctx) => ctx.previousOther !== undefined && !commits(ctx.previousOther),
});
