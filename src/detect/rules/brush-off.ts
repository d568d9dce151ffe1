import { cueDetector } from '../../cues/cue-detector.js';

/** Cue patterns: data/cues/brush-off.json. */
export default cueDetector({
  id: 'brush-off',
  kind: 'brush-off',
  role: 'prospect',
  description:
    'The prospect dismisses the rep: rushes them, skips to the price, or refuses to engage.',
});
