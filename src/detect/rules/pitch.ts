import { cueDetector } from '../../cues/cue-detector.js';
import { compilePattern } from '../../cues/cues.js';
import { textView } from '../../cues/text-view.js';
import type { DetectContext, Detector } from '../../cues/types.js';

/** Cue patterns for single presenting sentences: data/cues/pitch.json. */
const statements = cueDetector({
  id: 'pitch',
  kind: 'pitch',
  role: 'rep',
  description: 'feature statements',
});

/** A turn this long with no question is a monologue; feature words make it a pitch. */
const MONOLOGUE_WORDS = 40;
const MIN_FEATURE_WORDS = 2;
/** Feature words per 100 words below which a long turn is a story, not a pitch. */
const MIN_DENSITY = 2;

let featureWords: RegExp | undefined;

function featureHits(ctx: DetectContext): string[] {
  featureWords ??= new RegExp(compilePattern('{feature-word}', 'pitch feature words').source, 'g');
  const re = featureWords;
  return ctx.turn.sentences.flatMap((s) =>
    (textView(s).padded.match(re) ?? []).map((w) => w.slice(1)),
  );
}

/**
 * A long rep turn of features with no question in it: presenting instead of diagnosing.
 * Returns whether it reported, so single-sentence cues do not repeat the same turn.
 */
function monologue(ctx: DetectContext): boolean {
  const { turn } = ctx;
  if (turn.words < MONOLOGUE_WORDS || turn.sentences.length === 0) return false;
  if (turn.sentences.some((s) => s.question)) return false;
  const hits = featureHits(ctx);
  const density = (hits.length * 100) / turn.words;
  if (hits.length < MIN_FEATURE_WORDS || density < MIN_DENSITY) return false;
  // longer and denser means surer: 0.5 at the threshold, up to 0.95
  const confidence =
    0.5 +
    Math.min(0.2, (turn.words - MONOLOGUE_WORDS) / 300) +
    Math.min(0.25, (density - MIN_DENSITY) * 0.05);
  const shown = [...new Set(hits)].slice(0, 5).join(', ');
  ctx.report({
    kind: 'pitch',
    span: [turn.sentences[0].start, turn.sentences[turn.sentences.length - 1].end],
    confidence,
    reason: 'feature-monologue',
    explanation: `Presented for ${turn.words} words without a question, with ${hits.length} feature words (${shown})`,
  });
  return true;
}

const MONOLOGUE_FIRES = [
  'So our platform pulls every call into one dashboard, and it automatically scores each deal. ' +
    'It integrates with Salesforce and HubSpot out of the box, and the analytics module gives managers ' +
    'real time insights. The team can set it up in a day with our templates, so your reps are live within the week.',
];
const MONOLOGUE_SILENT = [
  "Before I show you anything, I'd like to understand your world: how many reps you have, how they " +
    'log calls today, what the dashboard your managers use is missing, and what happens when a deal ' +
    'slips at the end of the quarter. Can you walk me through the last quarter?',
  'Yeah, I get that. Last year we worked with a company in Ohio that felt the same way, they had ' +
    'three sites and a lot of turnover, and they spent months going back and forth with their board ' +
    'before deciding anything, and honestly it was a hard time for everyone there.',
];

const pitch: Detector = {
  meta: {
    id: 'pitch',
    kind: 'pitch',
    role: 'rep',
    description:
      'The rep presents features and benefits instead of asking: a long feature monologue with no question, or a sentence that plainly presents.',
    get fires() {
      return [...statements.meta.fires, ...MONOLOGUE_FIRES];
    },
    get silent() {
      return [...statements.meta.silent, ...MONOLOGUE_SILENT];
    },
  },
  detect(ctx) {
    if (ctx.turn.role !== 'rep') return;
    if (!monologue(ctx)) statements.detect(ctx);
  },
};

export default pitch;
