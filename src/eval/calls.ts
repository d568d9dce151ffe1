import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { WalkpointError } from '../core/errors.js';
import { RESPONSE_KINDS, TRIGGER_KINDS, TRIGGER_SUBTYPES } from '../core/vocabulary.js';
import { analyzeInDepth } from '../engine/analyze.js';
import { responseAt } from '../moments/index.js';
import { keywordBaseline } from './baselines.js';
import { Confusion, LabelCounter, type Prf } from './metrics.js';
import { trainsOn } from './training-set.js';

/**
 * Measures the engine on labelled transcripts: a transcript plus `<name>.labels.json` listing
 * the expected moments by a quote from the trigger turn, the trigger kind and subtype, and the
 * expected response.
 */

const momentSchema = z.object({
  quote: z.string().min(1),
  trigger: z.enum(TRIGGER_KINDS),
  subtype: z.string().optional(),
  response: z.enum(RESPONSE_KINDS),
});
const labelsSchema = z.object({
  call: z.string().min(1),
  split: z.enum(['train', 'dev', 'test']).optional(),
  rep: z.array(z.string()).min(1),
  /** Where a conversation written outside the project comes from (licence and attribution). */
  source: z.object({ corpus: z.string(), id: z.string(), licence: z.string() }).optional(),
  moments: z.array(momentSchema.passthrough()),
});
export type CallLabels = z.infer<typeof labelsSchema>;

export interface CallMiss {
  call: string;
  turn: number;
  text: string;
  gold?: string;
  predicted?: string;
  goldResponse?: string;
  predictedResponse?: string;
}

export interface CallEval {
  calls: number;
  split?: string;
  moments: number;
  /** Turn-level: is there a walk-point in this prospect turn? */
  anyTrigger: { engine: Prf; rulesOnly: Prf; keywords: Prf };
  /** Per trigger kind (the strongest trigger of the turn against the label). */
  byKind: Record<string, Prf>;
  bySubtype: Record<string, Prf>;
  /** Responses graded at the labelled moments (trigger detection set aside). */
  response: ReturnType<Confusion['toJSON']> & { majorityBaseline: number };
  /** Responses on moments the engine found itself, end to end. */
  responseEndToEnd: { accuracy: number; total: number };
  misses: CallMiss[];
  /** Every call measured here trained the shipped models (corpus train split, the examples). */
  trainingData: boolean;
  /** How many of the calls measured trained the shipped models. */
  trainingCalls: number;
  /** Said when any call measured is training data: these figures are not generalisation. */
  note?: string;
}

/** What a score on training calls means, in a sentence. */
export function trainingNote(trainingCalls: number, calls: number): string | undefined {
  if (trainingCalls === 0) return undefined;
  const which =
    trainingCalls === calls
      ? `All ${calls} calls measured are training data`
      : `${trainingCalls} of the ${calls} calls measured are training data`;
  return `${which} (the corpus train split or the bundled examples): the shipped models learned from them, so the scores show fit, not how the engine does on new calls. Measure corpus/calls with --split test for that.`;
}

function normalizeSpace(s: string): string {
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Reads a JSON labels file of the given shape, naming the file and the field that is wrong. */
export function readLabelsFile<T>(file: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new WalkpointError('bad-labels', `not a readable labels file: ${(e as Error).message}`, {
      file,
    });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new WalkpointError('bad-labels', `field "${issue.path.join('.')}": ${issue.message}`, {
      file,
    });
  }
  return parsed.data;
}

/** Reads a labels file, naming the field that is wrong. */
export function readLabels(file: string): CallLabels {
  const labels = readLabelsFile(file, labelsSchema);
  for (const [i, m] of labels.moments.entries()) {
    const subtypes = TRIGGER_SUBTYPES[m.trigger] as readonly string[];
    if (m.subtype !== undefined && !subtypes.includes(m.subtype)) {
      throw new WalkpointError(
        'bad-labels',
        `field "moments.${i}.subtype": "${m.subtype}" is not a subtype of ${m.trigger} (${subtypes.join(', ') || 'none'})`,
        { file },
      );
    }
  }
  return labels;
}

/** Labels files under the given paths (files or folders, recursively), by their suffix. */
export function findLabelFiles(paths: string[], suffix = '.labels.json'): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const e of readdirSync(p).sort()) walk(join(p, e));
    } else if (p.endsWith(suffix)) out.push(p);
  };
  for (const p of paths) walk(p);
  return out;
}

export interface CallEvalOptions {
  split?: string;
}

