import { cueDetector } from '../../cues/cue-detector.js';

/** Cue patterns: data/cues/withholding.json. */
export default cueDetector({
  id: 'withholding',
  kind: 'withholding',
  role: 'prospect',
  description: 'The prospect refuses to share budget, numbers or the decision process.',
});
