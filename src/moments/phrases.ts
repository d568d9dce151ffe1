import { z } from 'zod';
import { loadData } from '../core/data.js';

/**
 * The phrases and cue groups grading reads, kept as data (data/grading.json) beside the cue
 * patterns, each with a note and examples checked by a test.
 */

export const gradingSchema = z.object({
  phrases: z.record(
    z.string(),
    z.object({
      note: z.string().min(1),
      pattern: z.string().min(1),
      matches: z.array(z.string()).min(1),
      misses: z.array(z.string()).default([]),
    }),
  ),
  reasons: z.record(
    z.string(),
    z.object({
      note: z.string().min(1),
      detector: z.string().min(1),
      ids: z.array(z.string()).min(1),
    }),
  ),
});
export type GradingData = z.infer<typeof gradingSchema>;

let data: GradingData | undefined;

export function gradingData(): GradingData {
  data ??= loadData('grading.json', gradingSchema);
  return data;
}

const compiled = new Map<string, RegExp>();

/** A named phrase of data/grading.json, compiled case-insensitively. */
export function phrase(name: string): RegExp {
  let re = compiled.get(name);
  if (!re) {
    const entry = gradingData().phrases[name];
    if (!entry) throw new Error(`data/grading.json has no phrase "${name}"`);
    re = new RegExp(entry.pattern, 'i');
    compiled.set(name, re);
  }
  return re;
}

/** The cue ids of a named reason group of data/grading.json. */
export function reasons(name: string): ReadonlySet<string> {
  const entry = gradingData().reasons[name];
  if (!entry) throw new Error(`data/grading.json has no reason group "${name}"`);
  return new Set(entry.ids);
}
