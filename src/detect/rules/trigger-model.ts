import { guessTrigger } from '../../model/shipped.js';
import type { Detector } from '../types.js';

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
    fires: ['Honestly the number made me wince.', 'We will have to see where the budget lands.'],
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
      ctx.report({
        kind: guess.kind,
        sentence,
        // a little below the same-strength pattern, so a pattern's explanation wins a tie
        confidence: guess.probability * 0.9,
        reason: 'model',
        explanation: `The trained model reads this as ${guess.kind} (p=${guess.probability}), mostly from ${guess.because.join(', ') || 'the sentence as a whole'}`,
      });
    }
  },
};

export default detector;
