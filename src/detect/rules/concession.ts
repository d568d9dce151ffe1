import { cueDetector } from '../../cues/cue-detector.js';
import { compilePattern } from '../../cues/cues.js';
import { textView } from '../../cues/text-view.js';
import type { DetectContext } from '../../cues/types.js';

let pushed: RegExp | undefined;

/** The prospect's last turn pushed on price or asked for something free. */
function afterDemand(ctx: DetectContext): boolean {
  pushed ??= compilePattern('{discount}|{costly}|{free-things}|{money}', 'concession demand words');
  const re = pushed;
  return ctx.previousOther?.sentences.some((s) => re.test(textView(s).padded)) ?? false;
}

/** Cue patterns: data/cues/concession.json. */
export default cueDetector({
  id: 'concession',
  kind: 'concession',
  role: 'rep',
  description:
    'The rep gives something away and asks for nothing back: a discount, free work, a matched price, or the material asked for.',
  // "Okay, we can do that" is only a concession when it answers a demand or a price push
  accept: (m, ctx) => m.cue.id !== 'give-in' || afterDemand(ctx),
});
