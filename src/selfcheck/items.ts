import { z } from 'zod';
import { loadData } from '../core/data.js';
import { WalkpointError } from '../core/errors.js';

/** Links an item to walk-point moments: which triggers, and how to word the comparison. */
export interface ItemBehaviour {
  /** Trigger kinds, optionally with a subtype: `stall`, `objection:price`. */
  triggers: string[];
  /** The rep's self-rating in words, when they rate themselves well on this item. */
  claim: string;
  /** The moments, plural ("price and budget moments"). */
  moments: string;
}

export interface SelfCheckItem {
  n: number;
  subscale: string;
  reverse: boolean;
  text: string;
  behaviour?: ItemBehaviour;
}

export interface SelfCheckData {
  scale: { min: number; max: number; labels: string[] };
  subscales: { id: string; label: string }[];
  bands: { id: string; below: number | null; label: string }[];
  items: SelfCheckItem[];
}

export const selfcheckSchema = z.strictObject({
  note: z.string().optional(),
  scale: z.strictObject({
    min: z.number().int(),
    max: z.number().int(),
    labels: z.array(z.string()),
  }),
  subscales: z.array(z.strictObject({ id: z.string(), label: z.string() })).min(1),
  bands: z
    .array(z.strictObject({ id: z.string(), below: z.number().nullable(), label: z.string() }))
    .min(1),
  items: z
    .array(
      z.strictObject({
        n: z.number().int().positive(),
        subscale: z.string(),
        reverse: z.boolean(),
        text: z.string().min(1),
        behaviour: z
          .strictObject({
            triggers: z.array(z.string()).min(1),
            claim: z.string(),
            moments: z.string(),
          })
          .optional(),
      }),
    )
    .min(1),
});

let cached: SelfCheckData | undefined;

/** The twelve statements, subscales and bands (data/selfcheck.json), checked once. */
export function loadSelfCheck(): SelfCheckData {
  if (cached) return cached;
  const data = loadData('selfcheck.json', selfcheckSchema, { code: 'selfcheck-invalid' });
  const fail = (why: string): never => {
    throw new WalkpointError('selfcheck-invalid', `${why}; restore the file from the package`, {
      file: 'data/selfcheck.json',
    });
  };
  const ids = new Set(data.subscales.map((s) => s.id));
  data.items.forEach((item, i) => {
    if (item.n !== i + 1)
      fail(`item ${i + 1} is numbered ${item.n}; items must be numbered 1, 2, 3...`);
    if (!ids.has(item.subscale))
      fail(`item ${item.n} names an unknown subscale "${item.subscale}"`);
  });
  if (data.bands.at(-1)!.below !== null) fail('the last band must have "below": null');
  cached = data;
  return cached;
}
