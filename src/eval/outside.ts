import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { WalkpointError } from '../core/errors.js';
import type { Moment } from '../core/types.js';
import { splitKind } from '../core/vocabulary.js';
import { analyzeInDepth } from '../engine/analyze.js';
import { readLabelsFile } from './calls.js';
import { type Counts, type Prf, prf } from './metrics.js';

/**
 * Measures the engine on a blind-labelled set of whole conversations written by other people:
 * a folder with `calls/*.txt` and one `labels.json` holding, per file, the rep speaker and the
 * agreed walk-points by line, each with the trigger kinds and the grades either labeller gave.
 * Scored as the held-out check scores it: a labelled turn is found when the engine puts a moment
 * of one of its trigger kinds on it (a stall and a timing objection are the same delay); every
 * other moment is a false positive unless one labeller alone marked the turn (`optional`).
 */

const momentSchema = z.object({
  line: z.number().int().positive(),
  quote: z.string().optional(),
  triggers: z.array(z.string()).min(1),
  responses: z.array(z.string()).min(1),
});
const fileSchema = z.object({
  rep: z.string().min(1),
  moments: z.array(momentSchema),
  optional: z.array(z.object({ line: z.number().int().positive() }).passthrough()).optional(),
});
const labelsSchema = z.record(z.string(), fileSchema);

export interface OutsideMiss {
  file: string;
  line: number;
  text: string;
  gold?: string[];
  predicted?: string;
  goldResponses?: string[];
  predictedResponse?: string;
  confidence?: number;
  needsReview?: boolean;
}

/** Grade accuracy for moments whose confidence falls in a bin. */
export interface ReliabilityBin {
  from: number;
  to: number;
  moments: number;
  /** Mean stated confidence in the bin. */
  confidence: number;
  /** Share of those moments whose grade matches a labeller. */
  accuracy: number;
}

export interface OutsideEval {
  folder: string;
  files: number;
  labelled: number;
  turns: Prf;
  /** The same scoring for each source group (the file name's second part: p4g, casino, ...). */
  byGroup: Record<string, Prf>;
  /** Grades on the labelled turns the engine found. */
  grades: { right: number; total: number; accuracy: number };
  /** Grades on found moments the engine did not flag for review. */
  confident: { right: number; total: number; accuracy: number; share: number };
  reliability: ReliabilityBin[];
  misses: OutsideMiss[];
}

/** Delays count alike: a stall and a timing objection. */
function family(kind: string): string {
  const { kind: base, subtype } = splitKind(kind);
  if (base === 'stall' || (base === 'objection' && subtype === 'timing')) return 'delay';
  return base;
}

function readOutsideLabels(folder: string): z.infer<typeof labelsSchema> {
  return readLabelsFile(join(folder, 'labels.json'), labelsSchema);
}

/** A folder laid out as an outside set: `labels.json` beside a `calls/` folder. */
export function isOutsideSet(folder: string): boolean {
  return (
    existsSync(join(folder, 'labels.json')) &&
    existsSync(join(folder, 'calls')) &&
    statSync(join(folder, 'calls')).isDirectory()
  );
}

const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 1000 : 0);

const BINS = [0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001];

export function evaluateOutside(folder: string): OutsideEval {
  const labels = readOutsideLabels(folder);
  const turns: Counts = { tp: 0, fp: 0, fn: 0 };
  const groups = new Map<string, Counts>();
  const grades = { right: 0, total: 0 };
  const confident = { right: 0, total: 0 };
  const binned = BINS.slice(1).map(() => ({ n: 0, right: 0, conf: 0 }));
  const misses: OutsideMiss[] = [];
  let labelled = 0;

  const names = readdirSync(join(folder, 'calls'))
    .filter((n) => labels[n])
    .sort();
  for (const name of names) {
    const spec = labels[name];
    const file = join(folder, 'calls', name);
    const group = name.split(/[-.]/)[1] ?? 'other';
    const { analysis, annotated } = analyzeInDepth(readFileSync(file), {
      rep: [spec.rep],
      file,
    });
    const byLine = new Map(annotated.map((t) => [t.line, t]));
    const gold = new Map<number, (typeof spec.moments)[number]>();
    for (const m of spec.moments) {
      const turn = byLine.get(m.line);
      if (!turn) {
        throw new WalkpointError('bad-labels', `no turn starts on line ${m.line}`, {
          file: join(folder, 'labels.json'),
        });
      }
      gold.set(turn.index, m);
    }
    labelled += spec.moments.length;
    const optional = new Set(
      (spec.optional ?? []).map((o) => byLine.get(o.line)?.index).filter((i) => i !== undefined),
    );
    const predicted = new Map<number, Moment>(analysis.moments.map((m) => [m.turn, m]));
    for (const turn of annotated) {
      const g = gold.get(turn.index);
      const p = predicted.get(turn.index);
      if (!g && (!p || optional.has(turn.index))) continue;
      const found = !!g && !!p && g.triggers.some((k) => family(k) === family(p.trigger.kind));
      // a moment of another kind on a labelled turn is a miss and a false alarm at once
      const counts = groups.get(group) ?? { tp: 0, fp: 0, fn: 0 };
      groups.set(group, counts);
      for (const c of [turns, counts]) {
        if (found) c.tp++;
        else {
          if (g) c.fn++;
          if (p) c.fp++;
        }
      }
      let right: boolean | undefined;
      if (found && g && p) {
        right = g.responses.includes(p.response.kind);
        grades.total++;
        if (right) grades.right++;
        if (!p.needsReview) {
          confident.total++;
          if (right) confident.right++;
        }
        const conf = p.confidence ?? 0;
        const bin = binned.findIndex((_, i) => conf >= BINS[i] && conf < BINS[i + 1]);
        if (bin >= 0) {
          binned[bin].n++;
          binned[bin].conf += conf;
          if (right) binned[bin].right++;
        }
      }
      if (!found || right === false) {
        misses.push({
          file: name,
          line: turn.line ?? 0,
          text: turn.text.slice(0, 240),
          ...(g ? { gold: g.triggers, goldResponses: g.responses } : {}),
          ...(p
            ? {
                predicted: `${p.trigger.kind}${p.trigger.subtype ? `:${p.trigger.subtype}` : ''}`,
                predictedResponse: p.response.kind,
                confidence: p.confidence,
                needsReview: p.needsReview,
              }
            : {}),
        });
      }
    }
  }
  const byGroup = Object.fromEntries([...groups].map(([g, c]) => [g, prf(c)]));
  return {
    folder,
    files: names.length,
    labelled,
    turns: prf(turns),
    byGroup,
    grades: { ...grades, accuracy: ratio(grades.right, grades.total) },
    confident: {
      ...confident,
      accuracy: ratio(confident.right, confident.total),
      share: ratio(confident.total, grades.total),
    },
    reliability: binned.map((b, i) => ({
      from: BINS[i],
      to: Math.min(1, BINS[i + 1]),
      moments: b.n,
      confidence: ratio(b.conf, b.n),
      accuracy: ratio(b.right, b.n),
    })),
    misses,
  };
}
