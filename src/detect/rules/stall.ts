import { cueDetector } from '../../cues/cue-detector.js';

/** Cue patterns: data/cues/stall.json. */
export default cueDetector({
  id: 'stall',
  kind: 'stall',
  role: 'prospect',
  description:
    'The prospect puts the conversation off: asks for material, wants to think it over, or names a vague later time.',
});
