import { z } from 'zod';
import { loadData } from '../core/data.js';
import { WalkpointError } from '../core/errors.js';
import { CRITERIA, type CriterionId, criterion, PLAN_ORDER } from './rubric/criteria.js';
import type { CriterionScore } from './rubric/rubric.js';

/** A nothing-to-lose question for the next call. */
export interface PlanQuestion {
  id: string;
  text: string;
  why: string;
}

/** One criterion below 2 and what to ask about it, in the order to ask. */
export interface PlanStep {
  criterion: CriterionId;
  label: string;
  score: CriterionScore;
  /** The pieces the questions go after (`verify` when the gap is only that it is unverified). */
  missing: string[];
  questions: PlanQuestion[];
}

/** What the plan needs to know about each criterion. */
export interface PlanInput {
  criterion: CriterionId;
  score: CriterionScore;
  missing: string[];
  /** Words from the calls or the deal to fit the questions, e.g. `decider`: "Dr. Marsh". */
  fill?: Record<string, string>;
}

/** Stand-ins good enough to say when the calls do not give the words. */
const DEFAULT_FILL: Record<string, string> = { decider: 'the decider' };

/** A question as written in data/deal-plan.json: `fallback` is said when a slot cannot be filled. */
type PlanEntry = PlanQuestion & { fallback?: string };

/**
 * Fills each `{slot}` with the call's (or the deal's) own words. A question with a slot nothing
 * fills is never printed with the slot or a placeholder: its `fallback` is asked instead, or,
 * without one, the question is left out.
 */
function fitted(q: PlanEntry, fill: Record<string, string> = {}): PlanQuestion | undefined {
  const { fallback, ...plain } = q;
  let unfilled = false;
  const text = q.text.replace(/\{(\w+)\}/g, (_, slot: string) => {
    const words = fill[slot] ?? DEFAULT_FILL[slot];
    if (words === undefined) unfilled = true;
    return words ?? '';
  });
  if (!unfilled) return { ...plain, text };
  return fallback ? { ...plain, text: fallback } : undefined;
}

const question = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  text: z.string().trim().min(1),
  fallback: z
    .string()
    .trim()
    .min(1)
    .refine((t) => !/\{\w+\}/.test(t), 'must hold no {slot}')
    .optional(),
  why: z.string().trim().min(1),
});
export const planSchema = z.record(z.string(), z.record(z.string(), z.array(question).min(1)));

let cached: Record<string, Record<string, PlanEntry[]>> | undefined;

/** The question plans per criterion and missing piece (data/deal-plan.json), checked once. */
export function loadPlanData(): Record<string, Record<string, PlanEntry[]>> {
  if (cached) return cached;
  const plan = loadData('deal-plan.json', planSchema, { code: 'deal-plan-invalid' });
  for (const c of CRITERIA) {
    for (const piece of [...c.pieces, 'verify']) {
      if (!plan[c.id]?.[piece]) {
        throw new WalkpointError(
          'deal-plan-invalid',
          `no questions for ${c.id} / ${piece}; restore the file from the package`,
          { file: 'data/deal-plan.json' },
        );
      }
    }
  }
  cached = plan;
  return cached;
}

/**
 * The walk-point call plan: for each criterion below 2, the questions that go after what is
 * missing, ordered reason first, calendar last (PLAN_ORDER).
 */
export function callPlan(inputs: PlanInput[]): PlanStep[] {
  const data = loadPlanData();
  const byId = new Map(inputs.map((i) => [i.criterion, i]));
  const steps: PlanStep[] = [];
  for (const id of PLAN_ORDER) {
    const input = byId.get(id);
    if (!input || input.score >= 2) continue;
    const { pieces, label } = criterion(id);
    const known = input.missing.filter((p) => pieces.includes(p));
    const missing = input.score === 0 ? [...pieces] : known.length > 0 ? known : ['verify'];
    steps.push({
      criterion: id,
      label,
      score: input.score,
      missing,
      questions: missing.flatMap((piece) =>
        data[id][piece].flatMap((q) => fitted(q, input.fill) ?? []),
      ),
    });
  }
  return steps;
}
