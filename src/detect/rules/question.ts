import type { QuestionCue } from '../../annotate/question.js';
import type { Detector } from '../../cues/types.js';

/** How each question cue reads to a manager, and how sure it is. */
const CUES: Record<QuestionCue, { says: string; confidence: number }> = {
  'question-mark': { says: 'ends in a question mark', confidence: 0.95 },
  'wh-question': { says: 'opens with a question word', confidence: 0.85 },
  'aux-inversion': { says: 'puts the verb before the subject ("do you...")', confidence: 0.85 },
  'elliptical-question': {
    says: 'drops the verb before "you" ("you ready...", "you ever...")',
    confidence: 0.7,
  },
  'tag-question': { says: 'ends in a tag ("..., right?")', confidence: 0.75 },
  'asking-opener': { says: 'opens with an asking phrase ("I\'m curious...")', confidence: 0.8 },
  'or-question': { says: 'ends in "or not"', confidence: 0.8 },
  'embedded-question': { says: 'holds a question clause in a run-on sentence', confidence: 0.5 },
};

/** Every sentence the annotate stage reads as a question (src/annotate/question.ts decides). */
const question: Detector = {
  meta: {
    id: 'question',
    kind: 'question',
    role: 'any',
    description: 'Someone asks a question, with or without a question mark.',
    fires: [
      'What does your process look like?',
      'do you have a budget for this',
      "So you're the one who signs off, right?",
      "I'm curious how you handle renewals today.",
    ],
    silent: ['We have a budget.', 'I know what you mean.', 'When I was at Acme we did that.'],
  },
  detect(ctx) {
    for (const sentence of ctx.turn.sentences) {
      if (!sentence.question) continue;
      const cue = (sentence.questionCue ?? 'question-mark') as QuestionCue;
      const known = CUES[cue] ?? { says: cue, confidence: 0.7 };
      ctx.report({
        kind: 'question',
        sentence,
        confidence: known.confidence,
        reason: cue,
        explanation: `Asked a question (${known.says})`,
      });
    }
  },
};

export default question;
