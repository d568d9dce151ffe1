import { cueDetector } from '../../cues/cue-detector.js';
import { textView } from '../../cues/text-view.js';
import { turnMentionsWhen } from '../../cues/when.js';

/** Cue patterns: data/cues/give-up.json. */
export default cueDetector({
  id: 'give-up',
  kind: 'give-up',
  role: 'rep',
  description:
    'The rep ends the pursuit with a vague follow-up and no date: "reach out whenever", "I\'ll circle back".',
  // A date in the same turn is an agreed next step; so is "then" pointing back at a day or
  // time the prospect just named ("Call me Tuesday at 10." "I'll call you then.").
  accept: (m, ctx) =>
    !turnMentionsWhen(ctx.turn) &&
    !(/(?:^| )then(?: |$)/.test(textView(m.sentence).text) && turnMentionsWhen(ctx.previousOther)),
});
