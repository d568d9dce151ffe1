import type { AnnotatedTurn } from '../../core/types.js';
import { cueDetector } from '../../cues/cue-detector.js';
import { textView } from '../../cues/text-view.js';
import type { DetectContext, Detector } from '../../cues/types.js';

/** Cue patterns for labels ("it sounds like..."): data/cues/label.json. */
const labels = cueDetector({
  id: 'label',
  kind: 'label',
  role: 'rep',
  description: 'labels',
});

/** A mirror is a short turn: a few words of the prospect's, handed back. */
const MAX_TURN_WORDS = 6;
const MAX_ECHO_WORDS = 3;
/** How far back in the prospect's turn an echo may reach ("their last words"). */
const TAIL_WORDS = 8;
/** Openers that may precede the echo ("So, next quarter?"). */
const LEAD_INS = new Set(['so', 'oh', 'sorry', 'wait', 'just', 'and', 'okay', 'ok', 'hmm']);
/** Echoing only these is an acknowledgement ("Right?" "Okay."), not a mirror. */
const NOT_CONTENT = new Set([
  ...LEAD_INS,
  'yes',
  'yeah',
  'yep',
  'no',
  'nope',
  'right',
  'sure',
  'great',
  'good',
  'fine',
  'perfect',
  'thanks',
  'thank',
  'you',
  'it',
  'that',
  'this',
  'the',
  'a',
  'an',
  'is',
  'are',
  'really',
  'exactly',
  'true',
  'correct',
  'what',
  'huh',
  'cool',
  'nice',
  'wow',
  'to',
  'of',
  'we',
  'i',
  'me',
  'us',
  'they',
  'not',
  'do',
  'got',
  'totally',
  'absolutely',
  'agreed',
  'makes',
  'sense',
]);

function words(turn: AnnotatedTurn): string[] {
  return turn.sentences.flatMap((s) => {
    const text = textView(s).text;
    return text ? text.split(' ') : [];
  });
}

function indexOfRun(haystack: string[], needle: string[]): number {
  for (let i = 0; i + needle.length <= haystack.length; i++) {
    if (needle.every((w, k) => haystack[i + k] === w)) return i;
  }
  return -1;
}

/** "Next quarter?" after "...try me next quarter": the rep hands the prospect's words back. */
function mirror(ctx: DetectContext): void {
  const prev = ctx.previousOther;
  if (ctx.turn.role !== 'rep' || !prev || ctx.turn.sentences.length === 0) return;
  if (ctx.turn.words > MAX_TURN_WORDS) return;
  const own = words(ctx.turn);
  if (own.length === 0 || own.length > MAX_TURN_WORDS) return;
  let start = 0;
  while (start < own.length - 1 && LEAD_INS.has(own[start])) start++;
  const echo = own.slice(start);
  if (echo.length > MAX_ECHO_WORDS || echo.every((w) => NOT_CONTENT.has(w))) return;
  // A turn that is nothing but a run of three of their words may reach further back
  // ("by january first" after "...live by january first or we're not doing it").
  const whole = start === 0 && echo.length >= 3;
  const tail = words(prev).slice(-(whole ? TAIL_WORDS * 2 : TAIL_WORDS));
  const at = indexOfRun(tail, echo);
  if (at < 0) return;
  // Without a question mark (speech-to-text drops it) only an echo of their very last words,
  // or a whole-turn echo, counts.
  const asked = ctx.turn.sentences.some((s) => s.question);
  if (!asked && !whole && at + echo.length !== tail.length) return;
  const first = ctx.turn.sentences[0];
  const last = ctx.turn.sentences[ctx.turn.sentences.length - 1];
  const quoted = echo.join(' ');
  ctx.report({
    kind: 'label:mirror',
    span: [first.start, last.end],
    confidence: asked ? 0.8 : 0.65,
    reason: 'mirror',
    explanation: `Mirrored the prospect's last words ("${quoted}") back${asked ? ' as a question' : ''}, inviting them to say more`,
  });
}

const MIRROR_FIRES = [
  "We're thinking of trying you next quarter. >> Next quarter?",
  "Honestly it's just too expensive. >> Too expensive?",
  'I need to run it by the team. >> So, by the team?',
  'We are pretty happy with our current vendor >> current vendor',
  "if you can't have us live by january first we're not doing it period >> by january first",
];
const MIRROR_SILENT = [
  'Is that okay? >> Okay?',
  'Try me next quarter. >> Next quarter works for us too, so what changes?',
  'We have three sites. >> Really?',
  'Sounds good. >> Good.',
  'We use Salesforce for pipeline and renewals. >> pipeline',
];

const label: Detector = {
  meta: {
    id: 'label',
    kind: 'label',
    role: 'rep',
    description:
      'The rep names what the prospect seems to feel or think ("it sounds like..."), or mirrors their last words as a question.',
    get fires() {
      return [...labels.meta.fires, ...MIRROR_FIRES];
    },
    get silent() {
      return [...labels.meta.silent, ...MIRROR_SILENT];
    },
  },
  detect(ctx) {
    labels.detect(ctx);
    mirror(ctx);
  },
};

export default label;
