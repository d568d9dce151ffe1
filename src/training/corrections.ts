/**
 * Managers' corrections as training data, in the corpus' utterance format (JSON lines): one line
 * per corrected prospect sentence with its trigger label (`kinds` as in corpus/utterances; an
 * empty list for a dismissed moment: not a walk-point), and one per rep reply with its response
 * label (`response` as in corpus call labels). `walkpoint corrections export` writes them,
 * `npm run train -- --corrections FILE` and the app's retraining read them.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { annotate, mergeSentences } from '../annotate/index.js';
import { WalkpointError } from '../core/errors.js';
import type { Turn } from '../core/types.js';
import {
  RESPONSE_KINDS,
  TRIGGER_KINDS,
  TRIGGER_SUBTYPES,
  type TriggerKind,
} from '../core/vocabulary.js';
import { RESPONSE_CLASS, triggerClass, type Unit } from './units.js';

const triggerLabel = z.string().refine((k) => {
  const [kind, subtype, ...rest] = k.split(':');
  if (rest.length > 0 || !(TRIGGER_KINDS as readonly string[]).includes(kind)) return false;
  const subtypes = TRIGGER_SUBTYPES[kind as TriggerKind] as readonly string[];
  return subtypes.length === 0 ? subtype === undefined : subtypes.includes(subtype ?? '');
}, 'use a trigger kind with its subtype when it has subtypes, e.g. "objection:price" or "brush-off"');

export const correctionLineSchema = z
  .object({
    id: z.string().min(1),
    split: z.literal('train'),
    role: z.enum(['prospect', 'rep']),
    text: z.string().trim().min(1, 'empty text'),
    /** Prospect lines: the trigger (one label), or none for a dismissed moment. */
    kinds: z.array(triggerLabel).max(1).optional(),
    /** Rep lines: what the rep did. */
    response: z.enum(RESPONSE_KINDS).optional(),
    call: z.number().int(),
    turn: z.number().int(),
    correction: z.number().int(),
  })
  .refine((l) => (l.role === 'prospect' ? l.kinds !== undefined : l.response !== undefined), {
    message:
      'a prospect line needs "kinds" (its trigger, or [] for not a walk-point); a rep line needs "response"',
  });

export type CorrectionLine = z.infer<typeof correctionLineSchema>;

/**
 * How much a correction counts against one corpus sentence: a manager's reading of the team's
 * own calls should move the model, while the corpus keeps it from forgetting everything else.
 */
export const CORRECTION_WEIGHT = Number(process.env.WALKPOINT_CORRECTION_WEIGHT ?? 4);

/** Reads a corrections file; a bad line is named by file:line with what is wrong. */
export function readCorrectionLines(file: string): CorrectionLine[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new WalkpointError('not-found', 'cannot read the corrections file', { file });
  }
  const out: CorrectionLine[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    if (!raw.trim()) continue;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new WalkpointError('bad-corrections', 'not a JSON object (one correction line each)', {
        file,
        line: i + 1,
      });
    }
    const r = correctionLineSchema.safeParse(json);
    if (!r.success) {
      const issue = r.error.issues[0];
      const field = issue.path.join('.');
      throw new WalkpointError(
        'bad-corrections',
        `${field ? `field "${field}": ` : ''}${issue.message}`,
        { file, line: i + 1 },
      );
    }
    out.push(r.data);
  }
  return out;
}

/** Training units from correction lines: trigger-model units and response-model units. */
export function correctionUnits(
  lines: CorrectionLine[],
  source = 'corrections',
): { triggers: Unit[]; responses: Unit[] } {
  const triggers: Unit[] = [];
  const responses: Unit[] = [];
  for (const l of lines) {
    const label =
      l.role === 'prospect' ? triggerClass(l.kinds ?? []) : RESPONSE_CLASS[l.response ?? 'none'];
    // a reply graded `none` (the call ended) teaches the response model nothing
    if (!label) continue;
    const turn: Turn = { index: 0, speaker: 'S', role: l.role, text: l.text };
    const [annotated] = annotate([turn]);
    if (annotated.sentences.length === 0) continue;
    (l.role === 'prospect' ? triggers : responses).push({
      sentence: mergeSentences(annotated.sentences),
      role: l.role,
      label,
      source: `${source}:${l.id}`,
      weight: CORRECTION_WEIGHT,
    });
  }
  return { triggers, responses };
}
