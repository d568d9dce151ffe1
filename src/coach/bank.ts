import { z } from 'zod';
import { readDataJson } from '../core/data.js';
import { WalkpointError } from '../core/errors.js';
import {
  RESPONSE_KINDS,
  type ResponseKind,
  TRIGGER_KINDS,
  TRIGGER_SUBTYPES,
} from '../core/vocabulary.js';

/** The nothing-to-lose moves the bank knows (DOMAIN.md section 2, target responses). */
export const TECHNIQUES = [
  'tough-question',
  'push-back',
  'label',
  'mirror',
  'upfront-contract',
  'negative-reverse',
] as const;
export type Technique = (typeof TECHNIQUES)[number];

/** One question-bank move. `subtype` is absent for a move that fits every subtype of its kind. */
export interface QuestionEntry {
  id: string;
  trigger: string;
  subtype?: string;
  /** What the rep could say; `{quote}` marks where the prospect's own words go. */
  text: string;
  why: string;
  technique: Technique;
  /** The text holds `{quote}`. */
  quote: boolean;
  /** Response kinds this move is the best antidote to (e.g. a trade after `caved`). */
  suits?: ResponseKind[];
}

const QUOTE_SLOT = '{quote}';

export const bankEntrySchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by "-"'),
    trigger: z.enum(TRIGGER_KINDS),
    subtype: z.string().nullable(),
    text: z.string().trim().min(1, 'must not be empty'),
    why: z.string().trim().min(1, 'must not be empty'),
    technique: z.enum(TECHNIQUES),
    quote: z.boolean(),
    suits: z.array(z.enum(RESPONSE_KINDS)).optional(),
  })
  .superRefine((e, ctx) => {
    const known: readonly string[] = TRIGGER_SUBTYPES[e.trigger];
    if (e.subtype !== null && !known.includes(e.subtype)) {
      ctx.addIssue({
        code: 'custom',
        path: ['subtype'],
        message: `"${e.subtype}" is not a subtype of ${e.trigger} (known: ${known.join(', ') || 'none, use null'})`,
      });
    }
    if (e.text.includes(QUOTE_SLOT) !== e.quote) {
      ctx.addIssue({
        code: 'custom',
        path: ['quote'],
        message: `is ${e.quote} but the text ${e.quote ? 'lacks' : 'holds'} ${QUOTE_SLOT}`,
      });
    }
  });

/**
 * Validates a parsed question-bank file and returns its entries. Throws WalkpointError naming
 * the file and the broken entry's id (or position when it has none).
 */
export function parseQuestionBank(data: unknown, file: string): QuestionEntry[] {
  const fail = (message: string): never => {
    throw new WalkpointError(
      'question-bank-invalid',
      `${message}; fix the entry or restore the file from the package`,
      { file },
    );
  };
  if (!Array.isArray(data)) fail('the question bank must be a JSON array of entries');
  const entries: QuestionEntry[] = [];
  const seen = new Set<string>();
  (data as unknown[]).forEach((raw, i) => {
    const result = bankEntrySchema.safeParse(raw);
    const id = (raw as { id?: unknown } | null)?.id;
    const name = typeof id === 'string' ? `entry "${id}"` : `entry #${i + 1}`;
    if (!result.success) {
      const issue = result.error.issues[0];
      fail(`${name}: ${issue.path.join('.') || 'entry'} ${issue.message}`);
      return;
    }
    const { subtype, suits, ...rest } = result.data;
    if (seen.has(rest.id)) fail(`${name} appears twice; ids must be unique`);
    seen.add(rest.id);
    entries.push({ ...rest, ...(subtype ? { subtype } : {}), ...(suits ? { suits } : {}) });
  });
  return entries;
}

let cached: QuestionEntry[] | undefined;

/** The bundled question bank (data/question-bank.json), validated once and cached. */
export function loadQuestionBank(): QuestionEntry[] {
  if (cached) return [...cached];
  const data = readDataJson('question-bank.json', {
    code: 'question-bank-invalid',
    what: 'the question bank',
  });
  cached = parseQuestionBank(data, 'data/question-bank.json').map((e) => Object.freeze(e));
  return [...cached];
}
