import { z } from 'zod';
import { WalkpointError } from '../core/errors.js';
import { CRITERION_IDS, type CriterionId } from './rubric/criteria.js';
import type { CriterionScore } from './rubric/rubric.js';

/** A call linked to a deal: a transcript file (relative to the deal file) or inline text. */
export type DealCallRef =
  | { path: string; rep?: string[] }
  | { transcript: string; title?: string; rep?: string[] };

/** A score the user confirmed or corrected; it overrides the proposal from the calls. */
export interface ManualScore {
  score: CriterionScore;
  /** The quote or fact the user bases it on. */
  evidence?: string;
  note?: string;
}

export interface Deal {
  name: string;
  company: string;
  stage: string;
  value: number;
  currency?: string;
  /** The salesperson who owns the deal; also the default rep name for its calls. */
  owner: string;
  nextStep?: { date: string; purpose: string };
  calls: DealCallRef[];
  scores: Partial<Record<CriterionId, ManualScore>>;
}

const text = z.string().trim().min(1, 'must not be empty');
const reps = z.array(text).min(1, 'must name at least one salesperson').optional();

const manualScore = z.strictObject({
  score: z.union([z.literal(0), z.literal(1), z.literal(2)], {
    error: (issue) => `must be 0, 1 or 2 (got ${JSON.stringify(issue.input)})`,
  }),
  evidence: z.string().optional(),
  note: z.string().optional(),
});

const dealSchema = z.strictObject({
  name: text,
  company: text,
  stage: text,
  value: z.number().nonnegative('must be 0 or more'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter code like USD')
    .optional(),
  owner: text,
  nextStep: z
    .strictObject({
      date: z.iso.date('must be a date as YYYY-MM-DD'),
      purpose: text,
    })
    .optional(),
  calls: z
    .array(
      z.union([
        text.transform((path) => ({ path })),
        z.strictObject({ path: text, rep: reps }),
        z.strictObject({ transcript: text, title: z.string().optional(), rep: reps }),
      ]),
    )
    .default([]),
  scores: z
    .strictObject(
      Object.fromEntries(CRITERION_IDS.map((id) => [id, manualScore.optional()])) as Record<
        CriterionId,
        z.ZodOptional<typeof manualScore>
      >,
    )
    .default({}),
});

/**
 * Validates a parsed deal file. Unknown fields and out-of-range scores throw a WalkpointError
 * naming the field (`scores.budget.score`) and the file.
 */
export function parseDeal(data: unknown, file?: string): Deal {
  const result = dealSchema.safeParse(data);
  if (!result.success) {
    throw new WalkpointError('deal-invalid', describeIssue(result.error.issues[0]), { file });
  }
  return result.data as Deal;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const at = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const fields = issue.keys.map((k) => (at ? `${at}.${k}` : k));
    const known = knownFields(issue.path);
    return `unknown field ${fields.map((f) => `"${f}"`).join(', ')}${known ? `; known fields here: ${known}` : ''}`;
  }
  if (issue.code === 'invalid_union' && at.startsWith('calls.')) {
    return `field "${at}" must be a path, {"path", "rep"} or {"transcript", "title", "rep"}`;
  }
  if (!at) return `a deal must be a JSON object (${issue.message})`;
  return `field "${at}" ${issue.message.replace(/^Invalid input: /, '')}`;
}

/** The fields an object at `path` accepts, so an unknown-field error can say what was meant. */
function knownFields(path: PropertyKey[]): string | undefined {
  if (path.length === 0) return Object.keys(dealSchema.shape).join(', ');
  if (path.length === 1 && path[0] === 'scores') return CRITERION_IDS.join(', ');
  if (path.length === 2 && path[0] === 'scores') return 'score, evidence, note';
  if (path.length === 1 && path[0] === 'nextStep') return 'date, purpose';
  return undefined;
}
