import { cueDetector } from '../../cues/cue-detector.js';

/** Cue patterns: data/cues/pushback.json. */
export default cueDetector({
  id: 'pushback',
  kind: 'pushback',
  role: 'rep',
  description:
    'The rep disagrees politely and holds a view, or makes a takeaway that invites a no (negative reverse).',
});
