import { cueDetector } from '../../cues/cue-detector.js';
import { turnMentionsWhen } from '../../cues/when.js';

/** Cue patterns: data/cues/walk-out.json. */
export default cueDetector({
  id: 'walk-out',
  kind: 'walk-out',
  role: 'any',
  description: 'Someone ends the meeting or the relationship, curtly and without a question.',
  // "let's stop here and pick up Thursday at 2" is a polite close with a next step
  accept: (_m, ctx) => !turnMentionsWhen(ctx.turn),
});
