import { sentenceAt } from '../../annotate/index.js';
import type { AnnotatedTurn, Finding } from '../../core/types.js';
import { isTriggerKind, kindWords, splitKind, sureWords } from '../../core/vocabulary.js';
import { compilePattern } from '../../cues/cues.js';
import { textView } from '../../cues/text-view.js';
import type { Detector } from '../../cues/types.js';
import { guessTrigger, triggerNoneProbability } from '../../model/shipped.js';

let disclose: RegExp | undefined;
const DISCLOSE = () => {
  disclose ??= compilePattern('{disclose}', 'trigger-model');
  return disclose;
};

/**
 * The trained trigger model (src/model), beside the cue patterns: it reads meaning the patterns
 * were not written for ("the number made me wince"). Its explanation names the features that
 * pushed it, so a manager can still see why.
 */
const detector: Detector = {
  meta: {
    id: 'trigger-model',
    kind: 'stall',
    role: 'prospect',
    description:
      'A trained classifier over words, word classes and word vectors that flags walk-point triggers the cue patterns miss.',
    fires: [
      'Honestly that number made me wince, it is way more than we figured.',
      'We will have to see where the budget lands.',
    ],
    silent: [
      'That sounds good, send over the order form.',
      'We have about forty reps on the team.',
    ],
  },
  detect(ctx) {
    if (ctx.turn.role !== 'prospect') return;
    for (const sentence of ctx.turn.sentences) {
      const guess = guessTrigger(sentence);
      if (!guess) continue;
      // withholding is not telling: the model learnt "would rather" from "I'd rather not say",
      // and reads "I'd rather give locally" the same way; with nothing to tell in the sentence
      // (a budget, a number, details, "say", "share") it is not withholding
      if (guess.kind === 'withholding' && !DISCLOSE().test(textView(sentence).padded)) continue;
      ctx.report({
        kind: guess.kind,
        sentence,
        // a little below the same-strength pattern, so a pattern's explanation wins a tie
        confidence: guess.probability * 0.9,
        reason: 'model',
        explanation: `The trained model reads this as ${kindWords(guess.kind)} (${sureWords(guess.probability)}), mostly from ${guess.because.join(', ') || 'the sentence as a whole'}`,
      });
    }
  },
};

export default detector;

/**
 * The least probability of "no trigger" at which the model overrules a cue pattern's trigger
 * on the same sentence. Chosen by cross-validation over the train and dev calls (npm run
 * crossval: 0.8 to 0.95 all gave turn F1 0.85 against 0.83 without overruling).
 */
export const OVERRULE_AT = 0.9;

/**
 * Marks the cue patterns' triggers that the model is sure are not triggers ("I've got twenty
 * minutes" read as a brush-off). They stay among the findings, with the reason, but do not
 * become walk-points.
 */
export function overrulePatterns(
  turns: readonly AnnotatedTurn[],
  findings: Finding[],
  firm: ReadonlySet<string> = new Set(),
): void {
  for (const f of findings) {
    if (f.detector === 'trigger-model' || f.role !== 'prospect') continue;
    if (firm.has(`${f.detector}/${f.reason}`)) continue;
    if (!isTriggerKind(splitKind(f.kind).kind)) continue;
    const turn = turns[f.turn];
    const sentence = turn && sentenceAt(turn, f.span[0]);
    if (!sentence) continue;
    const none = triggerNoneProbability(sentence);
    if (none >= OVERRULE_AT) {
      f.overruled = `The trained model reads this sentence as no walk-point (${sureWords(none)}), so the pattern alone does not make it one.`;
    }
  }
}