export function evaluateCalls(labelFiles: string[], options: CallEvalOptions = {}): CallEval {
  const any = {
    engine: new LabelCounter(),
    rules: new LabelCounter(),
    keywords: new LabelCounter(),
  };
  const kinds = new LabelCounter();
  const subtypes = new LabelCounter();
  for (const k of TRIGGER_KINDS) kinds.touch(k);
  const confusion = new Confusion();
  const endToEnd = new Confusion();
  const goldResponses: string[] = [];
  const misses: CallMiss[] = [];
  let calls = 0;
  let trainingCalls = 0;

  for (const file of labelFiles) {
    const labels = readLabels(file);
    if (options.split && labels.split !== options.split) continue;
    calls++;
    if (trainsOn(file, labels.split)) trainingCalls++;
    const callFile = join(dirname(file), labels.call);
    let bytes: Buffer;
    try {
      bytes = readFileSync(callFile);
    } catch {
      throw new WalkpointError(
        'bad-labels',
        `field "call": no transcript ${labels.call} beside the labels file`,
        { file },
      );
    }
    const { analysis, annotated } = analyzeInDepth(bytes, { rep: labels.rep, file: callFile });
    const findings = analysis.findings;

    // where each labelled moment is
    const goldAt = new Map<number, (typeof labels.moments)[number]>();
    for (const [i, m] of labels.moments.entries()) {
      const want = normalizeSpace(m.quote);
      const turn = annotated.find(
        (t) => t.role === 'prospect' && normalizeSpace(t.text).includes(want),
      );
      if (!turn) {
        throw new WalkpointError(
          'bad-labels',
          `field "moments.${i}.quote": no prospect turn contains "${m.quote}"`,
          { file },
        );
      }
      goldAt.set(turn.index, m);
    }
    const predictedAt = new Map(analysis.moments.map((m) => [m.turn, m]));
    const rulesOnly = analyzeInDepth(bytes, {
      rep: labels.rep,
      file: callFile,
      skipDetectors: ['trigger-model'],
    });
    const rulesAt = new Set(rulesOnly.analysis.moments.map((m) => m.turn));

    for (const turn of annotated) {
      if (turn.role !== 'prospect') continue;
      const gold = goldAt.get(turn.index);
      const got = predictedAt.get(turn.index);
      const goldKind = gold ? [gold.trigger] : [];
      const gotKind = got ? [got.trigger.kind] : [];
      any.engine.add(gold ? ['x'] : [], got ? ['x'] : []);
      any.rules.add(gold ? ['x'] : [], rulesAt.has(turn.index) ? ['x'] : []);
      any.keywords.add(gold ? ['x'] : [], keywordBaseline(turn.text).length > 0 ? ['x'] : []);
      kinds.add(goldKind, gotKind);
      subtypes.add(
        gold?.subtype ? [`${gold.trigger}:${gold.subtype}`] : [],
        got?.trigger.subtype ? [`${got.trigger.kind}:${got.trigger.subtype}`] : [],
      );
      const goldLabel = gold
        ? `${gold.trigger}${gold.subtype ? `:${gold.subtype}` : ''}`
        : undefined;
      const gotLabel = got
        ? `${got.trigger.kind}${got.trigger.subtype ? `:${got.trigger.subtype}` : ''}`
        : undefined;
      let graded: string | undefined;
      if (gold) {
        graded = responseAt(annotated, findings, undefined, turn.index).kind;
        confusion.add(gold.response, graded);
        goldResponses.push(gold.response);
        if (got) endToEnd.add(gold.response, got.response.kind);
      }
      if (
        goldLabel?.split(':')[0] !== gotLabel?.split(':')[0] ||
        (gold && graded !== gold.response)
      ) {
        misses.push({
          call: basename(callFile),
          turn: turn.index,
          text: turn.text,
          ...(goldLabel ? { gold: goldLabel } : {}),
          ...(gotLabel ? { predicted: gotLabel } : {}),
          ...(gold ? { goldResponse: gold.response, predictedResponse: graded } : {}),
        });
      }
    }
  }

  const counts = new Map<string, number>();
  for (const r of goldResponses) counts.set(r, (counts.get(r) ?? 0) + 1);
  const majority = Math.max(0, ...counts.values());
  const note = trainingNote(trainingCalls, calls);
  return {
    calls,
    ...(options.split ? { split: options.split } : {}),
    moments: goldResponses.length,
    anyTrigger: {
      engine: any.engine.table(['x']).x,
      rulesOnly: any.rules.table(['x']).x,
      keywords: any.keywords.table(['x']).x,
    },
    byKind: kinds.table([...TRIGGER_KINDS]),
    bySubtype: subtypes.table(),
    response: {
      ...confusion.toJSON(),
      majorityBaseline: goldResponses.length
        ? Math.round((majority / goldResponses.length) * 1000) / 1000
        : 0,
    },
    responseEndToEnd: { accuracy: endToEnd.accuracy(), total: endToEnd.total },
    misses,
    trainingData: calls > 0 && trainingCalls === calls,
    trainingCalls,
    ...(note ? { note } : {}),
  };
}
