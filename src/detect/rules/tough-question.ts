import { cueDetector } from '../../cues/cue-detector.js';

/** Cue patterns: data/cues/tough-question.json (all but up-front contracts must be questions). */
export default cueDetector({
  id: 'tough-question',
  kind: 'tough-question',
  role: 'rep',
  description:
    'The rep asks an open, hard question (cost of the problem, who decides, money, what is behind a stall) or sets an up-front contract.',
});
