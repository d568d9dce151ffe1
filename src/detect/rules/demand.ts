import { cueDetector } from '../../cues/cue-detector.js';

/** Cue patterns: data/cues/demand.json. */
export default cueDetector({
  id: 'demand',
  kind: 'demand',
  role: 'prospect',
  description: 'The prospect demands free work, a concession, or sets an ultimatum.',
});
