import { z } from 'zod';
import { loadData } from '../core/data.js';
import { TECHNIQUES, type Technique } from './bank.js';

/** What `praise` reads from a moment (a full `Moment` fits). */
export interface PraiseFor {
  trigger: { kind: string; subtype?: string };
  response: { kind: string; reasons: string[] };
}

export const praiseSchema = z.object({
  techniques: z.record(z.enum(TECHNIQUES), z.string().min(1)),
  default: z.string().min(1),
  triggers: z.record(z.string(), z.string().min(1)),
});
type PraiseData = z.infer<typeof praiseSchema>;

let cached: PraiseData | undefined;

function loadPraise(): PraiseData {
  if (cached) return cached;
  cached = loadData('praise.json', praiseSchema, { code: 'praise-invalid' });
  return cached;
}

/**
 * Reason ids name the finding that decided the grade (`label/sounds-like`,
 * `pushback/disagree-because`, ...). Most specific move first: a negative reverse is often also
 * phrased as a question, and a mirror is a kind of label.
 */
const TECHNIQUE_CUES: [Technique, RegExp][] = [
  ['negative-reverse', /negative-?reverse|takeaway/],
  ['upfront-contract', /up-?front|contract/],
  ['mirror', /mirror|echo/],
  ['label', /label/],
  ['push-back', /push-?back|disagree/],
  ['tough-question', /tough-question|question/],
];

/** The move a challenged response used, inferred from its reasons (undefined if none match). */
export function techniqueOf(reasons: string[]): Technique | undefined {
  const text = reasons.join(' ').toLowerCase();
  return TECHNIQUE_CUES.find(([, cue]) => cue.test(text))?.[0];
}

/**
 * One line on what worked, for a moment the rep handled with a challenge. Returns an empty
 * string for any other response: there is nothing to praise.
 */
export function praise(moment: PraiseFor): string {
  if (moment.response.kind !== 'challenged') return '';
  const data = loadPraise();
  const { kind, subtype } = moment.trigger;
  const name =
    (subtype && data.triggers[`${kind}:${subtype}`]) || data.triggers[kind] || 'the walk-point';
  const technique = techniqueOf(moment.response.reasons);
  const template = (technique && data.techniques[technique]) || data.default;
  return template.replaceAll('{trigger}', name);
}
