import { cueDetector } from '../../cues/cue-detector.js';
import { mentionsWhen } from '../../cues/when.js';

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
