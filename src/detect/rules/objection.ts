import { cueDetector } from '../../cues/cue-detector.js';

/** Cue patterns: data/cues/objection.json. */
export default cueDetector({
  id: 'objection',
  kind: 'objection',
  role: 'prospect',
  description: 'The prospect objects on price, timing, authority, an incumbent, need or trust.',
});
